/**
 * The jaffle shop day by day through the CLI: a 7-day backfill plus `append --days 1` gives the files
 * of an 8-day backfill byte for byte (sha256), raw_orders and raw_customers rewritten as snapshots
 * whose earlier rows are unchanged, change logs (`--changes`) that only gain the new day's files and
 * replay to the 7-day tables up to their end, and the appended folder validates.
 */
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import jaffle from '../../src/scenarios/jaffle/index.js';
import { differenceSql, replaySql } from '../../src/validate/changeLogChecks.js';
import { parquetDigests, query, runCli, runCliAsync, tableGlob, tempDir } from '../helpers.js';

const root = tempDir('append-jaffle');
const BASE = ['--scenario', 'jaffle', '--scale', '0.02x', '--changes', '--no-validate', '--quiet'];

const eight = join(root, 'eight');
const seven = join(root, 'seven');
const week = join(root, 'week');
let before: Record<string, string> = {};

const ok = (args: string[]) => {
  const run = runCli(args);
  expect(run.status, run.stderr).toBe(0);
  return run;
};
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, '_manifest.json'), 'utf8'));

let appended = '';

beforeAll(async () => {
  // The two backfills at once (two cores); then the append, which validates the whole dataset.
  const runs = await Promise.all([
    runCliAsync([...BASE, '--days', '8', '--end', '2024-06-30', '--out', eight]),
    runCliAsync([...BASE, '--days', '7', '--end', '2024-06-29', '--out', seven]),
  ]);
  for (const run of runs) expect(run.status, run.stderr).toBe(0);
  cpSync(seven, week, { recursive: true });
  before = parquetDigests(seven);
  appended = ok(['append', '--out', seven, '--days', '1']).stderr;
});

describe('jaffle, day by day', () => {
  it('a 7-day backfill + append --days 1 = the 8-day backfill, byte for byte', () => {
    const digests = parquetDigests(seven);
    expect(Object.keys(digests).length).toBeGreaterThan(100);
    expect(digests).toEqual(parquetDigests(eight));
    const [a, b] = [manifestOf(seven), manifestOf(eight)];
    expect(a.window).toEqual({ start: '2024-06-23', end: '2024-06-30' });
    expect(a.expected).toEqual(b.expected);
    expect(a.files).toEqual(b.files);
  });

  it('keeps every immutable file and rewrites only raw_orders and raw_customers', () => {
    const increment = manifestOf(seven).increments[1];
    const replaced = new Set(increment.replaced.map((p: string) => p.split('/')[0]));
    expect([...replaced].sort()).toEqual(['raw_customers', 'raw_orders']);
    const after = parquetDigests(seven);
    const changed = Object.keys(before).filter((p) => after[p] !== before[p]);
    expect(changed.every((p) => p.startsWith('raw_orders/') || p.startsWith('raw_customers/'))).toBe(true);
    // Every new file is dated 2024-06-30 (or is a snapshot).
    const added = Object.keys(after).filter((p) => !(p in before));
    expect(added.length).toBeGreaterThan(5);
    expect(added.every((p) => p.includes('=2024-06-30/'))).toBe(true);
  });

  it('keeps the earlier customers and orders, their statuses only moved on', async () => {
    const [c] = await query(
      `SELECT count(*) AS n, count(e.id) FILTER (WHERE c.first_name = e.first_name AND c.last_name = e.last_name) AS same
       FROM ${tableGlob(week, 'raw_customers')} c LEFT JOIN ${tableGlob(seven, 'raw_customers')} e USING (id)`,
    );
    expect(Number(c!.same)).toBe(Number(c!.n));
    const rank = "list_position(['placed', 'shipped', 'completed', 'return_pending', 'returned'], status)";
    const [o] = await query(
      `SELECT count(*) AS n, count(e.id) FILTER (WHERE w.user_id = e.user_id AND w.order_date = e.order_date) AS same,
              count(*) FILTER (WHERE e.r < w.r) AS back, count(*) FILTER (WHERE e.r > w.r) AS moved
       FROM (SELECT *, ${rank} AS r FROM ${tableGlob(week, 'raw_orders')}) w
       LEFT JOIN (SELECT *, ${rank} AS r FROM ${tableGlob(seven, 'raw_orders')}) e USING (id)`,
    );
    expect(Number(o!.same)).toBe(Number(o!.n));
    expect(Number(o!.back)).toBe(0);
    expect(Number(o!.moved)).toBeGreaterThan(0);
  });

  it("replays the appended change logs up to the backfill's end to the backfill's tables", async () => {
    const files = (dir: string, table: string) =>
      `read_parquet('${join(dir, table, '**', '*.parquet')}', hive_partitioning = false)`;
    for (const t of jaffle.tables.filter((x) => x.mutable)) {
      const snapshot = `SELECT ${t.columns.map((c) => c.name).join(', ')} FROM ${files(week, t.name)}`;
      const log = files(seven, `${t.name}_changes`);
      const [asOfWeek] = await query(
        differenceSql(snapshot, replaySql(t, log, Date.UTC(2024, 5, 30) * 1000)),
      );
      expect(asOfWeek!.n, t.name).toBe('0');
      // Not vacuous: as of the new end, orders have moved on (0.02x signs up less than one customer a day).
      if (t.name === 'raw_orders') {
        const [later] = await query(differenceSql(snapshot, replaySql(t, log)));
        expect(Number(later!.n)).toBeGreaterThan(0);
      }
    }
  });

  it('validates after the append', () => {
    expect(appended).toMatch(/validation passed: \d+ checks/);
  });
});
