/**
 * DuckDB result chunks → PostgreSQL binary COPY bytes. Each column is copied in one loop over its
 * DuckDB vector (typed views of the native memory, byte-swapped to network order), into a buffer
 * sized exactly beforehand: no per-row objects, no text formatting or parsing on either side.
 */
import { endianness } from 'node:os';
import duckdb from '@duckdb/node-bindings';
import { DECIMAL_SCALE } from '../arrow/toRecordBatch.js';
import { numericBytes } from './pgNumeric.js';
import type { WireColumn, WireKind } from './wireColumns.js';

/** `PGCOPY\n\377\r\n\0`, flags 0, no header extension. */
const HEADER = Buffer.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
]);
/** Field count −1 ends the data. */
const TRAILER = Buffer.from([0xff, 0xff]);

/** Bytes per value in DuckDB's vector (strings: a 16-byte string_t), and on the wire (−1: varies). */
const WIDTH: Record<WireKind, readonly [duck: number, wire: number]> = {
  int32: [4, 4],
  int64: [8, 8],
  float64: [8, 8],
  bool: [1, 1],
  timestamp: [8, 8],
  date: [4, 4],
  decimal: [8, -1],
  text: [16, -1],
  enum8: [1, -1],
  enum16: [2, -1],
  enum32: [4, -1],
};

if (endianness() !== 'LE')
  throw new Error('gen-parquet load: binary COPY encoding assumes a little-endian CPU');

export class BinaryCopyEncoder {
  constructor(private readonly columns: readonly WireColumn[]) {}

  header(): Buffer {
    return HEADER;
  }

  trailer(): Buffer {
    return TRAILER;
  }

  /** One chunk's rows as binary COPY tuples. */
  encode(chunk: duckdb.DataChunk): Buffer {
    const n = duckdb.data_chunk_get_size(chunk);
    const k = this.columns.length;
    const data: Uint8Array[] = [];
    const valid: (Uint8Array | null)[] = [];
    // Pass 1: every row's length, column by column (numerics are encoded here, as they vary).
    const rowBytes = new Int32Array(n).fill(2);
    const numerics: (Buffer | undefined)[][] = [];
    for (let c = 0; c < k; c++) {
      const column = this.columns[c]!;
      const vector = duckdb.data_chunk_get_vector(chunk, c);
      const bytes = duckdb.vector_get_data(vector, n * WIDTH[column.kind][0]);
      const validity = duckdb.vector_get_validity(vector, Math.ceil(n / 64) * 8);
      data.push(bytes);
      valid.push(validity);
      const fixed = WIDTH[column.kind][1];
      for (let r = 0; r < n; r++) {
        if (validity && !((validity[r >> 3]! >> (r & 7)) & 1)) rowBytes[r]! += 4;
        else if (fixed >= 0) rowBytes[r]! += 4 + fixed;
      }
      if (fixed >= 0) continue;
      const isValid = (r: number) => !validity || ((validity[r >> 3]! >> (r & 7)) & 1) === 1;
      if (column.kind === 'text') {
        const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        for (let r = 0; r < n; r++) if (isValid(r)) rowBytes[r]! += 4 + dv.getUint32(r * 16, true);
      } else if (column.kind === 'decimal') {
        const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        const encoded: (Buffer | undefined)[] = new Array(n);
        for (let r = 0; r < n; r++)
          if (isValid(r)) {
            encoded[r] = numericBytes(dv.getBigInt64(r * 8, true), DECIMAL_SCALE);
            rowBytes[r]! += 4 + encoded[r]!.length;
          }
        numerics[c] = encoded;
      } else {
        const index = enumIndex(column.kind, bytes, n);
        const members = column.members!;
        for (let r = 0; r < n; r++) if (isValid(r)) rowBytes[r]! += 4 + members[index[r]!]!.length;
      }
    }
    // Pass 2: each row's start; then the fields, column by column, each row's cursor moving on.
    const at = new Int32Array(n);
    let total = 0;
    for (let r = 0; r < n; r++) {
      at[r] = total;
      total += rowBytes[r]!;
    }
    const out = Buffer.allocUnsafe(total);
    const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
    for (let r = 0; r < n; r++) {
      dv.setInt16(at[r]!, k);
      at[r]! += 2;
    }
    for (let c = 0; c < k; c++)
      writeColumn(this.columns[c]!, data[c]!, valid[c]!, numerics[c], n, out, dv, at);
    return out;
  }
}

