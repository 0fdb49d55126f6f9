/** `--days`, `--end` and `append`'s refusals through the CLI: the window a manifest records, one line and exit 2 for what cannot be done. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIsoDay } from '../../src/time/calendar.js';
import { query, runCli, tableGlob, tempDir } from '../helpers.js';

const root = tempDir('window');
const manifestOf = (out: string) => JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8'));

describe('--days and --end', () => {
  it('set the window: N days ending on the date, recorded in the manifest; no row outside it', async () => {
    const out = join(root, 'three');
    const run = runCli([
      '--scenario',
      'ecommerce',
      '--scale',
      '0.01x',
      '--days',
      '3',
      '--end',
      '2023-06-30',
      '--out',
      out,
      '--no-validate',
    ]);
    expect(run.status, run.stderr).toBe(0);
    expect(manifestOf(out).window).toEqual({ start: '2023-06-28', end: '2023-06-30' });
    const [r] = await query(
      `SELECT min(started_at)::DATE::VARCHAR lo, max(started_at)::DATE::VARCHAR hi FROM ${tableGlob(out, 'sessions')}`,
    );
    expect(r).toEqual({ lo: '2023-06-28', hi: '2023-06-30' });
  });

  it('--end today is resolved to the UTC date, which the manifest records', () => {
    const out = join(root, 'today');
    const before = formatIsoDay(Math.floor(Date.now() / 86_400_000));
    const run = runCli([
      '--scenario',
      'ecommerce',
      '--scale',
      '0.001x',
      '--days',
      '1',
      '--end',
      'today',
      '--out',
      out,
      '--no-validate',
    ]);
    const after = formatIsoDay(Math.floor(Date.now() / 86_400_000));
    expect(run.status, run.stderr).toBe(0);
    expect([before, after]).toContain(manifestOf(out).window.end);
  });
});

describe('append refuses, in one line with exit 2', () => {
  it('a folder that is not a finished dataset', () => {
    const run = runCli(['append', '--out', join(root, 'nothing'), '--days', '1']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^gen-parquet: --out .*nothing: not a finished gen-parquet dataset \(no readable _manifest.json\); append extends a dataset a finished run wrote\n$/,
    );
  });

  it('a dataset of month files, before touching the folder', () => {
    const out = join(root, 'monthly');
    mkdirSync(out);
    const manifest = {
      scenario: 'tapflow',
      window: { start: '2020-01-01', end: '2025-06-25' },
      partition_by: 'month',
      files: [],
    };
    writeFileSync(join(out, '_manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(out, '_SUCCESS'), '');
    const run = runCli(['append', '--out', out, '--days', '1']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /made with --partition-by month; append needs day files \(a month's file would change\), so generate with --partition-by day\n$/,
    );
    expect(readFileSync(join(out, '_manifest.json'), 'utf8')).toBe(JSON.stringify(manifest));
  });
});
