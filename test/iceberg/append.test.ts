/**
 * Iceberg tables day by day: ecommerce, jaffle and TapFlow written with `--table-format iceberg`, then two
 * one-day appends, each a snapshot of every table. After each step icebird (an independent reader,
 * over a local HTTP server) reads every table's current snapshot; at the end it time-travels to every
 * snapshot a table keeps, by snapshot id. Rows and column checksums equal DuckDB's over the Parquet
 * files of that increment (the manifest lists each increment's files); the Avro is checked against
 * the v2 spec at every snapshot; the earlier manifests stay byte for byte; the metadata of a second,
 * identical history is byte-identical.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { icebergRead } from 'icebird';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableMetadata } from '../../src/iceberg/tableMetadata.js';
import type { Manifest } from '../../src/run/manifest.js';
import { findScenario } from '../../src/scenarios/registry.js';
import { findTable, type TableSpec } from '../../src/schema/tableSpec.js';
import { type CliRun, parquetDigests, runCliAsync, tempDir } from '../helpers.js';
import { parquetChecksum, rowsChecksum } from './checksums.js';
import { metadataFiles } from './metadataFiles.js';
import { type FolderServer, serveFolder } from './serveFolder.js';
import { currentMetadata, snapshotCheck } from './snapshotCheck.js';
import { readAvro } from './specCheck.js';

interface Pack {
  readonly scenario: string;
  readonly end: string;
  readonly scale: string;
  readonly days: string;
}

const PACKS: readonly Pack[] = [
  { scenario: 'ecommerce', end: '2023-06-28', scale: '0.01x', days: '3' },
  { scenario: 'jaffle', end: '2024-06-28', scale: '0.01x', days: '3' },
  // Continued past its backfill: devices, users and the heartbeats' last days are overwritten.
  { scenario: 'tapflow', end: '2025-06-25', scale: '0.001x', days: '7' },
];

let root: string;
let server: FolderServer;
const outOf = (p: Pack, copy = '') => join(root, `${p.scenario}${copy}`);
const locationOf = (p: Pack) => `${server.url}/${p.scenario}`;

const ok = (run: CliRun) => {
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
};

/** The backfill and two one-day appends into `out`, calling `after` after each step. */
async function history(p: Pack, out: string, after: (step: number) => Promise<void>): Promise<void> {
  const common = ['--workers', '1', '--no-validate', '--quiet'];
  ok(
    await runCliAsync([
      ...['--scenario', p.scenario, '--scale', p.scale, '--days', p.days, '--end', p.end],
      ...['--out', out, '--table-format', 'iceberg', '--table-location', locationOf(p), ...common],
    ]),
  );
  await after(0);
  for (const step of [1, 2]) {
    ok(await runCliAsync(['append', '--out', out, '--days', '1', ...common]));
    await after(step);
  }
}

const manifestOf = (out: string): Manifest => JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8'));
const specsOf = (p: Pack, m: Manifest): TableSpec[] =>
  m.tables.map((t) => findTable(findScenario(p.scenario).tables, t));
const filesOf = (m: Manifest, table: string) => m.files.filter((f) => f.table === table);

/** icebird's checksum of `table` at `snapshotId`, and DuckDB's over the files `m` lists for it. */
async function bothChecksums(p: Pack, spec: TableSpec, meta: TableMetadata, snapshotId: number, m: Manifest) {
  const files = filesOf(m, spec.name);
  if (!files.length) return { icebird: 'empty', duckdb: 'empty' }; // icebird refuses a table of no files
  const rows = await icebergRead({
    tableUrl: `${locationOf(p)}/${spec.name}`,
    metadata: { ...meta, 'current-snapshot-id': snapshotId } as never,
  });
  return {
    icebird: rowsChecksum(rows, spec.columns),
    duckdb: await parquetChecksum(
      outOf(p),
      files.map((f) => f.path),
      spec.columns,
    ),
  };
}

