/**
 * `gen-parquet load --to duckdb:FILE`: tables with their primary keys (or views over the files),
 * every value equal to the Parquet, atomic (a kill or a corrupt file leaves the file as it was, a
 * new file appears only complete), glob characters in the folder name read as plain characters.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load, openDataset, parseTarget } from '../src/load/load.js';
import { loadColumns } from '../src/load/loadColumns.js';
import { Progress } from '../src/run/progress.js';
import { findScenario } from '../src/scenarios/registry.js';
import type { TableSpec } from '../src/schema/tableSpec.js';
import { runCli, tempDir } from './helpers.js';
import { duckdbFileRows, expectTablesMatchParquet } from './loadContent.js';
import { generateMinimal, minimal } from './minimalPack.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');
const tapflow = findScenario('tapflow');
const root = tempDir('load-duckdb');
// 30 days: every table has rows and a few dozen files, so each load takes a second, not five.
const small = join(root, 'small'); // 0.001x, seed 42, 30 days
const other = join(root, 'other'); // 0.001x, seed 7, 30 days
const bigger = join(root, 'bigger'); // 0.01x, 120 days: ~120 files per fact table, long enough to kill a load
const monthly = join(root, 'monthly'); // 0.001x, seed 42, 30 days, month files: the same rows as small
const checked = tapflow.tables.filter((t) =>
  ['accounts', 'tap_events', 'device_heartbeats'].includes(t.name),
);

beforeAll(() => {
  for (const [out, scale, seed, days, layout] of [
    [small, '0.001x', '42', '30', 'day'],
    [other, '0.001x', '7', '30', 'day'],
    [bigger, '0.01x', '42', '120', 'day'],
    [monthly, '0.001x', '42', '30', 'month'],
  ] as const) {
    const args = ['--scale', scale, '--seed', seed, '--days', days, '--out', out, '--partition-by', layout];
    expect(runCli([...args, '--workers', '1', '--no-validate', '--quiet']).status).toBe(0);
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

async function query(file: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(file);
  const con = await instance.connect();
  try {
    return (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** `prefix` goes before each table's name: a schema (`v.`), a table prefix, or both (`shop.raw_`). */
const expectSameContent = (out: string, file: string, tables: readonly TableSpec[], prefix = '') =>
  expectTablesMatchParquet(out, tables, (spec) => duckdbFileRows(file, `${prefix}${spec.name}`, spec));

const leftovers = () =>
  readdirSync(root).filter((f) => f.includes('.gen-parquet-load') || f.endsWith('.wal'));

