/**
 * Validation over files DuckDB cannot read, and over output paths DuckDB would take for globs:
 * through the real CLI, on real (truncated) files.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../src/run/manifest.js';
import type { ValidationReport } from '../src/validate/validate.js';
import { runCli, tempDir } from './helpers.js';

// 60 days instead of the configured 622: a dozen tap_events files per output, each run a third as long.
const TABLES = ['--tables', 'accounts,locations,devices,tap_events', '--days', '60', '--workers', '1'];
const TINY = ['--scale', '0.001x', ...TABLES];
const root = tempDir('validate-errors');
const clean = join(root, 'clean');

const reportOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, '_validation.json'), 'utf8')) as ValidationReport;

function copyOf(name: string): string {
  const dir = join(root, name);
  cpSync(clean, dir, { recursive: true });
  return dir;
}

beforeAll(() => {
  const run = runCli([...TINY, '--out', clean, '--quiet']);
  expect(run.status, run.stderr).toBe(0);
  expect(reportOf(clean).passed).toBe(true);
});

describe('validate over truncated files', () => {
  it('fails each check that reads them with a one-line reason, runs every other check, and records the failure', () => {
    const dir = copyOf('truncated');
    const manifest = JSON.parse(readFileSync(join(dir, '_manifest.json'), 'utf8')) as Manifest;
    const tapFile = manifest.files.filter((f) => f.table === 'tap_events')[3]!.path;
    truncateSync(join(dir, 'accounts', 'part-00000.parquet'), 100);
    truncateSync(join(dir, tapFile), 200);

    const run = runCli(['validate', '--out', dir]);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).not.toMatch(/Invalid Input Error|SELECT |LINE \d|gen-parquet: failed/);
    expect(run.stderr).toMatch(/validation FAILED/);

    const report = reportOf(dir);
    expect(report.passed).toBe(false);
    const check = (name: string) => report.checks.find((c) => c.name === name)!;
    expect(check('files whose size or sha256 differ from the manifest')).toMatchObject({
      pass: false,
      measured: `2 (${tapFile < 'accounts' ? tapFile : 'accounts/part-00000.parquet'})`,
    });
    expect(check('accounts rows = manifest').measured).toMatch(
      /^error: accounts: No magic bytes found at end of file '.*accounts\/part-00000\.parquet'$/,
    );
    expect(check('tap_events rows = manifest').measured).toMatch(
      // 60 days of tap_events are few enough rows to be read once, as a table (validate/sources.ts).
      new RegExp(
        `^error: (tap_events: )?No magic bytes found at end of file '.*${tapFile.replaceAll('/', '\\/')}'$`,
      ),
    );
    expect(check('tables DuckDB could not open')).toMatchObject({ pass: false });
    // Checks over readable tables still run, and pass.
    expect(check('devices rows = manifest')).toMatchObject({ pass: true, measured: '25' });
    // The report is complete: the same checks as on the clean output, each reason on one line.
    expect(report.checks.map((c) => c.name)).toEqual(reportOf(clean).checks.map((c) => c.name));
    expect(report.checks.every((c) => !c.measured.includes('\n'))).toBe(true);
  });

  it('removes the previous _validation.json before it starts, so a validation that throws leaves none', () => {
    const dir = copyOf('throws');
    const manifestPath = join(dir, '_manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, files: 7 }));
    const run = runCli(['validate', '--out', dir]);
    expect(run.status).toBe(1);
    expect(existsSync(join(dir, '_validation.json'))).toBe(false);
  });

  it('leaves a _validation.json alone in a folder that is not an output', () => {
    const dir = join(root, 'not-an-output');
    mkdirSync(dir);
    writeFileSync(join(dir, '_validation.json'), 'mine');
    expect(runCli(['validate', '--out', dir]).status).toBe(2);
    expect(readFileSync(join(dir, '_validation.json'), 'utf8')).toBe('mine');
  });
});

/**
 * Each name sits next to a decoy output (of another scale) that its name matches as a glob (`a*b`
 * next to `aXb`), so reading a glob instead of the output's own files counts the decoy's rows. `account_id=7` and
 * `event_date=2020-01-01` would be taken by DuckDB's Hive parsing for columns.
 */
describe.each([
  ['out[1]', 'out1', []],
  ['a*b', 'aXb', []],
  ['q?', 'qZ', []],
  ['[!a]', 'b', []],
  ['{x}', 'x', []],
  ["it's", 'its', []],
  ['account_id=7', 'account_id=8', []],
  ['event_date=2020-01-01', 'e', []],
  ['m[1]', 'm1', ['--partition-by', 'month']],
])('an output folder named %s (next to %s)', (name, decoy, extra) => {
  it('is generated and passes its own validation, which reads only its files', () => {
    const parent = tempDir('glob-name');
    const out = join(parent, name);
    cpSync(clean, join(parent, decoy), { recursive: true });
    const run = runCli(['--scale', '0.002x', ...TABLES, ...extra, '--out', out, '--quiet']);
    expect(run.status, run.stderr).toBe(0);
    const report = reportOf(out);
    expect(report.checks.filter((c) => !c.pass)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(readdirSync(join(out, 'tap_events')).length).toBeGreaterThan(0);
  });
});