/** Per pack: the manifest and metadata files after each step, and the checks made along the way. */
const steps = new Map<string, { manifest: Manifest; metadata: Map<string, Buffer> }[]>();
const again = new Map<string, Map<string, Buffer>>();

beforeAll(async () => {
  root = tempDir('iceberg-append');
  server = await serveFolder(root);
  const jaffle = PACKS[1]!;
  const second = history(jaffle, outOf(jaffle, '-again'), async () => {}).then(() =>
    again.set(jaffle.scenario, metadataFiles(outOf(jaffle, '-again'))),
  );
  // The packs' histories side by side, with the second one: small runs, mostly process start-up.
  const first = PACKS.map(async (p) => {
    const seen: { manifest: Manifest; metadata: Map<string, Buffer> }[] = [];
    steps.set(p.scenario, seen);
    await history(p, outOf(p), async (step) => {
      const manifest = manifestOf(outOf(p));
      seen.push({ manifest, metadata: metadataFiles(outOf(p)) });
      expect(manifest.increments).toHaveLength(step + 1);
      // The current snapshot of every table, mutable ones included, holds this increment's files.
      for (const spec of specsOf(p, manifest)) {
        const meta = currentMetadata(outOf(p), spec.name);
        expect(meta.snapshots.at(-1)!.summary['gen-parquet.increment']).toBe(String(step));
        const { icebird, duckdb } = await bothChecksums(p, spec, meta, meta['current-snapshot-id'], manifest);
        expect([spec.name, step, icebird]).toEqual([spec.name, step, duckdb]);
      }
    });
  });
  await Promise.all([...first, second]);
}, 240_000);

