/**
 * Rows of a built table picked by index into a new batch: a change log's rows are its table's rows
 * at the changes, with the changing columns set afterwards. `shareBatch` puts a main-thread batch
 * where workers read it in place (strings as UTF-8 in SharedArrayBuffers).
 */
import type { Alloc } from './arena.js';
import type { Batch, ColumnValues } from './batch.js';
import { shareArrays } from './shareArrays.js';
import { isUtf8Values, Utf8Column, type Utf8Values } from './utf8Column.js';

/** `batch` with every column and validity in SharedArrayBuffers (string columns as UTF-8 bytes and offsets). */
export function shareBatch(batch: Batch): Batch {
  const columns: Record<string, ColumnValues> = {};
  for (const [name, values] of Object.entries(batch.columns)) {
    if (ArrayBuffer.isView(values)) columns[name] = shareArrays({ v: values }).v;
    else {
      let utf8: Utf8Values;
      if (isUtf8Values(values)) utf8 = values;
      else {
        const built = new Utf8Column(batch.rows);
        for (const text of values) built.push(text);
        utf8 = built.values();
      }
      columns[name] = shareArrays(utf8);
    }
  }
  return { ...batch, columns, validity: shareArrays(batch.validity) };
}

function pickUtf8(values: Utf8Values, rows: ArrayLike<number>, n: number): Utf8Values {
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) {
    const r = rows[k]!;
    offsets[k + 1] = offsets[k]! + values.offsets[r + 1]! - values.offsets[r]!;
  }
  const bytes = new Uint8Array(offsets[n]!);
  for (let k = 0; k < n; k++) {
    const r = rows[k]!;
    bytes.set(values.bytes.subarray(values.offsets[r]!, values.offsets[r + 1]!), offsets[k]!);
  }
  return { offsets, bytes };
}

/** Rows `rows[0..n)` of `source` (a row may repeat), typed columns from `alloc`. */
export function pickRows(source: Batch, rows: ArrayLike<number>, n: number, alloc: Alloc): Batch {
  const columns: Record<string, ColumnValues> = {};
  for (const [name, values] of Object.entries(source.columns)) {
    if (isUtf8Values(values)) {
      columns[name] = pickUtf8(values, rows, n);
      continue;
    }
    if (!ArrayBuffer.isView(values)) {
      const strings = values as readonly string[];
      columns[name] = Array.from({ length: n }, (_, k) => strings[rows[k]!]!);
      continue;
    }
    // int64 as pairs of int32: no BigInt per row.
    const from =
      values instanceof BigInt64Array
        ? new Int32Array(values.buffer, values.byteOffset, values.length * 2)
        : values;
    const out =
      values instanceof BigInt64Array
        ? alloc.i64(n)
        : values instanceof Int32Array
          ? alloc.i32(n)
          : values instanceof Float64Array
            ? alloc.f64(n)
            : alloc.u8(n);
    if (values instanceof BigInt64Array) {
      const to = new Int32Array(out.buffer, out.byteOffset, n * 2);
      for (let k = 0; k < n; k++) {
        to[2 * k] = from[2 * rows[k]!]!;
        to[2 * k + 1] = from[2 * rows[k]! + 1]!;
      }
    } else {
      const to = out as Int32Array | Float64Array | Uint8Array;
      for (let k = 0; k < n; k++) to[k] = from[rows[k]!]!;
    }
    columns[name] = out;
  }
  const validity: Record<string, Uint8Array> = {};
  for (const [name, ok] of Object.entries(source.validity)) {
    const out = alloc.u8(n);
    for (let k = 0; k < n; k++) out[k] = ok[rows[k]!]!;
    validity[name] = out;
  }
  return { table: source.table, rows: n, columns, validity };
}
