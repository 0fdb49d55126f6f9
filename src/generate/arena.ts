/**
 * Where generators get their column arrays. `HEAP` allocates fresh ones; an `Arena` hands out
 * zeroed slices of a few reused buffers, so a worker that writes shard after shard stops churning
 * typed arrays: their memory would otherwise wait for V8's garbage collector (and peak RSS with it).
 */
export interface Alloc {
  f64(n: number): Float64Array;
  i32(n: number): Int32Array;
  u8(n: number): Uint8Array;
  i64(n: number): BigInt64Array;
}

export const HEAP: Alloc = {
  f64: (n) => new Float64Array(n),
  i32: (n) => new Int32Array(n),
  u8: (n) => new Uint8Array(n),
  i64: (n) => new BigInt64Array(n),
};

/** Smallest buffer an arena allocates; bigger requests get a buffer of their own size. */
const BLOCK_BYTES = 8 << 20;

/** Bump allocator over reused ArrayBuffers. Everything it handed out is invalid after `reset()`. */
export class Arena implements Alloc {
  /** Byte views of the buffers, to zero a slice without a new view per allocation. */
  private readonly blocks: Uint8Array[] = [];
  private block = 0;
  private offset = 0;

  /** Bytes held, for tests and tuning. */
  get capacity(): number {
    return this.blocks.reduce((a, b) => a + b.byteLength, 0);
  }

  /** Makes every buffer reusable; call only when nothing handed out is still read. */
  reset(): void {
    this.block = 0;
    this.offset = 0;
  }

  private take(bytes: number): [ArrayBuffer, number] {
    const size = (bytes + 7) & ~7; // 8-byte alignment for Float64Array and BigInt64Array
    while (this.block < this.blocks.length) {
      const view = this.blocks[this.block]!;
      if (this.offset + size <= view.length) {
        const at = this.offset;
        this.offset += size;
        view.fill(0, at, at + size);
        return [view.buffer as ArrayBuffer, at];
      }
      if (this.offset === 0 && view.length < size) {
        // Too small even empty: replace it rather than skip it for good.
        this.blocks[this.block] = new Uint8Array(Math.max(BLOCK_BYTES, size));
        continue;
      }
      this.block++;
      this.offset = 0;
    }
    this.blocks.push(new Uint8Array(Math.max(BLOCK_BYTES, size)));
    return this.take(bytes);
  }

  f64(n: number): Float64Array {
    const [buffer, at] = this.take(n * 8);
    return new Float64Array(buffer, at, n);
  }

  i32(n: number): Int32Array {
    const [buffer, at] = this.take(n * 4);
    return new Int32Array(buffer, at, n);
  }

  u8(n: number): Uint8Array {
    const [buffer, at] = this.take(n);
    return new Uint8Array(buffer, at, n);
  }

  i64(n: number): BigInt64Array {
    const [buffer, at] = this.take(n * 8);
    return new BigInt64Array(buffer, at, n);
  }
}

/** The int64 column as pairs of int32 (low, high), to fill it without BigInt. */
export function int32Pairs(column: BigInt64Array): Int32Array {
  return new Int32Array(column.buffer, column.byteOffset, column.length * 2);
}
