/**
 * Day by day with the ecommerce pack through the CLI, with its change logs (`--changes`): a 36-day
 * backfill plus three one-day appends, plus one three-day append, and a 39-day backfill give the same
 * files (settled orders kept in place); replaying the appended change logs up to the backfill's end gives the backfill's tables; a
 * kill -9 during an append leaves the previous increment, which still validates, and the re-run gives
 * the same bytes.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { icebergRead } from 'icebird';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/run/factShard.js';
import ecommerce from '../../src/scenarios/ecommerce/index.js';
import { differenceSql, replaySql } from '../../src/validate/changeLogChecks.js';
import { parquetDigests, query, runCli, tempDir } from '../helpers.js';
import { parquetChecksum, rowsChecksum } from '../iceberg/checksums.js';
import { serveFolder } from '../iceberg/serveFolder.js';
import { currentMetadata, snapshotCheck } from '../iceberg/snapshotCheck.js';

const root = tempDir('append-ecommerce');
// Returns within a day: orders then settle 33 days after their day, so the first appends keep the
// window's first three days of orders and order items in place.
const BASE = [
  '--scenario',
  'ecommerce',
  '--scale',
  '0.01x',
  '--changes',
  '--set',
  'orders.return_days.max=1',
  '--no-validate',
  '--workers',
  '2',
];
const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');

const ok = (args: string[]) => {
  const run = runCli(args);
  expect(run.status, run.stderr).toBe(0);
  return run;
};
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, '_manifest.json'), 'utf8'));

const month = join(root, 'month');
const longer = join(root, 'longer');
/** The month plus one three-day append (made by the first test). */
const once = join(root, 'once');

beforeAll(() => {
  ok([...BASE, '--days', '36', '--end', '2023-06-30', '--out', month]);
  ok([...BASE, '--days', '39', '--end', '2023-07-03', '--out', longer]);
});

describe('ecommerce, day by day', () => {
  it('3 one-day appends = one 3-day append = the 33-day backfill, byte for byte', () => {
    const daily = join(root, 'daily');
    cpSync(month, daily, { recursive: true });
    cpSync(month, once, { recursive: true });
    for (let i = 0; i < 3; i++) ok(['append', '--out', daily, '--days', '1', '--no-validate']);
    ok(['append', '--out', once, '--days', '3', '--no-validate']);
    const expected = parquetDigests(longer);
    expect(parquetDigests(daily)).toEqual(expected);
    expect(parquetDigests(once)).toEqual(expected);
    const manifest = manifestOf(daily);
    expect(manifest.window).toEqual({ start: '2023-05-26', end: '2023-07-03' });
    // Settled orders stay in place; the later ones are written anew.
    const rewritten = (day: string) =>
      manifest.increments[1].replaced.filter((p: string) => p.includes(`order_date=${day}/`)).sort();
    expect(rewritten('2023-05-28')).toEqual([]);
    expect(rewritten('2023-05-29')).toEqual([
      'order_items/order_date=2023-05-29/part-00000.parquet',
      'orders/order_date=2023-05-29/part-00000.parquet',
    ]);
    expect(manifest.increments.map((i: { window: { end: string } }) => i.window.end)).toEqual([
      '2023-06-30',
      '2023-07-01',
      '2023-07-02',
      '2023-07-03',
    ]);
    expect(manifest.expected).toEqual(manifestOf(longer).expected);
    const validate = ok(['validate', '--out', daily]);
    expect(validate.stderr).toMatch(/validation passed/);
  });

  it("replaying the appended change logs up to the backfill's end gives the backfill's tables", async () => {
    const appended = once;
    const files = (dir: string, table: string) =>
      `read_parquet('${join(dir, table, '**', '*.parquet')}', hive_partitioning = false)`;
    const endOfMonth = Date.UTC(2023, 6, 1) * 1000;
    const mutable = ecommerce.tables.filter((t) => t.mutable);
    expect(mutable.map((t) => t.name)).toEqual(['customers', 'products', 'orders', 'order_items']);
    for (const t of mutable) {
      const snapshot = `SELECT ${t.columns.map((c) => c.name).join(', ')} FROM ${files(month, t.name)}`;
      const log = files(appended, `${t.name}_changes`);
      const [asOfMonth] = await query(differenceSql(snapshot, replaySql(t, log, endOfMonth)));
      expect(asOfMonth!.n, t.name).toBe('0');
      // Not vacuous: as of the new end, orders have moved on from the backfill's snapshot.
      if (t.name === 'orders') {
        const [later] = await query(differenceSql(snapshot, replaySql(t, log)));
        expect(Number(later!.n)).toBeGreaterThan(0);
      }
    }
  });

  it('Iceberg: the overwrite snapshot of a settled table lists its kept files with the new ones', async () => {
    const ice = join(root, 'ice');
    cpSync(month, ice, { recursive: true });
    const server = await serveFolder(root);
    try {
      const location = `${server.url}/ice`;
      ok(['iceberg', '--out', ice, '--table-location', location, '--quiet']);
      ok(['append', '--out', ice, '--days', '1', '--no-validate']);
      const manifest = manifestOf(ice);
      for (const spec of ecommerce.tables.filter((t) => t.name === 'orders' || t.name === 'order_items')) {
        const files: FileResult[] = manifest.files.filter((f: FileResult) => f.table === spec.name);
        const notRewritten = files.filter((f) => !manifest.increments[1].replaced.includes(f.path));
        expect(notRewritten.map((f) => f.path.split('/')[1])).toEqual([
          'order_date=2023-05-26',
          'order_date=2023-05-27',
          'order_date=2023-05-28',
          'order_date=2023-07-01',
        ]);
        const meta = currentMetadata(ice, spec.name);
        await snapshotCheck({ out: ice, location, spec, files, unit: 'day' }, meta, meta.snapshots.at(-1)!);
        const rows = await icebergRead({ tableUrl: `${location}/${spec.name}`, metadata: meta as never });
        expect(rowsChecksum(rows, spec.columns)).toEqual(
          await parquetChecksum(
            ice,
            files.map((f) => f.path),
            spec.columns,
          ),
        );
      }
    } finally {
      await server.close();
    }
  });

  it('refuses --changes on a dataset made without it, naming the difference', () => {
    const plain = join(root, 'plain');
    ok(['--scenario', 'ecommerce', '--scale', '0.001x', '--days', '1', '--no-validate', '--out', plain]);
    const r = runCli(['append', '--out', plain, '--days', '1', '--changes', '--no-validate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/differs in .*changes \(folder: without --changes, now: --changes\)/);
  });

  it('a kill -9 during an append leaves the previous increment, valid; the re-run gives the same bytes', async () => {
    const dir = join(root, 'killed');
    cpSync(month, dir, { recursive: true });
    const child = spawn(process.execPath, [
      CLI,
      'append',
      '--out',
      dir,
      '--days',
      '3',
      '--no-validate',
      '--workers',
      '1',
    ]);
    // Killed as soon as the append's journal exists: it is writing its files.
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (existsSync(join(dir, '_progress.jsonl')) || child.exitCode !== null) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    await new Promise((resolve) => child.once('close', resolve));
    expect(manifestOf(dir).window.end).toBe('2023-06-30');
    expect(existsSync(join(dir, 'sessions', 'session_date=2023-07-01'))).toBe(false);
    expect(existsSync(join(dir, '_SUCCESS'))).toBe(true);
    ok(['validate', '--out', dir]);
    ok(['append', '--out', dir, '--days', '3', '--no-validate']);
    expect(parquetDigests(dir)).toEqual(parquetDigests(longer));
  });
});
