/**
 * A string column built straight into UTF-8 bytes and offsets (Arrow's Utf8 layout), off the JS heap:
 * tens of millions of dimension strings (device serials, user emails at 1000x) held as JS strings
 * overran V8's heap, where these buffers cost their bytes and 4 per row.
 */

/** UTF-8 bytes of all rows and each row's start (row i is bytes[offsets[i], offsets[i + 1])). */
export interface Utf8Values {
  readonly offsets: Int32Array;
  readonly bytes: Uint8Array;
}

export function isUtf8Values(values: unknown): values is Utf8Values {
  return typeof values === 'object' && values !== null && 'offsets' in values && 'bytes' in values;
}

export class Utf8Column {
  private offsets: Int32Array;
  private bytes: Buffer;
  private n = 0;

  constructor(rowsHint = 1024) {
    this.offsets = new Int32Array(rowsHint + 1);
    this.bytes = Buffer.alloc(rowsHint * 16);
  }

  /** Appends a row; a null row is an empty string (its validity byte says null). */
  push(value: string): void {
    if (this.n + 1 === this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    const at = this.offsets[this.n]!;
    // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
    if (at + value.length * 3 > this.bytes.length) {
      const grown = Buffer.alloc(Math.max(this.bytes.length * 2, at + value.length * 3));
      this.bytes.copy(grown, 0, 0, at);
      this.bytes = grown;
    }
    this.offsets[++this.n] = at + this.bytes.write(value, at, 'utf8');
  }

  /** The finished column: copies trimmed to its rows and bytes. */
  values(): Utf8Values {
    const end = this.offsets[this.n]!;
    return {
      offsets: this.offsets.slice(0, this.n + 1),
      bytes: new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, end).slice(),
    };
  }
}

/** Row i of a string column in either form. */
export function stringAt(values: readonly string[] | Utf8Values, i: number): string {
  if (!isUtf8Values(values)) return values[i]!;
  return Buffer.from(values.bytes.buffer, values.bytes.byteOffset, values.bytes.byteLength).toString(
    'utf8',
    values.offsets[i]!,
    values.offsets[i + 1]!,
  );
}
