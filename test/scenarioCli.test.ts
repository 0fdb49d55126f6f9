/** The CLI's scenario surface: `--scenario`, `gen-parquet scenarios`, `schema --scenario` and `--set`. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const root = tempDir('scenario-cli');
const TINY = ['--scale', '0.001x', '--tables', 'accounts,locations', '--no-validate', '--quiet'];

describe('scenarios', () => {
  it('lists each pack with its description and tables with rows at 1x', () => {
    const r = runCli(['scenarios']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^tapflow: TapFlow Analytics: /);
    expect(r.stdout).toMatch(/\n {2}tap_events +fact +10,000,000 exactly\n/);
    expect(r.stdout).toMatch(/\n {2}accounts +dimension +150 exactly/);
  });

  it.each([[['--scenario', 'nope']], [['plan', '--scenario', 'nope']], [['schema', '--scenario', 'nope']]])(
    'refuses an unknown scenario in one line listing the packs: %j',
    (args) => {
      const r = runCli(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(
        'gen-parquet: --scenario nope: unknown scenario; accepted: tapflow, ecommerce, jaffle (see gen-parquet scenarios)\n',
      );
    },
  );

  it('prints a named scenario’s schema, as the docs have it', () => {
    const r = runCli(['schema', '--scenario', 'tapflow']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync('docs/data-dictionary.md', 'utf8'));
  });
});

describe('--set key.path=value', () => {
  it('overrides a config value for plan, as the file would', () => {
    const r = runCli(['plan', '--scale', '1x', '--tables', 'tap_events', '--set', 'tap_events.rows=20000']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\ntap_events +[\d,]+ +20,000 /);
  });

  it.each([
    ['tap_events.rowz=5', '--set tap_events.rowz=5: tap_events: unknown key rowz'],
    ['tap_events.anomaly.share=0.9', '--set tap_events.anomaly.share=0.9: tap_events.anomaly.share: Too big'],
    ['tap_events.rows=many', '--set tap_events.rows=many: tap_events.rows: Invalid input: expected number'],
    ['shard_rows.deeper=1', '--set shard_rows.deeper=1: shard_rows is not a section of the config'],
    ['nonsense', '--set nonsense: accepted: key.path=value'],
  ])('refuses --set %s in one line naming the key', (set, message) => {
    const r = runCli(['plan', '--set', set]);
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toContain(`gen-parquet: ${message}`);
  });

  it('is recorded in the manifest and the config hash, and a resume with another value is refused', () => {
    const plain = join(root, 'plain');
    const set = join(root, 'set');
    expect(runCli([...TINY, '--out', plain]).status).toBe(0);
    expect(runCli([...TINY, '--out', set, '--set', 'locations.id_max=1200']).status).toBe(0);
    const a = JSON.parse(readFileSync(join(plain, '_manifest.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(set, '_manifest.json'), 'utf8'));
    expect(a.scenario).toBe('tapflow');
    expect(a.config_set).toBeUndefined();
    expect(b.config_set).toEqual(['locations.id_max=1200']);
    expect(b.config_sha256).not.toBe(a.config_sha256);
    // The same command again: nothing to do.
    expect(runCli([...TINY, '--out', set, '--set', 'locations.id_max=1200']).status).toBe(0);
    const other = runCli([...TINY, '--out', set, '--set', 'locations.id_max=1300']);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/made with other parameters: config_sha256 .*config_set/);
  });
});
