/**
 * `gen-parquet load` of a dataset spoiled on purpose (jaffle, `--quality typical`) into a real
 * PostgreSQL server and a DuckDB file: every table loads with its planted issues (no keys, no NOT
 * NULL), its rows as the manifest's, the ground truth beside it as `_quality_issues`, the planted
 * duplicate keys really there; an incremental load, which merges by key, is refused in one line.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario } from '../src/scenarios/registry.js';
import { runCli, tempDir } from './helpers.js';
import { type PostgresServer, startPostgres } from './postgresServer.js';

const root = tempDir('load-spoiled');
const out = join(root, 'dirty');
const jaffle = findScenario('jaffle');
let server: PostgresServer;

type Row = Record<string, unknown>;
/** Runs `sql` in a PostgreSQL client or on a DuckDB file (all values as JSON, keys as text). */
type Query = (sql: string) => Promise<Row[]>;

/** `fn` with queries on a DuckDB file (closed after, so a load can open it again). */
async function withDuck<T>(file: string, fn: (query: Query) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(file);
  const con = await instance.connect();
  try {
    return await fn(async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJson() as Row[]);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

async function withPostgres<T>(fn: (query: Query) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server.url() });
  await client.connect();
  try {
    return await fn(async (sql) => (await client.query(sql)).rows);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  server = await startPostgres();
  const run = runCli(
    ['--scenario', 'jaffle', '--scale', '0.02x', '--days', '10', '--quality', 'typical'].concat([
      '--out',
      out,
      '--workers',
      '1',
      '--no-validate',
      '--quiet',
    ]),
  );
  expect(run.status, run.stderr).toBe(0);
});

afterAll(() => {
  server?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** What every target must hold: each table's rows as the manifest's, the issues, the duplicates. */
async function expectSpoiledLoad(query: Query, text: (column: string) => string): Promise<void> {
  const manifest = JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8'));
  for (const spec of jaffle.tables.filter((t) => manifest.tables.includes(t.name))) {
    const expected = manifest.files
      .filter((f: { table: string }) => f.table === spec.name)
      .reduce((a: number, f: { rows: number }) => a + f.rows, 0);
    const [count] = await query(`SELECT count(*) AS n FROM "${spec.name}"`);
    expect(Number(count!.n), spec.name).toBe(expected);
  }
  const issues = await withDuck(':memory:', (q) =>
    q(`SELECT * FROM '${join(out, '_quality', 'issues.parquet')}'`),
  );
  const [loaded] = await query('SELECT count(*) AS n FROM _quality_issues');
  expect(Number(loaded!.n)).toBe(issues.length);
  expect(issues.length).toBe(manifest.ground_truth.issues);
  // Every planted duplicate of a one-column key is a key the loaded table holds more than once.
  const duplicates = issues.filter(
    (i) => i.kind === 'duplicate' && !jaffle.tables.find((t) => t.name === i.table)!.primaryKey.includes(','),
  );
  expect(duplicates.length).toBeGreaterThan(0);
  for (const d of duplicates) {
    const key = jaffle.tables.find((t) => t.name === d.table)!.primaryKey;
    const found = await query(
      `SELECT ${text(key)} AS k FROM "${d.table}" GROUP BY "${key}" HAVING count(*) > 1`,
    );
    expect(found.map((r) => r.k)).toContain(d.row_key);
  }
  const [issue] = await query(
    `SELECT count(*) AS n FROM _quality_issues WHERE kind = 'duplicate' AND change = 'added_row'`,
  );
  expect(Number(issue!.n)).toBe(issues.filter((i) => i.kind === 'duplicate').length);
}

describe('a spoiled dataset loaded into tables', () => {
  it('PostgreSQL: no keys or NOT NULL, rows as the manifest, the ground truth beside them', async () => {
    const run = runCli(['load', '--out', out, '--to', server.url()]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'spoiled dataset (--quality typical): loaded as tables without keys and constraints, its ground truth as _quality_issues',
    );
    await withPostgres(async (query) => {
      await expectSpoiledLoad(query, (c) => `"${c}"::text`);
      const constraints = await query(
        `SELECT conname FROM pg_constraint WHERE connamespace = 'public'::regnamespace
           AND conrelid <> 'public._gen_parquet_loaded'::regclass`,
      );
      expect(constraints).toEqual([]);
      const notNull = await query(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND is_nullable = 'NO' AND table_name <> '_gen_parquet_loaded'`,
      );
      expect(notNull).toEqual([]);
    });
  });

  it('DuckDB: the same; loading it again merges by key, so it is refused in one line (exit 2)', async () => {
    const file = join(root, 'dirty.duckdb');
    const run = runCli(['load', '--out', out, '--to', `duckdb:${file}`, '--json', '--quiet']);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).note).toMatch(/^spoiled dataset \(--quality typical\)/);
    await withDuck(file, async (query) => {
      await expectSpoiledLoad(query, (c) => `CAST("${c}" AS VARCHAR)`);
      const constraints = await query(
        `SELECT table_name, constraint_type FROM duckdb_constraints() WHERE table_name <> '_gen_parquet_loaded'`,
      );
      expect(constraints).toEqual([]);
    });
    const again = runCli(['load', '--out', out, '--to', `duckdb:${file}`]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(
      /^gen-parquet: main\.\w+ holds increment 0 of this dataset, spoiled on purpose \(--quality typical\): an incremental load merges changed partitions by primary key, .*; pass --replace to load the folder afresh\n$/,
    );
  });
});
