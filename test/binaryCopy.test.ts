/**
 * The binary COPY encoder against a real PostgreSQL, with the values a generator rarely makes:
 * integer extremes, NaN and infinities, timestamps and dates before PostgreSQL's 2000 epoch, strings
 * with tabs, newlines, backslashes and emoji on both sides of DuckDB's 12-byte inline limit, negative
 * and extreme decimals, nulls in every type, and more rows than one 2048-row chunk.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetTable } from '../src/load/dataset.js';
import { readParquet } from '../src/load/parquetSource.js';
import { copyTable } from '../src/load/postgresCopy.js';
import { Progress } from '../src/run/progress.js';
import { col, enumCol, type TableSpec } from '../src/schema/tableSpec.js';
import { tempDir } from './helpers.js';
import { parquetRows, postgresRows } from './loadContent.js';
import { type PostgresServer, startPostgres } from './postgresServer.js';

const MEMBERS = ['x', 'yy', 'a member longer than twelve bytes ✓'] as const;

const AWKWARD: TableSpec = {
  name: 'awkward',
  kind: 'fact',
  description: 'Values at the edges.',
  rowsAt1x: '',
  primaryKey: 'id',
  partition: { column: 'seen_date', source: 'seen_at' },
  foreignKeys: [],
  columns: [
    col('id', 'int64', ''),
    col('seen_at', 'timestamp', ''),
    col('i32', 'int32', '', true),
    col('i64', 'int64', '', true),
    col('f64', 'float64', '', true),
    col('b', 'bool', '', true),
    col('ts', 'timestamp', '', true),
    col('s', 'string', '', true),
    enumCol('e', MEMBERS, '', true),
    col('d', 'decimal', '', true),
  ],
};

const EDGE_ROWS = `
  (1, TIMESTAMPTZ '1999-12-31 23:59:59.999999+00', -2147483648, -9223372036854775808, 'NaN'::DOUBLE, true,
      TIMESTAMPTZ '1900-01-01 00:00:00+00', '', 'x', -99999999.99),
  (2, TIMESTAMPTZ '1970-01-01 00:00:00+00', 2147483647, 9223372036854775807, 'Infinity'::DOUBLE, false,
      TIMESTAMPTZ '1999-12-31 23:59:59.999999+00', E'tab\\there', 'yy', 99999999.99),
  (3, TIMESTAMPTZ '2000-01-01 00:00:00+00', 0, 0, '-Infinity'::DOUBLE, NULL,
      TIMESTAMPTZ '2000-01-01 00:00:00.000001+00', E'new\\nline\\r\\nand back\\\\slash', 'a member longer than twelve bytes ✓', 0),
  (4, TIMESTAMPTZ '2024-02-29 12:00:00+00', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (5, TIMESTAMPTZ '2024-02-29 23:59:59.999999+00', -1, -1, 5e-324, true,
      TIMESTAMPTZ '2262-04-11 23:47:16.854775+00', 'ünïcødé 🍺', NULL, -0.05),
  (6, TIMESTAMPTZ '1969-12-31 23:59:59.999999+00', 1, 1, 1.7976931348623157e308, false,
      TIMESTAMPTZ '1969-12-31 23:59:59.999999+00', 'abcdefghijkl', 'x', 0.01),
  (7, TIMESTAMPTZ '2001-09-09 01:46:40+00', 42, 4294967296, -0.0, true,
      TIMESTAMPTZ '2001-09-09 01:46:40.5+00', 'abcdefghijklm', 'yy', 10000),
  (8, TIMESTAMPTZ '2001-09-09 01:46:40+00', 7, 7, 0.1, true,
      TIMESTAMPTZ '2001-09-09 01:46:40+00', 'quote '' and "double"', 'x', 12345678.9)`;

const root = tempDir('binary-copy');
let server: PostgresServer;
let table: DatasetTable;

beforeAll(async () => {
  server = await startPostgres();
  const dir = join(root, 'awkward');
  mkdirSync(dir);
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    await con.run(`SET TimeZone = 'UTC'`);
    // The edge rows, then 5,000 more across several chunks and days, with long strings and nulls.
    await con.run(
      `
      COPY (
        SELECT id, seen_at, CAST(timezone('UTC', seen_at) AS DATE) AS seen_date, i32, i64, f64, b, ts, s, e, CAST(d AS DECIMAL(10,2)) AS d
          FROM (VALUES ${EDGE_ROWS}) t(id, seen_at, i32, i64, f64, b, ts, s, e, d)
        UNION ALL
        SELECT 100 + r, TIMESTAMPTZ '2024-03-01 00:00:00+00' + to_seconds(r * 37), CAST(timezone('UTC', TIMESTAMPTZ '2024-03-01 00:00:00+00' + to_seconds(r * 37)) AS DATE),
               CAST(r * 7919 % 100000 - 50000 AS INTEGER), r * 1000003 - 2500000000, r / 7.0, r % 3 = 0,
               CASE WHEN r % 5 = 0 THEN NULL ELSE TIMESTAMPTZ '1990-06-15 08:00:00+00' + to_microseconds(r * 123456789) END,
               CASE WHEN r % 4 = 0 THEN NULL ELSE repeat('é', r % 40) || CAST(r AS VARCHAR) END,
               CASE WHEN r % 6 = 0 THEN NULL ELSE ['x', 'yy', 'a member longer than twelve bytes ✓'][r % 3 + 1] END,
               CAST((r * 12347 % 2000001 - 1000000) / 100.0 AS DECIMAL(10,2))
          FROM range(5000) r(r)
      ) TO '${dir}' (FORMAT parquet, PARTITION_BY (seen_date))`,
    );
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.parquet'))
    .map((f) => relative(root, join(dir, f)))
    .sort();
  table = { spec: AWKWARD, files, rows: 5008 };
});

afterAll(() => {
  server?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('binary COPY', () => {
  it('carries every awkward value exactly, over several scans of three files each', async () => {
    expect(table.files.length).toBeGreaterThan(6);
    const client = new pg.Client({ connectionString: server.url() });
    await client.connect();
    const instance = await DuckDBInstance.create(':memory:');
    const duck = await instance.connect();
    try {
      const progress = new Progress('quiet', () => {});
      const rows = await copyTable(client, duck, AWKWARD, readParquet(root, table, 3), 'awkward', progress);
      expect(rows).toBe(5008);
      const expected = await parquetRows(
        `read_parquet('${join(root, 'awkward', '**', '*.parquet')}', hive_partitioning = true)`,
        AWKWARD,
      );
      const actual = await postgresRows(client, 'awkward', AWKWARD);
      expect(actual.slice(0, 8)).toEqual(expected.slice(0, 8));
      expect(actual).toEqual(expected);
      // Spot checks in PostgreSQL's own words, independent of the comparison's normalisation.
      const { rows: edge } = await client.query(
        `SELECT s, d::text, ts::text, seen_date::text, f64::text FROM awkward WHERE id IN (1, 2, 3, 5) ORDER BY id`,
      );
      expect(edge).toEqual([
        { s: '', d: '-99999999.99', ts: '1900-01-01 00:00:00+00', seen_date: '1999-12-31', f64: 'NaN' },
        {
          s: 'tab\there',
          d: '99999999.99',
          ts: '1999-12-31 23:59:59.999999+00',
          seen_date: '1970-01-01',
          f64: 'Infinity',
        },
        {
          s: 'new\nline\r\nand back\\slash',
          d: '0.00',
          ts: '2000-01-01 00:00:00.000001+00',
          seen_date: '2000-01-01',
          f64: '-Infinity',
        },
        {
          s: 'ünïcødé 🍺',
          d: '-0.05',
          ts: '2262-04-11 23:47:16.854775+00',
          seen_date: '2024-02-29',
          f64: '5e-324',
        },
      ]);
    } finally {
      duck.closeSync();
      instance.closeSync();
      await client.end();
    }
  });
});