afterAll(async () => {
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.each(PACKS)('$scenario', (p) => {
  it('keeps every snapshot of an immutable table and the one current snapshot of a mutable table', () => {
    const last = steps.get(p.scenario)!.at(-1)!.manifest;
    const mutable = specsOf(p, last).filter((s) => s.mutable);
    expect(mutable.length).toBeGreaterThan(0);
    for (const spec of specsOf(p, last)) {
      const meta = currentMetadata(outOf(p), spec.name);
      const kept = meta.snapshots.map((s) => [s.summary.operation, s.summary['gen-parquet.increment']]);
      expect([spec.name, kept]).toEqual([
        spec.name,
        spec.mutable
          ? [['overwrite', '2']]
          : [
              ['append', '0'],
              ['append', '1'],
              ['append', '2'],
            ],
      ]);
      expect(meta['snapshot-log'].map((l) => l['snapshot-id'])).toEqual(
        meta.snapshots.map((s) => s['snapshot-id']),
      );
      expect(meta['metadata-log'].map((l) => l['metadata-file'].split('/').at(-1))).toEqual([
        'v1.metadata.json',
        'v2.metadata.json',
      ]);
      const current = meta.snapshots.at(-1)!;
      const previous = steps.get(p.scenario)![1]!.manifest;
      const rows = (m: Manifest) => filesOf(m, spec.name).reduce((a, f) => a + f.rows, 0);
      const added = filesOf(last, spec.name).filter((f) => last.increments[2]!.added.includes(f.path));
      expect(current.summary).toMatchObject(
        spec.mutable
          ? {
              'deleted-data-files': String(filesOf(previous, spec.name).length),
              'deleted-records': String(rows(previous)),
              'total-records': String(rows(last)),
            }
          : { 'total-records': String(rows(last)) },
      );
      if (!spec.mutable && added.length)
        expect(current.summary['added-records']).toBe(String(added.reduce((a, f) => a + f.rows, 0)));
    }
  });

  it('icebird reads every table at every snapshot it keeps (by snapshot id) as DuckDB reads that increment', async () => {
    const seen = steps.get(p.scenario)!;
    let reads = 0;
    for (const spec of specsOf(p, seen.at(-1)!.manifest)) {
      const meta = currentMetadata(outOf(p), spec.name);
      for (const s of meta.snapshots) {
        const m = seen[Number(s.summary['gen-parquet.increment'])]!.manifest;
        const { icebird, duckdb } = await bothChecksums(p, spec, meta, s['snapshot-id'], m);
        expect([spec.name, s['snapshot-id'], icebird]).toEqual([spec.name, s['snapshot-id'], duckdb]);
        reads++;
      }
    }
    expect(reads).toBeGreaterThan(8);
  });

  it('passes the spec check at every snapshot', async () => {
    const seen = steps.get(p.scenario)!;
    for (const spec of specsOf(p, seen.at(-1)!.manifest)) {
      const meta = currentMetadata(outOf(p), spec.name);
      for (const s of meta.snapshots) {
        const m = seen[Number(s.summary['gen-parquet.increment'])]!.manifest;
        const t = {
          out: outOf(p),
          location: locationOf(p),
          spec,
          files: filesOf(m, spec.name),
          unit: 'day' as const,
        };
        await snapshotCheck(t, meta, s);
      }
    }
  });

  it("keeps the earlier manifests byte for byte; an append's manifest list lists them as before", async () => {
    const seen = steps.get(p.scenario)!;
    for (const step of [1, 2]) {
      const [before, after] = [seen[step - 1]!.metadata, seen[step]!.metadata];
      const record = JSON.parse(after.get('_iceberg.json')!.toString());
      // _iceberg.json lists every metadata file there is, and nothing else.
      expect(record.files.map((f: { path: string }) => f.path).sort()).toEqual(
        [...after.keys()].filter((k) => k !== '_iceberg.json').sort(),
      );
      for (const spec of specsOf(p, seen[step]!.manifest)) {
        const avro = (files: Map<string, Buffer>) =>
          [...files.keys()].filter((k) => k.startsWith(`${spec.name}/metadata/`) && k.endsWith('.avro'));
        const old = avro(before);
        if (spec.mutable) {
          // Expired with the snapshots that listed the rewritten files.
          expect(avro(after).filter((k) => old.includes(k))).toEqual([]);
          continue;
        }
        for (const k of old) expect([k, after.get(k)?.equals(before.get(k)!)]).toEqual([k, true]);
        const increment = seen[step]!.manifest.increments[step]!;
        const grew = filesOf(seen[step]!.manifest, spec.name).some((f) => increment.added.includes(f.path));
        expect(avro(after)).toHaveLength(old.length + (grew ? 2 : 1)); // a manifest (if files came) and its list
        const meta = currentMetadata(outOf(p), spec.name);
        const [prev, current] = [meta.snapshots[step - 1], meta.snapshots[step]];
        const list = (s: typeof prev) => {
          const name = `${spec.name}/metadata/${s!['manifest-list'].split('/').at(-1)}`;
          return after.get(name)!;
        };
        const records = async (s: typeof prev) => {
          const path = join(root, 'list.avro');
          writeFileSync(path, list(s));
          return (await readAvro<Record<string, unknown>>(path)).records;
        };
        const [l1, l2] = [await records(prev), await records(current)];
        expect(l2.slice(grew ? 1 : 0)).toEqual(l1);
        if (grew)
          expect(l2[0]).toMatchObject({
            added_snapshot_id: current!['snapshot-id'],
            existing_files_count: 0,
          });
      }
    }
  });
});

it('a second identical history writes byte-identical metadata', () => {
  const jaffle = PACKS[1]!;
  const first = steps.get(jaffle.scenario)!.at(-1)!.metadata;
  expect(first.size).toBeGreaterThan(20);
  expect(again.get(jaffle.scenario)).toEqual(first);
});

it('a stop after the metadata is staged leaves every table at its previous version; the same append then commits it', async () => {
  const jaffle = PACKS[1]!;
  const out = outOf(jaffle, '-again');
  // Worker threads load the pack from dist: the API and the pack come from there too.
  const built = (path: string) => import(new URL(`../../dist/src/${path}`, import.meta.url).href);
  const api = await built('index.js');
  const pack = (await built('scenarios/registry.js')).findScenario('jaffle');
  const { stageIcebergIncrement } = await built('iceberg/appendIceberg.js');
  const before = metadataFiles(out);
  const manifest: Manifest = await api.readManifest(out);
  const end = new Date(Date.parse(manifest.window.end) + 86_400_000).toISOString().slice(0, 10);
  const stopped = api.append({
    pack,
    loaded: api.loadConfig(pack.configFile, pack.configSchema, []),
    manifest,
    window: { start: manifest.window.start, end },
    outDir: out,
    workers: 1,
    progress: { start() {}, advance() {}, finish() {}, line() {} },
    stageIceberg: async (next: Manifest, record: unknown) => {
      await stageIcebergIncrement(out, next, pack.tables, record);
      throw new Error('stopped after staging');
    },
  });
  await expect(stopped).rejects.toThrow('stopped after staging');
  expect(metadataFiles(out)).toEqual(before);
  expect(existsSync(join(out, '_next', '_iceberg.json'))).toBe(true);

  ok(
    await runCliAsync(['append', '--out', out, '--days', '1', '--workers', '1', '--no-validate', '--quiet']),
  );
  expect(existsSync(join(out, '_next'))).toBe(false);
  const after = metadataFiles(out);
  const record = JSON.parse(after.get('_iceberg.json')!.toString());
  expect(record.complete).toBe(true);
  expect(record.files.map((f: { path: string }) => f.path)).toEqual(
    [...after.keys()].filter((k) => k !== '_iceberg.json').sort(),
  );
  for (const t of record.tables) {
    expect(after.get(`${t.table}/metadata/version-hint.text`)!.toString()).toBe('4');
    expect(currentMetadata(out, t.table).snapshots.at(-1)!.summary['gen-parquet.increment']).toBe('3');
  }
  // Adding the metadata again at the same location keeps the history.
  const same = await runCliAsync(['iceberg', '--out', out, '--table-location', locationOf(jaffle)]);
  expect([same.status, same.stderr]).toEqual([
    0,
    expect.stringMatching(/already holds this Iceberg metadata/),
  ]);
  expect(metadataFiles(out)).toEqual(after);
});

it('a stop in the middle of putting the metadata in place is rolled forward by the same append', async () => {
  const jaffle = PACKS[1]!;
  const roll = outOf(jaffle, '-roll');
  const ref = outOf(jaffle, '-ref');
  cpSync(outOf(jaffle), roll, { recursive: true });
  cpSync(outOf(jaffle), ref, { recursive: true });
  const append = (out: string) =>
    runCliAsync(['append', '--out', out, '--days', '1', '--workers', '1', '--no-validate', '--quiet']);
  ok(await append(ref));
  const before = metadataFiles(roll);
  // A folder where raw_orders' new metadata file goes: its rename fails after the data files, the
  // new record and the other tables' metadata are in place (version-hint.text comes last).
  const blocker = join(roll, 'raw_orders', 'metadata', 'v4.metadata.json');
  mkdirSync(blocker);
  const stopped = await append(roll);
  expect(stopped.status).toBe(1);
  expect(existsSync(join(roll, '_SUCCESS'))).toBe(false);
  expect(existsSync(join(roll, '_next', '_manifest.json'))).toBe(true);
  expect(JSON.parse(readFileSync(join(roll, '_iceberg.json'), 'utf8')).complete).toBe(false);
  // raw_orders is still at its previous version.
  expect(readFileSync(join(roll, 'raw_orders', 'metadata', 'version-hint.text'), 'utf8')).toBe('3');
  rmdirSync(blocker);
  ok(await append(roll));
  expect(existsSync(join(roll, '_next'))).toBe(false);
  expect(existsSync(join(roll, '_SUCCESS'))).toBe(true);
  const after = metadataFiles(roll);
  expect(after).toEqual(metadataFiles(ref));
  expect(after).not.toEqual(before);
  expect(parquetDigests(roll)).toEqual(parquetDigests(ref));
});
