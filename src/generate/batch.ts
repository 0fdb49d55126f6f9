/** Generator output: one table's rows as typed columns, named as in src/schema/tables.ts. */
import type { Utf8Values } from './utf8Column.js';

export type ColumnValues =
  | Int32Array
  | BigInt64Array
  | Float64Array
  | Uint8Array
  | readonly string[]
  | Utf8Values;

export interface Batch {
  readonly table: string;
  readonly rows: number;
  readonly columns: Readonly<Record<string, ColumnValues>>;
  /** One byte per row (1 = value, 0 = null) for nullable columns; absent means no nulls. */
  readonly validity: Readonly<Record<string, Uint8Array>>;
}

/** Writes an integer below 2^53 into an int64 column through its Int32Array view (little-endian), no BigInt. */
export function setInt64(view: Int32Array, index: number, value: number): void {
  view[2 * index] = value >>> 0;
  view[2 * index + 1] = Math.floor(value / 4294967296);
}

/** An int64 column filled from whole numbers below 2^53 (µs timestamps, ids); NaN marks a null as 0. */
export function int64Column(values: ArrayLike<number>): BigInt64Array {
  const out = new BigInt64Array(values.length);
  const view = new Int32Array(out.buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    setInt64(view, i, Number.isNaN(v) ? 0 : v);
  }
  return out;
}

/** Validity bytes of a column where NaN means null. */
export function validityOfNaN(values: Float64Array): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Number.isNaN(values[i]!) ? 0 : 1;
  return out;
}
