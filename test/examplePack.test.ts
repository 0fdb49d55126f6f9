/**
 * A business the engine has never heard of (test/packs/minimal.ts) is generated, validated and
 * resumed end to end with no engine change. Runs the built code: workers import the pack from dist.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api, minimal as pack, quietProgress as progress, generateMinimal as run } from './minimalPack.js';

const root = mkdtempSync(join(tmpdir(), 'gen-parquet-pack-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const digest = (dir: string, files: readonly { path: string }[]) =>
  files.map(
    (f) =>
      `${f.path} ${createHash('sha256')
        .update(readFileSync(join(dir, f.path)))
        .digest('hex')}`,
  );

describe('a minimal pack, through the unchanged engine', () => {
  const whole = join(root, 'whole');

  it('generates every table with the exact planned rows and records the scenario', async () => {
    const result = await run(whole);
    expect(result.manifest.scenario).toBe('minimal');
    expect(result.manifest.expected.rows).toEqual({ visits: 10_000 });
    expect(result.tables.map((t) => [t.table, t.rows])).toEqual([
      ['stores', 20],
      ['visits', 10_000],
    ]);
    // 1,000 visits a day in shards of ≤ 400 rows: 3 files a day for 10 days.
    expect(result.manifest.files.filter((f) => f.table === 'visits')).toHaveLength(30);
    expect(result.manifest.files[0]!.path).toBe('stores/part-00000.parquet');
    expect(result.manifest.files[1]!.path).toBe('visits/visit_date=2024-03-01/part-00000.parquet');
  });

  it('passes the generic checks derived from its tables, and its own', async () => {
    const report = await api.validateOutput(whole, () => pack);
    const failed = report.checks.filter((c) => !c.pass).map((c) => `${c.name}: ${c.measured}`);
    expect(failed).toEqual([]);
    const names = report.checks.map((c) => c.name);
    for (const name of [
      'visits duplicate keys (visit_id)',
      'visits.store_id → stores.store_id orphans',
      'visits rows = plan (exact)',
      'visits.visit_id spans 1..rows',
      'visits.visit_id order breaks against visited_at',
      'visits rows outside their visit_date partition (UTC)',
      'visits rows outside the business time range',
      'visits before their store opened, or with no basket',
      'files whose size or sha256 differ from the manifest',
    ])
      expect(names).toContain(name);
  });

  it('gives the same bytes with one worker', async () => {
    const one = join(root, 'one');
    const result = await run(one, { workers: 1 });
    expect(digest(one, result.manifest.files)).toEqual(digest(whole, (await api.readManifest(whole)).files));
  });

  it('resumes an interrupted run to the same bytes', async () => {
    const resumed = join(root, 'resumed');
    const controller = new AbortController();
    await expect(
      run(resumed, { signal: controller.signal, onAdvance: () => controller.abort() }),
    ).rejects.toBeInstanceOf(api.InterruptedError);
    const result = await run(resumed);
    expect(result.tables.find((t) => t.table === 'stores')!.reused).toBe(1);
    expect(result.tables.find((t) => t.table === 'visits')!.reused).toBeGreaterThan(0);
    expect(digest(resumed, result.manifest.files)).toEqual(
      digest(whole, (await api.readManifest(whole)).files),
    );
  });

  it('is refused by a folder of another scenario, naming it', async () => {
    const tapflow = api.findScenario('tapflow');
    await expect(
      api.generate({
        pack: tapflow,
        loaded: api.loadConfig(tapflow.configFile, tapflow.configSchema),
        scale: 0.001,
        seed: 7,
        outDir: whole,
        workers: 1,
        tables: ['accounts'],
        force: false,
        compression: 'zstd',
        rowGroupRows: 122_880,
        partitionBy: 'day',
        progress: progress(),
      }),
    ).rejects.toThrow(/scenario \(folder: "minimal", now: "tapflow"\)/);
  });
});
