/**
 * The ecommerce pack end to end through the built CLI: every table with its declared columns and
 * exact counts, its own validation passing, the same bytes with 1 or 2 workers and in UTC or Los
 * Angeles, golden first rows, and the seed's small test dataset through --set.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Api from '../src/index.js';
import type { Manifest } from '../src/run/manifest.js';
import type { Progress } from '../src/run/progress.js';
import { TABLES } from '../src/scenarios/ecommerce/tables.js';
import type { ColumnSpec } from '../src/schema/tableSpec.js';
import { query, runCli, tableGlob, tempDir } from './helpers.js';

const root = tempDir('ecommerce');
const a = join(root, 'a');
const b = join(root, 'b');
let stderr = '';
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, '_manifest.json'), 'utf8')) as Manifest;

beforeAll(() => {
  // With the change logs (--changes): their bytes too must not depend on workers or time zone.
  const run = runCli(
    ['--scenario', 'ecommerce', '--scale', '0.01x', '--changes', '--out', a, '--workers', '2'],
    {
      TZ: 'UTC',
    },
  );
  stderr = run.stderr;
  expect(run.status, run.stderr).toBe(0);
  const other = runCli(
    [
      '--scenario',
      'ecommerce',
      '--scale',
      '0.01x',
      '--changes',
      '--out',
      b,
      '--workers',
      '1',
      '--no-validate',
    ],
    {
      TZ: 'America/Los_Angeles',
    },
  );
  expect(other.status, other.stderr).toBe(0);
});

function duckType(c: ColumnSpec): string {
  if (c.type === 'decimal') return `DECIMAL(${c.precision ?? 10},2)`;
  return {
    int32: 'INTEGER',
    int64: 'BIGINT',
    float64: 'DOUBLE',
    bool: 'BOOLEAN',
    timestamp: 'TIMESTAMP WITH TIME ZONE',
    date: 'DATE',
    string: 'VARCHAR',
    enum: 'VARCHAR',
  }[c.type];
}

describe('gen-parquet --scenario ecommerce --scale 0.01x', () => {
  it('writes the 8 tables and the 4 change logs, the manifest and _SUCCESS, and passes its own validation', () => {
    expect(readdirSync(a).sort()).toEqual(
      [...TABLES.map((t) => t.name), '_SUCCESS', '_manifest.json', '_validation.json'].sort(),
    );
    expect(stderr).toMatch(/validation passed/);
    expect(stderr).toMatch(/pass {2}orders = orders_changes replayed up to the end/);
    expect(manifestOf(a).scenario).toBe('ecommerce');
    expect(manifestOf(a).changes).toBe(true);
  });

  it('holds the exact counts the contract states, scaled', () => {
    const m = manifestOf(a);
    const rows = (t: string) => m.files.filter((f) => f.table === t).reduce((s, f) => s + f.rows, 0);
    expect([rows('customers'), rows('products'), rows('sessions'), rows('orders')]).toEqual([
      100, 50, 3650, 500,
    ]);
    expect(m.expected.rows.sessions).toBe(3650);
  });

  it.each(TABLES.map((t) => [t.name, t] as const))(
    '%s has the declared column names and types',
    async (_n, table) => {
      const rows = await query(`DESCRIBE SELECT * FROM ${tableGlob(a, table.name)}`);
      const expected = table.columns.map((c) => [c.name, duckType(c)]);
      if (table.partition) expected.push([table.partition.column, 'DATE']);
      expect(rows.map((r) => [r.column_name, r.column_type])).toEqual(expected);
    },
  );

  it('gives byte-identical files with 1 or 2 workers, in UTC or Los Angeles', () => {
    const [ma, mb] = [manifestOf(a), manifestOf(b)];
    expect(ma.files.length).toBeGreaterThan(2000);
    expect(mb.files).toEqual(ma.files);
    for (const f of ma.files)
      expect(readFileSync(join(b, f.path)).equals(readFileSync(join(a, f.path))), f.path).toBe(true);
  });

  it.each(TABLES.map((t) => [t.name, t.primaryKey] as const))('%s: golden first rows', async (table, key) => {
    const rows = await query(`SELECT * FROM ${tableGlob(a, table)} ORDER BY ${key} LIMIT 3`);
    expect(rows).toMatchSnapshot();
  });
});

describe('resume', () => {
  it('finishes an interrupted run to the same bytes as an uninterrupted one', async () => {
    // The built modules: worker threads run dist.
    const api = (await import(new URL('../dist/src/index.js', import.meta.url).href)) as typeof Api;
    const pack = api.findScenario('ecommerce');
    const out = join(root, 'resumed');
    const run = (signal?: AbortSignal, onAdvance = () => {}) =>
      api.generate({
        pack,
        loaded: api.loadConfig(pack.configFile, pack.configSchema),
        scale: 0.01,
        seed: 42,
        outDir: out,
        workers: 2,
        tables: pack.tables.map((t) => t.name),
        force: false,
        compression: 'zstd',
        rowGroupRows: 122_880,
        partitionBy: 'day',
        progress: { start() {}, advance: onAdvance, finish() {}, line() {} } as unknown as Progress,
        signal,
      });
    const controller = new AbortController();
    await expect(run(controller.signal, () => controller.abort())).rejects.toBeInstanceOf(
      api.InterruptedError,
    );
    const result = await run();
    expect(result.tables.reduce((n, t) => n + t.reused, 0)).toBeGreaterThan(0);
    // Same files, rows, sizes and sha256 as the uninterrupted run (the manifest on disk is sorted by path).
    expect(manifestOf(out).files).toEqual(manifestOf(a).files);
  });
});

describe('the seed’s small test dataset', () => {
  it('--set customers.count=1000 --set products.count=500 --set time.days=30 makes 30 days of it at the same rates, valid', () => {
    const out = join(root, 'small');
    const run = runCli([
      '--scenario',
      'ecommerce',
      '--set',
      'customers.count=1000',
      '--set',
      'products.count=500',
      '--set',
      'time.days=30',
      '--out',
      out,
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/validation passed/);
    const m = manifestOf(out);
    const rows = (t: string) => m.files.filter((f) => f.table === t).reduce((s, f) => s + f.rows, 0);
    // 30 December days ending 2023-12-31, at the rates of a year from 2023-12-02: the calendar
    // makes them 42.948 average days (sessions 1,000 each); 550 customers and 400 products predate
    // the window, then 450 / 365 registrations and 100 / 365 launches a day (launches ignore the
    // calendar); orders round(50,000 × 42.948 / 365).
    expect([rows('customers'), rows('products'), rows('sessions'), rows('orders')]).toEqual([
      550 + 53,
      400 + 8,
      42_948,
      5883,
    ]);
    expect(m.files.find((f) => f.table === 'orders')!.path).toBe(
      'orders/order_date=2023-12-02/part-00000.parquet',
    );
  });
});

describe('a one-day window', () => {
  it('writes no reviews yet (none can follow a delivery) and still validates', () => {
    const out = join(root, 'one-day');
    const run = runCli(['--scenario', 'ecommerce', '--scale', '0.01x', '--set', 'time.days=1', '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/validation passed/);
    expect(manifestOf(out).files.filter((f) => f.table === 'reviews')).toEqual([]);
  });
});

describe('plan and schema', () => {
  it('docs/data-dictionary-ecommerce.md is what the schema prints (gen-parquet schema --scenario ecommerce)', () => {
    const schema = runCli(['schema', '--scenario', 'ecommerce']);
    expect(schema.status).toBe(0);
    expect(schema.stdout).toBe(readFileSync('docs/data-dictionary-ecommerce.md', 'utf8'));
  });

  it('plans a 1x run without writing, and prints the schema', () => {
    const plan = runCli(['plan', '--scenario', 'ecommerce', '--scale', '0.01x']);
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/clickstream_events/);
    const schema = runCli(['schema', '--scenario', 'ecommerce', '--format', 'sql']);
    expect(schema.status).toBe(0);
    expect(schema.stdout).toMatch(/CREATE TABLE orders \(/);
    expect(schema.stdout).toMatch(/ {2}total DECIMAL\(12,2\) NOT NULL,/);
    expect(schema.stdout).toMatch(/ {2}birth_date DATE NOT NULL,/);
  });
});
