/**
 * A table's every value as comparable text, ordered by primary key: read from the Parquet files by
 * DuckDB (the partition date from the Hive path, not derived), from PostgreSQL, from a DuckDB file,
 * or from a CSV file. Timestamps compare as microseconds since 1970, doubles as the JS number they parse to.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type pg from 'pg';
import { expect } from 'vitest';
import { keyColumns, type LoadColumn, loadColumns } from '../src/load/loadColumns.js';
import { duckdbType } from '../src/schema/dictionary.js';
import type { TableSpec } from '../src/schema/tableSpec.js';
import { tableGlob } from './helpers.js';

export type Rows = (string | null)[][];

const q = (name: string) => `"${name}"`;

function duckText(c: LoadColumn): string {
  if (c.type === 'timestamp') return `CAST(epoch_us(${q(c.name)}) AS VARCHAR)`;
  if (c.type === 'float64') return q(c.name);
  return `CAST(${q(c.name)} AS VARCHAR)`;
}

function pgText(c: LoadColumn): string {
  if (c.type === 'timestamp') return `((extract(epoch FROM ${q(c.name)}) * 1000000)::bigint)::text`;
  return `${q(c.name)}::text`;
}

const normalize = (columns: readonly LoadColumn[], rows: readonly (readonly unknown[])[]): Rows =>
  rows.map((row) =>
    row.map((v, i) => (v === null ? null : columns[i]!.type === 'float64' ? String(Number(v)) : String(v))),
  );

const orderBy = (spec: TableSpec) => keyColumns(spec).map(q).join(', ');

async function duckRows(open: string, sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(open);
  const con = await instance.connect();
  try {
    await con.run(`SET TimeZone = 'UTC'`);
    return (await con.runAndReadAll(sql)).getRowsJson() as unknown[][];
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** From the files; `source` is a DuckDB table expression with Hive partition columns. */
export async function parquetRows(source: string, spec: TableSpec): Promise<Rows> {
  const columns = loadColumns(spec);
  const list = columns.map((c, i) => `${duckText(c)} AS c${i}`).join(', ');
  return normalize(
    columns,
    await duckRows(':memory:', `SELECT ${list} FROM ${source} ORDER BY ${orderBy(spec)}`),
  );
}

/**
 * A CSV of `load --to csv:` as a DuckDB table expression: read as RFC 4180 with the TableSpec's types,
 * nothing sniffed; a timestamp is UTC text without an offset, and `""` is an empty string, not NULL.
 */
export function csvSource(path: string, spec: TableSpec): string {
  const types = loadColumns(spec).map(
    (c) => `'${c.name}': '${c.type === 'timestamp' ? 'TIMESTAMP' : duckdbType(c)}'`,
  );
  return (
    `read_csv('${path}', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', ` +
    `nullstr = '', allow_quoted_nulls = false, columns = {${types.join(', ')}})`
  );
}

export async function duckdbFileRows(file: string, table: string, spec: TableSpec): Promise<Rows> {
  const columns = loadColumns(spec);
  const list = columns.map((c, i) => `${duckText(c)} AS c${i}`).join(', ');
  return normalize(columns, await duckRows(file, `SELECT ${list} FROM ${table} ORDER BY ${orderBy(spec)}`));
}

export async function postgresRows(client: pg.Client, table: string, spec: TableSpec): Promise<Rows> {
  const columns = loadColumns(spec);
  const { rows } = await client.query({
    text: `SELECT ${columns.map((c, i) => `${pgText(c)} AS c${i}`).join(', ')} FROM ${table} ORDER BY ${orderBy(spec)}`,
    rowMode: 'array',
  });
  return normalize(columns, rows);
}

/** Equal rows; on a difference, the first differing row (a deep diff of 100k rows would take minutes). */
export function expectSameRows(actual: Rows, expected: Rows, label: string): void {
  expect(actual.length, `${label}: rows`).toBe(expected.length);
  if (JSON.stringify(actual) === JSON.stringify(expected)) return;
  const i = actual.findIndex((row, k) => JSON.stringify(row) !== JSON.stringify(expected[k]));
  expect(actual[i], `${label}: row ${i}`).toEqual(expected[i]);
}

/**
 * Each of `tables` as loaded equals its Parquet files under `out`. `loadedRows` reads one table back
 * from the target (DuckDB file or PostgreSQL), so both load tests make the same checks.
 */
export async function expectTablesMatchParquet(
  out: string,
  tables: readonly TableSpec[],
  loadedRows: (spec: TableSpec) => Promise<Rows>,
): Promise<void> {
  for (const spec of tables)
    expectSameRows(await loadedRows(spec), await parquetRows(tableGlob(out, spec.name), spec), spec.name);
}