describe('TapFlow into a DuckDB file', () => {
  const file = join(root, 'tapflow.duckdb');

  beforeAll(() => {
    const r = runCli(['load', '--out', small, '--to', `duckdb:${file}`, '--json', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('materializes every table: each value equals the Parquet, nothing left beside the file', async () => {
    await expectSameContent(small, file, tapflow.tables);
    expect(leftovers()).toEqual([]);
  });

  it('declares each table’s types, NOT NULL and primary key', async () => {
    const columns = await query(
      file,
      `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
        WHERE table_schema = 'main' ORDER BY table_name, ordinal_position`,
    );
    const keys = await query(
      file,
      `SELECT table_name, constraint_column_names AS cols FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'`,
    );
    for (const spec of tapflow.tables) {
      expect(
        columns.filter((c) => c.table_name === spec.name).map((c) => [c.column_name, c.is_nullable]),
      ).toEqual(loadColumns(spec).map((c) => [c.name, c.nullable ? 'YES' : 'NO']));
      expect(keys.find((k) => k.table_name === spec.name)?.cols).toEqual(spec.primaryKey.split(', '));
    }
    const types = Object.fromEntries(
      columns.filter((c) => c.table_name === 'accounts').map((c) => [c.column_name, c.data_type]),
    );
    expect(types).toMatchObject({
      account_id: 'INTEGER',
      created_at: 'TIMESTAMP WITH TIME ZONE',
      mrr: 'DECIMAL(10,2)',
    });
    const heartbeat = columns.find((c) => c.column_name === 'heartbeat_date');
    expect(heartbeat?.data_type).toBe('DATE');
  });

  it('refuses tables of another dataset without --replace, naming the difference; --replace swaps the new data in', async () => {
    const r = runCli(['load', '--out', other, '--to', `duckdb:${file}`, '--tables', 'accounts,locations']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      `gen-parquet: main.accounts holds another dataset than --out ${other}: seed (target: 42, folder: 7); pass --replace to load this folder in its place, or choose another --schema or --table-prefix\n`,
    );
    await expectSameContent(small, file, checked);
    const copy = join(root, 'replaced.duckdb');
    cpSync(file, copy);
    expect(runCli(['load', '--out', other, '--to', `duckdb:${copy}`, '--replace', '--quiet']).status).toBe(0);
    await expectSameContent(other, copy, tapflow.tables);
  });

  it('a corrupt Parquet file fails the load (exit 1): an existing file keeps its tables, a new one never appears', async () => {
    const corrupt = join(root, 'corrupt');
    cpSync(small, corrupt, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(corrupt, '_manifest.json'), 'utf8'));
    const victim = manifest.files.find((f: { table: string }) => f.table === 'page_views');
    const fd = openSync(join(corrupt, victim.path), 'r+');
    writeSync(fd, Buffer.alloc(64, 0x55), 0, 64, Math.floor(victim.bytes / 2));
    const existing = runCli(['load', '--out', corrupt, '--to', `duckdb:${file}`, '--replace']);
    expect(existing.status).toBe(1);
    expect(existing.stderr).toMatch(/^gen-parquet: failed: /m);
    await expectSameContent(small, file, checked);
    const fresh = join(root, 'never.duckdb');
    expect(runCli(['load', '--out', corrupt, '--to', `duckdb:${fresh}`]).status).toBe(1);
    expect(existsSync(fresh)).toBe(false);
    expect(leftovers()).toEqual([]);
  });
});

/** Runs a load and SIGKILLs it once its first table is in (the rest still to come, uncommitted). */
async function killedLoad(out: string, file: string, ...args: string[]): Promise<void> {
  const child = spawn(process.execPath, [CLI, 'load', '--out', out, '--to', `duckdb:${file}`, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exit = new Promise<string | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
  child.stderr.on('data', (d) => {
    stderr += d;
    if (/^accounts .*100%/m.test(stderr)) child.kill('SIGKILL');
  });
  expect(await exit).toBe('SIGKILL');
}

describe('atomic under SIGKILL', () => {
  it('an existing file keeps its previous tables', async () => {
    const file = join(root, 'killed.duckdb');
    expect(runCli(['load', '--out', small, '--to', `duckdb:${file}`, '--quiet']).status).toBe(0);
    await killedLoad(bigger, file, '--replace');
    await expectSameContent(small, file, checked);
  });

  it('a new file never appears half-built; the next load replaces the leftover', async () => {
    const file = join(root, 'killed-new.duckdb');
    await killedLoad(bigger, file);
    expect(existsSync(file)).toBe(false);
    expect(runCli(['load', '--out', bigger, '--to', `duckdb:${file}`, '--quiet']).status).toBe(0);
    await expectSameContent(bigger, file, checked);
    expect(leftovers()).toEqual([]);
  });
});

describe('month files', () => {
  it('give the same tables as day files: the date column is the UTC date of the time column', async () => {
    const file = join(root, 'monthly.duckdb');
    const r = runCli(['load', '--out', monthly, '--to', `duckdb:${file}`, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    await expectSameContent(small, file, tapflow.tables);
  });
});

describe('--views and glob characters', () => {
  it('makes views over the explicit file list, equal to the Parquet', async () => {
    const file = join(root, 'views.duckdb');
    expect(
      runCli(['load', '--out', small, '--to', `duckdb:${file}`, '--views', '--schema', 'v', '--quiet'])
        .status,
    ).toBe(0);
    const views = await query(file, `SELECT view_name, sql FROM duckdb_views() WHERE schema_name = 'v'`);
    expect(views.map((v) => v.view_name).sort()).toEqual(tapflow.tables.map((t) => t.name).sort());
    for (const v of views) expect(String(v.sql)).not.toMatch(/\*/);
    await expectSameContent(small, file, checked, 'v.');
  });

  it('reads a folder named data[1] as itself, never as the pattern matching data1', async () => {
    const bracket = join(root, 'data[1]');
    cpSync(small, bracket, { recursive: true });
    cpSync(other, join(root, 'data1'), { recursive: true });
    const file = join(root, 'bracket.duckdb');
    expect(runCli(['load', '--out', bracket, '--to', `duckdb:${file}`, '--quiet']).status).toBe(0);
    await expectSameContent(small, file, checked);
    expect(leftovers()).toEqual([]);
    const views = runCli(['load', '--out', bracket, '--to', `duckdb:${join(root, 'v2.duckdb')}`, '--views']);
    expect(views.status).toBe(2);
    expect(views.stderr).toMatch(/^gen-parquet: --views: .*data\[1\] holds a glob character/);
  });
});

describe('ecommerce into a DuckDB file', () => {
  it('reads a plain date column (customers.birth_date) as it is, beside a partition date', async () => {
    const out = join(root, 'ecommerce');
    const gen = [
      '--scenario',
      'ecommerce',
      '--scale',
      '0.001x',
      '--tables',
      'customers,reviews',
      '--out',
      out,
    ];
    expect(runCli([...gen, '--workers', '1', '--no-validate', '--quiet']).status).toBe(0);
    const file = join(root, 'ecommerce.duckdb');
    const r = runCli(['load', '--out', out, '--to', `duckdb:${file}`, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const ecommerce = findScenario('ecommerce').tables.filter((t) =>
      ['customers', 'reviews'].includes(t.name),
    );
    await expectSameContent(out, file, ecommerce);
  });
});

describe('every pack: the minimal test pack through the API', () => {
  it('loads stores and visits with their keys, each value equal to the Parquet', async () => {
    const pack = minimal;
    const out = join(root, 'minimal');
    const progress = new Progress('quiet', () => {});
    await generateMinimal(out, { workers: 1 });
    const file = join(root, 'minimal.duckdb');
    const result = await load(parseTarget(`duckdb:${file}`), {
      dataset: await openDataset(out, () => pack),
      tables: ['stores', 'visits'],
      schema: 'shop',
      prefix: 'raw_',
      replace: false,
      views: false,
      progress,
    });
    expect(result.counts.map((c) => [c.target, c.rows, c.manifest])).toEqual([
      ['shop.raw_stores', 20, 20],
      ['shop.raw_visits', 10_000, 10_000],
    ]);
    await expectSameContent(out, file, pack.tables, 'shop.raw_');
  });
});
