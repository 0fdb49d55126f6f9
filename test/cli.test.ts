import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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
  // A fault that no longer matches the shipped config would plant nothing: fail loudly instead.
  if (!configText.includes(from)) throw new Error(`config/tapflow.yaml has no '${from}' to replace`);
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
    [['--scale', '1e9'], /--scale 1e9: too large; accepted: 0\.001x to 1000x/],
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

describe('refused before anything is written: one line on stderr, exit 2', () => {
  const tooSmall = /too small for every table to get rows; accepted: 0\.001x to 1000x$/;
  const noTable =
    /names no table; accepted: a comma-separated list of accounts, .* \(leave --tables out for all\)$/;
  const badConfig = (from: string, to: string) => ['--config', configWith(from, to)];
  it.each([
    // Scales whose fact tables would be empty (item 3), for a run and for a plan.
    ['--scale 1e-9', ['--scale', '1e-9'], /^gen-parquet: --scale 1e-9: /, tooSmall],
    ['--scale 4e-7', ['--scale', '4e-7'], /^gen-parquet: --scale 4e-7: /, tooSmall],
    ['--scale 0.0009x', ['--scale', '0.0009x'], /^gen-parquet: --scale 0\.0009x: /, tooSmall],
    ['plan --scale 1e-9', ['plan', '--scale', '1e-9'], /^gen-parquet: --scale 1e-9: /, tooSmall],
    // An empty table list is not "all tables" (item 5).
    ["--tables ''", ['--tables', ''], /^gen-parquet: --tables '': /, noTable],
    ['--tables ,', ['--tables', ','], /^gen-parquet: --tables ',': /, noTable],
    ["--tables ' '", ['--tables', ' '], /^gen-parquet: --tables ' ': /, noTable],
    ["plan --tables ''", ['plan', '--tables', ''], /^gen-parquet: --tables '': /, noTable],
    // Configs that make no sense (item 7): a share set off 1, all-zero weights, a negative weight.
    [
      'industry shares summing to 1.6',
      badConfig('craft_brewing:           { share: 0.15', 'craft_brewing:           { share: 0.75'),
      /c\.yaml: accounts\.industries: /,
      /shares sum to 1\.6; they must sum to 1$/,
    ],
    [
      'all-zero entry page weights',
      badConfig(
        'entry: { /dashboard: 0.70, /alerts: 0.15, /reports: 0.10, /devices/:id: 0.05 }',
        'entry: { /dashboard: 0, /alerts: 0 }',
      ),
      /c\.yaml: page_views\.entry: /,
      /every weight is 0; at least one must be positive \(weights are relative\)$/,
    ],
    [
      'all-zero churn tier weights',
      badConfig(
        'tier_weight: { small: 1.5, medium: 0.8, large: 0.1,',
        'tier_weight: { small: 0, medium: 0, large: 0,',
      ),
      /c\.yaml: accounts\.churn\.tier_weight: /,
      /every weight is 0/,
    ],
    [
      'a negative role weight',
      badConfig('role_weight: { admin: 3.0', 'role_weight: { admin: -3.0'),
      /c\.yaml: feature_usage\.role_weight\.admin: /,
      /a weight cannot be negative$/,
    ],
    // Unknown commands and options (item 12).
    [
      'frobnicate',
      ['frobnicate'],
      /^gen-parquet: unknown command 'frobnicate' /,
      /\(commands: append, commit, validate, plan, schema, load, iceberg, scenarios\); see gen-parquet --help$/,
    ],
    [
      '--scal 1',
      ['--scal', '1'],
      /^gen-parquet: unknown option '--scal' /,
      /\(Did you mean --scale\?\); see gen-parquet --help$/,
    ],
    [
      'plan --scal 1',
      ['plan', '--scal', '1'],
      /^gen-parquet: unknown option '--scal' /,
      /see gen-parquet plan --help$/,
    ],
    [
      'validate --outt x',
      ['validate', '--outt', 'x'],
      /^gen-parquet: unknown option '--outt' /,
      /\(Did you mean --out\?\)/,
    ],
    [
      'plan frob',
      ['plan', 'frob'],
      /^gen-parquet: plan: unexpected argument 'frob' /,
      /see gen-parquet plan --help$/,
    ],
    [
      '--days 0',
      ['--days', '0'],
      /^gen-parquet: --days 0: /,
      /accepted: a whole number of days from 1 to 3660$/,
    ],
    [
      '--end 2024-02-30',
      ['--end', '2024-02-30'],
      /^gen-parquet: --end 2024-02-30: /,
      /accepted: a date YYYY-MM-DD, or today \(UTC\)$/,
    ],
    [
      'append without --days or --end',
      ['append'],
      /^gen-parquet: append: /,
      /give either --days N \(days to add\) or --end YYYY-MM-DD \(the new last day\)$/,
    ],
    [
      '--scale',
      ['--scale'],
      /^gen-parquet: option '--scale <S>' argument missing/,
      /see gen-parquet --help$/,
    ],
  ])('%s', (_what, args, start, end) => {
    const out = join(mkdtempSync(join(root, 'refused-')), 'out');
    const subcommand = args[0] === 'plan' || args[0] === 'validate' || args[0] === 'append';
    const run = runCli(subcommand ? args : ['--out', out, '--scale', '0.001x', ...args]);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')).toEqual([expect.stringMatching(start), '']);
    expect(run.stderr.trimEnd()).toMatch(end);
    expect(existsSync(out)).toBe(false);
  });

  it.each([[['--help']], [['--version']], [['plan', '--help']]])(
    '%j still prints to stdout and exits 0',
    (args) => {
      const run = runCli(args);
      expect(run.status).toBe(0);
      expect(run.stderr).toBe('');
      expect(run.stdout).not.toBe('');
    },
  );
});

describe('output folder', () => {
  it('is left alone when it holds the same dataset, refused with other parameters, replaced with --force', () => {
    const out = join(root, 'out');
    // 30 days: a few dozen files instead of ~1,800, the same questions about the folder.
    const tiny = ['--scale', '0.001x', '--days', '30'];
    expect(runCli([...tiny, '--out', out, '--no-validate']).status).toBe(0);
    const again = runCli([...tiny, '--out', out, '--no-validate']);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(/already holds this dataset/);
    const other = runCli([...tiny, '--seed', '7', '--out', out, '--no-validate']);
    expect(other.status).toBe(2);
    expect(other.stderr.trim()).toMatch(
      /^gen-parquet: --out .*: made with other parameters: seed \(folder: 42, now: 7\); pass --force/,
    );
    const layout = runCli([...tiny, '--partition-by', 'month', '--out', out, '--no-validate']);
    expect(layout.status).toBe(2);
    expect(layout.stderr).toMatch(/partition_by \(folder: "day", now: "month"\)/);
    expect(runCli([...tiny, '--seed', '7', '--out', out, '--no-validate', '--force']).status).toBe(0);
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
      '--table-format',
      '--table-location',
    ]) {
      expect(run.stdout).toContain(flag);
    }
  });
});
