import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const root = tempDir('cli');
const aFile = join(root, 'a-file');
writeFileSync(aFile, 'x');
const badYaml = join(root, 'bad.yaml');
writeFileSync(badYaml, 'time: [unclosed');
const configText = readFileSync('config/tapflow.yaml', 'utf8');
function configWith(from: string, to: string): string {
  const path = join(mkdtempSync(join(root, 'cfg-')), 'c.yaml');
  writeFileSync(path, configText.replace(from, to));
  return path;
}
const nonEmpty = join(root, 'non-empty');
mkdirSync(nonEmpty);
writeFileSync(join(nonEmpty, 'keep.txt'), 'mine');

describe('bad input: one line, what is accepted, exit 2, no stack trace', () => {
  it.each([
    [['--scale', '0'], /--scale 0: not a positive number; use e\.g\. 0\.01x, 1x, 10x/],
    [['--scale', '-1'], /--scale -1: not a positive number/],
    [['--scale', 'abc'], /--scale abc: not a positive number/],
    [['--scale', '1e9'], /--scale 1e9: too large \(about .* TB of Parquet\); accepted: up to 1000x/],
    [['--workers', '0'], /--workers 0: accepted: a whole number from 1 to \d+/],
    [['--workers', '100000'], /--workers 100000: accepted: a whole number from 1 to \d+/],
    [['--seed', 'x'], /--seed x: accepted: a whole number/],
    [
      ['--tables', 'tap_events,nope'],
      /--tables tap_events,nope: unknown table nope; accepted: accounts, locations/,
    ],
    [['--compression', 'lz4'], /--compression lz4: accepted: zstd, snappy, gzip, none/],
    [['--partition-by', 'week'], /--partition-by week: accepted: day, month/],
    [['--config', join(root, 'missing.yaml')], /--config .*missing\.yaml: file not found/],
    [['--config', badYaml], /bad\.yaml: not valid YAML/],
    [['--out', aFile], /--out .*a-file: is a file; pass a folder path/],
    [['--out', nonEmpty], /--out .*non-empty: not a gen-parquet output \(.*; found keep\.txt\)/],
    [['--out', nonEmpty, '--force'], /not a gen-parquet output \(.*; found keep\.txt\)/],
    [
      ['--out', join(aFile, 'out')],
      /--out .*a-file\/out: cannot write to .*a-file: is a file, not a folder; pass a writable folder/,
    ],
    [
      ['--config', configWith('shard_rows:', 'shard_rowz:')],
      /c\.yaml: \(top level\): unknown key shard_rowz/,
    ],
    [
      ['--config', configWith('share: 0.035 ', 'share: 0.9 ')],
      /c\.yaml: tap_events\.anomaly\.share: Too big/,
    ],
    [
      ['--config', configWith('end: 2025-06-25', 'end: 2019-01-01')],
      /c\.yaml: time\.end \(2019-01-01\) is before time\.start/,
    ],
    [['--bogus'], /unknown option '--bogus'; see gen-parquet --help/],
    [['validate', '--out', root], /not a gen-parquet output \(no _manifest\.json\)/],
  ])('%j', (args, message) => {
    const defaults = args[0] === 'validate' ? [] : ['--scale', '0.001x', '--out', join(root, 'unused')];
    const run = runCli([...defaults, ...args]);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('output folder', () => {
  it('is left alone when it holds the same dataset, refused with other parameters, replaced with --force', () => {
    const out = join(root, 'out');
    expect(runCli(['--scale', '0.001x', '--out', out, '--no-validate']).status).toBe(0);
    const again = runCli(['--scale', '0.001x', '--out', out, '--no-validate']);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/already holds this dataset/);
    const other = runCli(['--scale', '0.001x', '--seed', '7', '--out', out, '--no-validate']);
    expect(other.status).toBe(2);
    expect(other.stderr.trim()).toMatch(
      /^gen-parquet: --out .*: made with other parameters: seed \(folder: 42, now: 7\); pass --force/,
    );
    const layout = runCli(['--scale', '0.001x', '--partition-by', 'month', '--out', out, '--no-validate']);
    expect(layout.status).toBe(2);
    expect(layout.stderr).toMatch(/partition_by \(folder: "day", now: "month"\)/);
    expect(
      runCli(['--scale', '0.001x', '--seed', '7', '--out', out, '--no-validate', '--force']).status,
    ).toBe(0);
  });

  it('prints help with every option', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    for (const flag of [
      '--scale',
      '--out',
      '--seed',
      '--workers',
      '--config',
      '--tables',
      '--force',
      '--no-validate',
      '--partition-by',
      '--row-group-rows',
    ]) {
      expect(run.stdout).toContain(flag);
    }
  });
});
