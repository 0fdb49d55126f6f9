/**
 * TapFlow day by day through the CLI, at its smallest scale: a backfill of its configured window plus
 * three one-day appends gives the same files as the backfill plus one three-day append (sha256 of
 * every file); no file of an immutable table that the backfill wrote changes; the configured window
 * keeps its exact totals, the new days continue at its rates; the whole appended dataset validates;
 * a DuckDB file that held the backfill, loaded again, equals a fresh load (device_heartbeats loses
 * its earlier days' partitions on every append, which the load must delete).
 */
import { cpSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import tapflow from '../../src/scenarios/tapflow/index.js';
import { parquetDigests, query, runCli, runCliAsync, tableGlob, tempDir } from '../helpers.js';
import { duckdbFileRows, expectSameRows } from '../loadContent.js';

const root = tempDir('append-tapflow');
const backfill = join(root, 'backfill');
const daily = join(root, 'daily');
const once = join(root, 'once');
const loaded = join(root, 'loaded.duckdb');
const MUTABLE = new Set(tapflow.tables.filter((t) => t.mutable).map((t) => t.name));

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, '_manifest.json'), 'utf8'));
const ok = (args: string[]) => {
  const run = runCli(args);
  expect(run.status, run.stderr).toBe(0);
  return run;
};
let before: Record<string, string> = {};
let firstTap: { path: string; ino: number; mtimeMs: number };
/** The stderr of the last one-day append, which validates the whole dataset. */
let validated = '';

beforeAll(async () => {
  ok(['--scale', '0.001x', '--out', backfill, '--no-validate', '--quiet', '--workers', '2']);
  before = parquetDigests(backfill);
  cpSync(backfill, daily, { recursive: true });
  cpSync(backfill, once, { recursive: true });
  ok(['load', '--out', daily, '--to', `duckdb:${loaded}`, '--quiet']);
  const path = Object.keys(before)
    .filter((p) => p.startsWith('tap_events/'))
    .sort()[0]!;
  const stat = statSync(join(daily, path));
  firstTap = { path, ino: stat.ino, mtimeMs: stat.mtimeMs };
  // One folder appended day by day while the other takes the three days at once (two cores).
  const days = (async () => {
    for (let i = 0; i < 3; i++) {
      const last = i === 2;
      const flags = last ? ['--workers', '1'] : ['--no-validate', '--workers', '1'];
      const run = await runCliAsync(['append', '--out', daily, '--days', '1', ...flags]);
      expect(run.status, run.stderr).toBe(0);
      if (last) validated = run.stderr;
    }
  })();
  const run = await runCliAsync(['append', '--out', once, '--days', '3', '--no-validate', '--workers', '1']);
  expect(run.status, run.stderr).toBe(0);
  await days;
});

describe('tapflow, day by day', () => {
  it('3 one-day appends = one 3-day append, byte for byte', () => {
    const digests = parquetDigests(daily);
    expect(digests).toEqual(parquetDigests(once));
    const manifest = manifestOf(daily);
    expect(manifest.window).toEqual({ start: '2020-01-01', end: '2025-06-28' });
    expect(manifest.increments.map((i: { window: { end: string } }) => i.window.end)).toEqual([
      '2025-06-25',
      '2025-06-26',
      '2025-06-27',
      '2025-06-28',
    ]);
    expect(manifest.expected).toEqual(manifestOf(once).expected);
    // Every day gets pours: the new days' files are there.
    for (const day of ['26', '27', '28'])
      expect(digests[`tap_events/event_date=2025-06-${day}/part-00000.parquet`]).toBeDefined();
  });

  it('leaves every file of an immutable table the backfill wrote as it was', () => {
    const after = parquetDigests(daily);
    const changed = Object.keys(before).filter((p) => after[p] !== before[p]);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((p) => MUTABLE.has(p.split('/')[0]!))).toBe(true);
    expect([...MUTABLE].sort()).toEqual(['device_heartbeats', 'devices', 'users']);
    const stat = statSync(join(daily, firstTap.path));
    expect({ path: firstTap.path, ino: stat.ino, mtimeMs: stat.mtimeMs }).toEqual(firstTap);
  });

  it('keeps the exact totals over the configured window; the new days continue at its rates', async () => {
    const [r] = await query(
      `SELECT count(*) FILTER (WHERE event_date <= DATE '2025-06-25') AS configured,
              count(*) FILTER (WHERE event_date > DATE '2025-06-25') AS later
       FROM ${tableGlob(daily, 'tap_events')}`,
    );
    expect(Number(r!.configured)).toBe(10_000);
    // 10,000 pours over 5.5 years are ~5 a day at the end of the history (its fleet is at its largest).
    expect(Number(r!.later)).toBeGreaterThan(3);
    expect(Number(r!.later)).toBeLessThan(200);
    // Online devices report to the new end: their last beat is its last tick.
    const [beat] = await query(
      `SELECT min(heartbeat_ts)::VARCHAR AS lo, max(heartbeat_ts)::VARCHAR AS hi FROM ${tableGlob(daily, 'device_heartbeats')}`,
    );
    expect(beat).toEqual({ lo: '2025-06-28 00:00:00+00', hi: '2025-06-28 23:55:00+00' });
  });

  it('validates as a whole after the last append', () => {
    expect(validated).toMatch(/validation passed/);
  });

  it('loads forward from the backfill into a DuckDB file, equal to a fresh load', async () => {
    const forward = ok(['load', '--out', daily, '--to', `duckdb:${loaded}`]);
    expect(forward.stderr).toMatch(/from increment 0 to 3/);
    const fresh = join(root, 'fresh.duckdb');
    ok(['load', '--out', daily, '--to', `duckdb:${fresh}`, '--quiet']);
    for (const spec of tapflow.tables)
      expectSameRows(
        await duckdbFileRows(loaded, spec.name, spec),
        await duckdbFileRows(fresh, spec.name, spec),
        spec.name,
      );
  });
});
