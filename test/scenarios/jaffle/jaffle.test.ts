/**
 * The jaffle pack end to end through the built CLI, on one shared output (0.2x, 30 days: the
 * smallest scale at which every check of the pack runs rather than skips): every table with its
 * declared columns, its own validation passing, the same bytes with 1 or 2 workers and in UTC or Los
 * Angeles, golden first rows, plan and schema, and the dbt seeds of `load --to csv:` read back with
 * DuckDB's read_csv equal to the Parquet.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/run/manifest.js';
import jaffle from '../../../src/scenarios/jaffle/index.js';
import type { JaffleExpected } from '../../../src/scenarios/jaffle/plan/expected.js';
import { TABLES as ALL_TABLES } from '../../../src/scenarios/jaffle/tables.js';
import { markdownDictionary } from '../../../src/schema/dictionary.js';
import type { ColumnSpec } from '../../../src/schema/tableSpec.js';
import { validateOutput } from '../../../src/validate/validate.js';
import { query, runCli, runCliAsync, tableGlob, tempDir } from '../../helpers.js';
import { csvSource, expectTablesMatchParquet, parquetRows } from '../../loadContent.js';
import { FAULTS } from './faults.js';
import { JAFFLE_ARGS, jaffleOutput } from './output.js';
import { Planted, rewriteFiles } from './planted.js';

/** Without the change logs: this output is made without --changes (test/run/appendJaffle.test.ts has them). */
const TABLES = ALL_TABLES.filter((t) => !t.changesOf);
const root = tempDir('jaffle');
const other = join(root, 'other');
const seeds = join(root, 'seeds');
let out = '';
let stderr = '';
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, '_manifest.json'), 'utf8')) as Manifest;

beforeAll(async () => {
  // The clean output and the one to compare it with, at once (two cores).
  const clean = jaffleOutput();
  out = clean.out;
  const [a, b] = await Promise.all([
    clean.run,
    runCliAsync([...JAFFLE_ARGS, '--out', other, '--workers', '1', '--no-validate'], {
      TZ: 'America/Los_Angeles',
    }),
  ]);
  expect(a.status, a.stderr).toBe(0);
  expect(b.status, b.stderr).toBe(0);
  stderr = a.stderr;
  const load = runCli(['load', '--out', out, '--to', `csv:${seeds}`, '--suffix', '_training', '--quiet']);
  expect(load.status, load.stderr).toBe(0);
});

function duckType(c: ColumnSpec): string {
  return {
    int32: 'INTEGER',
    int64: 'BIGINT',
    timestamp: 'TIMESTAMP WITH TIME ZONE',
    date: 'DATE',
    string: 'VARCHAR',
    enum: 'VARCHAR',
  }[c.type as string]!;
}