function enumIndex(kind: WireKind, bytes: Uint8Array, n: number): Uint8Array | Uint16Array | Uint32Array {
  if (kind === 'enum8') return bytes;
  return kind === 'enum16'
    ? new Uint16Array(aligned(bytes, 2).buffer, aligned(bytes, 2).byteOffset, n)
    : new Uint32Array(aligned(bytes, 4).buffer, aligned(bytes, 4).byteOffset, n);
}

/** A typed view needs an aligned offset; DuckDB's vectors are, but copy if one ever is not. */
function aligned(bytes: Uint8Array, to: number): Uint8Array {
  return bytes.byteOffset % to === 0 ? bytes : bytes.slice();
}

function writeColumn(
  column: WireColumn,
  bytes: Uint8Array,
  validity: Uint8Array | null,
  numerics: readonly (Buffer | undefined)[] | undefined,
  n: number,
  out: Buffer,
  dv: DataView,
  at: Int32Array,
): void {
  const isNull = (r: number) => validity !== null && ((validity[r >> 3]! >> (r & 7)) & 1) === 0;
  const nullField = (r: number) => {
    dv.setInt32(at[r]!, -1);
    at[r]! += 4;
  };
  switch (column.kind) {
    case 'int32':
    case 'date': {
      const src = new Int32Array(aligned(bytes, 4).buffer, aligned(bytes, 4).byteOffset, n);
      for (let r = 0; r < n; r++) {
        if (isNull(r)) nullField(r);
        else {
          const p = at[r]!;
          dv.setInt32(p, 4);
          dv.setInt32(p + 4, src[r]!);
          at[r] = p + 8;
        }
      }
      return;
    }
    case 'int64':
    case 'float64':
    case 'timestamp': {
      // Eight bytes in network order: the high 32-bit word first (the CPU is little-endian).
      const src = new Uint32Array(aligned(bytes, 4).buffer, aligned(bytes, 4).byteOffset, 2 * n);
      for (let r = 0; r < n; r++) {
        if (isNull(r)) nullField(r);
        else {
          const p = at[r]!;
          dv.setInt32(p, 8);
          dv.setUint32(p + 4, src[2 * r + 1]!);
          dv.setUint32(p + 8, src[2 * r]!);
          at[r] = p + 12;
        }
      }
      return;
    }
    case 'bool':
      for (let r = 0; r < n; r++) {
        if (isNull(r)) nullField(r);
        else {
          const p = at[r]!;
          dv.setInt32(p, 1);
          out[p + 4] = bytes[r] ? 1 : 0;
          at[r] = p + 5;
        }
      }
      return;
    case 'decimal':
      for (let r = 0; r < n; r++) {
        if (isNull(r)) nullField(r);
        else {
          const p = at[r]!;
          const value = numerics![r]!;
          dv.setInt32(p, value.length);
          out.set(value, p + 4);
          at[r] = p + 4 + value.length;
        }
      }
      return;
    case 'text': {
      // A string_t: uint32 length, then the bytes inline when ≤ 12, else a prefix and a pointer.
      const sv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let r = 0; r < n; r++) {
        if (isNull(r)) nullField(r);
        else {
          const p = at[r]!;
          const length = sv.getUint32(r * 16, true);
          dv.setInt32(p, length);
          out.set(
            length <= 12
              ? bytes.subarray(r * 16 + 4, r * 16 + 4 + length)
              : duckdb.get_data_from_pointer(
                  bytes.buffer as ArrayBuffer,
                  bytes.byteOffset + r * 16 + 8,
                  length,
                ),
            p + 4,
          );
          at[r] = p + 4 + length;
        }
      }
      return;
    }
    default: {
      const index = enumIndex(column.kind, bytes, n);
      const members = column.members!;
      for (let r = 0; r < n; r++) {
        if (isNull(r)) nullField(r);
        else {
          const p = at[r]!;
          const member = members[index[r]!]!;
          dv.setInt32(p, member.length);
          for (let i = 0; i < member.length; i++) out[p + 4 + i] = member[i]!;
          at[r] = p + 4 + member.length;
        }
      }
    }
  }
}
