/**
 * Column checksums of a table, two ways: DuckDB over the Parquet files, and over the rows an Iceberg
 * reader returned. Per column: the non-null count, and a sum exact in both (integers; UTF-8 bytes of
 * strings; milliseconds of timestamps, the precision the reader gives; days of dates; cents of
 * decimals; trues of booleans), or for doubles the exact minimum and maximum.
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ColumnSpec } from '../../src/schema/tableSpec.js';

export type Checksum = Record<string, string>;

function aggregates(c: ColumnSpec): Record<string, string> {
  const q = `"${c.name}"`;
  const sums: Record<ColumnSpec['type'], Record<string, string>> = {
    int32: { sum: `sum(${q})::HUGEINT` },
    int64: { sum: `sum(${q})::HUGEINT` },
    string: { sum: `sum(strlen(${q}))` },
    enum: { sum: `sum(strlen(${q}::VARCHAR))` },
    timestamp: { sum: `sum(epoch_ms(${q}))` },
    date: { sum: `sum(${q} - DATE '1970-01-01')` },
    decimal: { sum: `sum((${q} * 100)::BIGINT)` },
    bool: { sum: `count_if(${q})` },
    float64: { min: `min(${q})`, max: `max(${q})` },
  };
  return { count: `count(${q})`, ...sums[c.type] };
}

/** DuckDB's checksum of `files` (relative to `outDir`). */
export async function parquetChecksum(
  outDir: string,
  files: readonly string[],
  columns: readonly ColumnSpec[],
): Promise<Checksum> {
  const keys: string[] = ['rows'];
  const exprs: string[] = ['count(*)'];
  for (const c of columns) {
    for (const [k, e] of Object.entries(aggregates(c))) {
      keys.push(`${c.name}.${k}`);
      exprs.push(`(${e})::VARCHAR`);
    }
  }
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    await con.run(`SET TimeZone = 'UTC'`);
    const list = files.map((f) => `'${join(outDir, f)}'`).join(', ');
    const [row] = (
      await con.runAndReadAll(`SELECT ${exprs.join(', ')} FROM read_parquet([${list}])`)
    ).getRowsJS();
    // Doubles as JavaScript prints them, as the reader's side does (DuckDB writes 20.0 for 20).
    const text = (k: string, v: unknown) =>
      v === null || v === undefined ? 'null' : /\.(min|max)$/.test(k) ? String(Number(v)) : String(v);
    return Object.fromEntries(keys.map((k, i) => [k, text(k, row![i])]));
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** The same checksum of rows as a reader returned them (int64 as bigint, timestamps and dates as Date). */
export function rowsChecksum(
  rows: readonly Record<string, unknown>[],
  columns: readonly ColumnSpec[],
): Checksum {
  const out: Checksum = { rows: String(rows.length) };
  for (const c of columns) {
    const values = rows.map((r) => r[c.name]).filter((v) => v !== null && v !== undefined);
    out[`${c.name}.count`] = String(values.length);
    const total = (f: (v: unknown) => bigint) =>
      values.length ? String(values.reduce<bigint>((a, v) => a + f(v), 0n)) : 'null';
    if (c.type === 'int32' || c.type === 'int64')
      out[`${c.name}.sum`] = total((v) => BigInt(v as number | bigint));
    else if (c.type === 'string' || c.type === 'enum')
      out[`${c.name}.sum`] = total((v) => BigInt(Buffer.byteLength(v as string)));
    else if (c.type === 'timestamp') out[`${c.name}.sum`] = total((v) => BigInt((v as Date).getTime()));
    else if (c.type === 'date')
      out[`${c.name}.sum`] = total((v) => BigInt((v as Date).getTime() / 86_400_000));
    else if (c.type === 'decimal')
      out[`${c.name}.sum`] = total((v) => BigInt(Math.round((v as number) * 100)));
    else if (c.type === 'bool') out[`${c.name}.sum`] = String(values.filter((v) => v === true).length);
    else {
      const nums = values as number[];
      out[`${c.name}.min`] = nums.length ? String(nums.reduce((a, v) => Math.min(a, v))) : 'null';
      out[`${c.name}.max`] = nums.length ? String(nums.reduce((a, v) => Math.max(a, v))) : 'null';
    }
  }
  return out;
}
