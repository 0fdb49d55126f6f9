/**
 * `append` through the engine with the minimal test pack (append-stable; `stores` is mutable): a
 * backfill plus one-day appends, plus one three-day append, and a backfill of the whole window give
 * the same files; earlier increments' files are never rewritten; a stop leaves the previous
 * increment valid and the re-run gives the same bytes; a stop during the commit is finished by the
 * next append.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetDigests } from '../helpers.js';
import { api, appendMinimal, generateMinimal, minimal, quietProgress } from '../minimalPack.js';

const root = mkdtempSync(join(tmpdir(), 'gen-parquet-append-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const WEEK = { start: '2024-03-01', end: '2024-03-07' };

const failedChecks = async (dir: string) =>
  (await api.validateOutput(dir, () => minimal)).checks.filter((c) => !c.pass).map((c) => c.name);

const week = join(root, 'week');
const whole = join(root, 'whole');

beforeAll(async () => {
  await generateMinimal(week, { window: WEEK });
  await generateMinimal(whole, { window: { start: WEEK.start, end: '2024-03-10' } });
});

describe('append', () => {
  it('three one-day appends, one three-day append and a backfill of the ten days give the same files', async () => {
    const daily = join(root, 'daily');
    const once = join(root, 'once');
    cpSync(week, daily, { recursive: true });
    cpSync(week, once, { recursive: true });
    for (const end of ['2024-03-08', '2024-03-09', '2024-03-10']) await appendMinimal(daily, end);
    await appendMinimal(once, '2024-03-10');
    const expected = parquetDigests(whole);
    expect(Object.keys(expected)).toHaveLength(1 + 30);
    expect(parquetDigests(daily)).toEqual(expected);
    expect(parquetDigests(once)).toEqual(expected);
    expect(await failedChecks(daily)).toEqual([]);

    const manifest = await api.readManifest(daily);
    expect(manifest.window).toEqual({ start: '2024-03-01', end: '2024-03-10' });
    expect(manifest.expected.rows).toEqual((await api.readManifest(whole)).expected.rows);
    expect(manifest.increments.map((i) => [i.number, i.window.end, i.added.length, i.replaced])).toEqual([
      [0, '2024-03-07', 22, []],
      [1, '2024-03-08', 3, ['stores/part-00000.parquet']],
      [2, '2024-03-09', 3, ['stores/part-00000.parquet']],
      [3, '2024-03-10', 3, ['stores/part-00000.parquet']],
    ]);
    expect(manifest.increments[1]!.added[0]).toBe('visits/visit_date=2024-03-08/part-00000.parquet');
    expect(manifest.increments[1]!.rows).toEqual({ stores: 20, visits: 1000 });
  });

  it('never rewrites a file of an immutable table, and replaces the mutable snapshot whole', async () => {
    const dir = join(root, 'untouched');
    cpSync(week, dir, { recursive: true });
    const first = 'visits/visit_date=2024-03-01/part-00000.parquet';
    const before = statSync(join(dir, first));
    const storesBefore = readFileSync(join(dir, 'stores/part-00000.parquet'));
    await appendMinimal(dir, '2024-03-09');
    const after = statSync(join(dir, first));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    // Inspections move with the window's end: the snapshot differs, and equals the backfill's.
    expect(readFileSync(join(dir, 'stores/part-00000.parquet')).equals(storesBefore)).toBe(false);
    expect(existsSync(join(dir, '_next'))).toBe(false);
  });

  it('a stopped append leaves the previous increment valid; the same append then gives the same bytes', async () => {
    const dir = join(root, 'stopped');
    cpSync(week, dir, { recursive: true });
    const stop = new AbortController();
    await expect(
      appendMinimal(dir, '2024-03-10', { workers: 1, signal: stop.signal, onAdvance: () => stop.abort() }),
    ).rejects.toThrow(/interrupted|resume/i);
    expect(readdirSync(join(dir, '_next', 'visits')).length).toBeGreaterThan(0);
    expect((await api.readManifest(dir)).window.end).toBe('2024-03-07');
    expect(existsSync(join(dir, 'visits', 'visit_date=2024-03-08'))).toBe(false);
    expect(await failedChecks(dir)).toEqual([]);
    await appendMinimal(dir, '2024-03-10');
    expect(parquetDigests(dir)).toEqual(parquetDigests(whole));
  });

  it('finishes an append stopped during its commit', async () => {
    const done = join(root, 'done');
    const dir = join(root, 'committing');
    cpSync(week, done, { recursive: true });
    cpSync(week, dir, { recursive: true });
    await appendMinimal(done, '2024-03-08');
    // As a stop right after the decision leaves it: the new files and manifest staged, _SUCCESS gone.
    const added = (await api.readManifest(done)).increments[1]!;
    for (const path of [...added.added, ...added.replaced]) {
      mkdirSync(join(dir, '_next', path, '..'), { recursive: true });
      cpSync(join(done, path), join(dir, '_next', path));
    }
    cpSync(join(done, '_manifest.json'), join(dir, '_next', '_manifest.json'));
    rmSync(join(dir, '_SUCCESS'));
    const result = await appendMinimal(dir, '2024-03-08');
    expect(result.alreadyComplete).toBe(true);
    expect(parquetDigests(dir)).toEqual(parquetDigests(done));
    expect(readFileSync(join(dir, '_manifest.json'), 'utf8')).toBe(
      readFileSync(join(done, '_manifest.json'), 'utf8'),
    );
    expect(existsSync(join(dir, '_SUCCESS'))).toBe(true);
  });

  it('refuses another config, and a run on a folder with an unfinished append', async () => {
    const dir = join(root, 'refused');
    cpSync(week, dir, { recursive: true });
    await expect(appendMinimal(dir, '2024-03-08', { set: ['stores=21'] })).rejects.toThrow(
      /append must use the dataset's own parameters; it differs in config_sha256/,
    );
    const stop = new AbortController();
    await expect(
      appendMinimal(dir, '2024-03-09', { workers: 1, signal: stop.signal, onAdvance: () => stop.abort() }),
    ).rejects.toThrow();
    await expect(generateMinimal(dir, { window: WEEK })).rejects.toThrow(
      /holds an unfinished append \(to 2024-03-09\)/,
    );
  });

  it('refuses a pack that is not append-stable, before touching the folder', async () => {
    const dir = join(root, 'unstable');
    cpSync(week, dir, { recursive: true });
    const before = parquetDigests(dir);
    const manifest = await api.readManifest(dir);
    await expect(
      api.append({
        pack: { ...minimal, window: { ...minimal.window, appendStable: false } },
        loaded: api.loadConfig(minimal.configFile, minimal.configSchema, []),
        manifest,
        window: { start: manifest.window.start, end: '2024-03-08' },
        outDir: dir,
        workers: 1,
        progress: quietProgress(),
      }),
    ).rejects.toThrow(
      /the minimal scenario cannot be appended to yet \(a longer window changes its earlier days\)/,
    );
    expect(parquetDigests(dir)).toEqual(before);
    expect((await api.readManifest(dir)).window.end).toBe('2024-03-07');
  });
});