describe('gen-parquet --scenario jaffle --scale 0.2x', () => {
  it('writes the 9 tables, the manifest and _SUCCESS, and passes its own validation (no check skipped)', () => {
    expect(readdirSync(out).sort()).toEqual(
      [...TABLES.map((t) => t.name), '_SUCCESS', '_manifest.json', '_validation.json'].sort(),
    );
    expect(stderr).toMatch(/validation passed: \d+ checks \(/);
    const report = JSON.parse(readFileSync(join(out, '_validation.json'), 'utf8'));
    expect(report.checks.filter((c: { status: string }) => c.status !== 'pass')).toEqual([]);
  });

  it.each(TABLES.map((t) => [t.name, t] as const))(
    '%s has the declared column names and types',
    async (_n, table) => {
      const rows = await query(`DESCRIBE SELECT * FROM ${tableGlob(out, table.name)}`);
      const expected = table.columns.map((c) => [c.name, duckType(c)]);
      if (table.partition) expected.push([table.partition.column, 'DATE']);
      expect(rows.map((r) => [r.column_name, r.column_type])).toEqual(expected);
    },
  );

  it('gives byte-identical files with 1 or 2 workers, in UTC or Los Angeles', () => {
    const [a, b] = [manifestOf(out), manifestOf(other)];
    expect(a.files.length).toBeGreaterThan(300);
    expect(b.files).toEqual(a.files);
    for (const f of a.files)
      expect(readFileSync(join(other, f.path)).equals(readFileSync(join(out, f.path))), f.path).toBe(true);
  });

  it.each(TABLES.map((t) => [t.name, t.primaryKey] as const))('%s: golden first rows', async (table, key) => {
    const rows = await query(`SELECT * FROM ${tableGlob(out, table)} ORDER BY ${key} LIMIT 3`);
    expect(rows).toMatchSnapshot();
  });

  it('records the campaigns’ ground truth and the visits orders convert from (~70 % the same day)', () => {
    const e = manifestOf(out).expected as unknown as JaffleExpected;
    const c = e.conversions;
    expect(c.same_day / c.orders).toBeGreaterThan(0.65);
    expect(c.same_day / c.orders).toBeLessThan(0.75);
    const campaigns = Object.values(e.campaigns);
    expect(campaigns).toHaveLength(12);
    const caused = campaigns.reduce((n, t) => n + t.orders, 0);
    // Ads cause a good part of the orders but not most; every campaign that spends brings some.
    expect(caused / c.orders).toBeGreaterThan(0.2);
    expect(caused / c.orders).toBeLessThan(0.6);
    for (const t of campaigns) {
      expect(t.clicked_orders).toBeLessThanOrEqual(t.orders);
      expect(t.revenue_cents).toBeGreaterThanOrEqual(t.orders * 300);
    }
  });

  it('plans and prints its schema', () => {
    const plan = runCli(['plan', '--scenario', 'jaffle', '--scale', '0.2x']);
    expect(plan.status, plan.stderr).toBe(0);
    const orders = manifestOf(out).files.filter((f) => f.table === 'raw_orders');
    const rows = orders.reduce((n, f) => n + f.rows, 0);
    expect(plan.stdout).toMatch(new RegExp(`raw_orders +30 +${rows.toLocaleString('en-US')} `));
    // What `gen-parquet schema --scenario jaffle` prints.
    expect(markdownDictionary(jaffle)).toBe(readFileSync('docs/data-dictionary-jaffle.md', 'utf8'));
  });
});

describe('load --to csv: (dbt seeds)', () => {
  it('writes raw_<table>_training.csv for each table, whose read_csv rows equal the Parquet', async () => {
    expect(
      readdirSync(seeds)
        .filter((f) => f.endsWith('.csv'))
        .sort(),
    ).toEqual(TABLES.map((t) => `${t.name}_training.csv`).sort());
    await expectTablesMatchParquet(out, TABLES, (spec) =>
      parquetRows(csvSource(join(seeds, `${spec.name}_training.csv`), spec), spec),
    );
    const [header] = readFileSync(join(seeds, 'google_ads_training.csv'), 'utf8').split('\n');
    expect(header).toBe('ad_id,date,utm_medium,utm_campain,cost,impressions,clicks,ad_day');
  });
});

describe('the pack’s checks catch planted faults', () => {
  let planted: Planted;
  beforeAll(async () => {
    planted = await Planted.open(out);
  });

  it('passes the clean tables', async () => {
    expect((await planted.run()).filter((c) => !c.pass).map((c) => `${c.name}: ${c.measured}`)).toEqual([]);
  });

  it('has a fault for every check of the pack (its row rules, keys and groups)', async () => {
    const covered = new Set(FAULTS.flatMap((f) => f.checks));
    const own = await planted.packChecks();
    expect(own.length).toBeGreaterThan(60);
    expect(own.filter((name) => !covered.has(name))).toEqual([]);
  });

  it('fails `validate` on a fault in a copy’s files: an old order still placed', async () => {
    const copy = join(root, 'faulty');
    cpSync(out, copy, { recursive: true });
    await rewriteFiles(
      copy,
      'raw_orders',
      "* REPLACE (CASE WHEN id = 1 THEN 'placed' ELSE status END AS status)",
      'id = 1',
    );
    const report = await validateOutput(copy, () => jaffle);
    expect(report.checks.filter((c) => !c.pass).map((c) => c.name)).toEqual([
      'orders still placed 48 hours or more after (the longest time to ship)',
    ]);
  });

  it.each(FAULTS.map((f) => [f.checks.join(' / '), f] as const))('%s', async (_name, fault) => {
    const failing = await planted.failing(await fault.plant(planted));
    for (const check of fault.checks) expect(failing).toContain(check);
  });
});
