/**
 * Iceberg tables end to end, with real readers: datasets of both packs at their smallest scale, day
 * and month layouts (a subset of tables each: a dimension and facts), their metadata written by a run
 * (`--table-format iceberg`) or added by `gen-parquet iceberg`, served over HTTP on 127.0.0.1, read
 * by icebird (an independent reader) and compared with DuckDB's read of the Parquet files; the Avro
 * read back with avsc against the v2 spec; determinism; the deletion rules.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { icebergRead } from 'icebird';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitSnapshot, type SnapshotCommit } from '../../src/iceberg/commitSnapshot.js';
import { readFileMetrics } from '../../src/iceberg/fileStats.js';
import { icebergTable, partitionValue } from '../../src/iceberg/icebergTable.js';
import { nameUuid } from '../../src/iceberg/ids.js';
import type { TableVersion } from '../../src/iceberg/tableMetadata.js';
import type { FileResult } from '../../src/run/factShard.js';
import { type Manifest, readManifest } from '../../src/run/manifest.js';
import { openOutputDir } from '../../src/run/outputDir.js';
import { findScenario } from '../../src/scenarios/registry.js';
import { findTable } from '../../src/schema/tableSpec.js';
import { query, runCli, tempDir } from '../helpers.js';
import { parquetChecksum, rowsChecksum } from './checksums.js';
import { metadataFiles } from './metadataFiles.js';
import { type FolderServer, serveFolder } from './serveFolder.js';
import { type EntryRecord, type ManifestFileRecord, readAvro, specCheck } from './specCheck.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');

function cli(args: readonly string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

interface Dataset {
  readonly name: string;
  readonly scenario: string;
  /** Whether the run itself writes the metadata; otherwise `gen-parquet iceberg` adds it afterwards. */
  readonly inRun: boolean;
  readonly args: readonly string[];
}

const DATASETS: readonly Dataset[] = [
  {
    name: 'tapflow-day',
    scenario: 'tapflow',
    inRun: true,
    args: ['--tables', 'accounts,device_maintenance'],
  },
  {
    name: 'tapflow-month',
    scenario: 'tapflow',
    inRun: false,
    args: ['--tables', 'users,tap_events', '--partition-by', 'month'],
  },
  { name: 'ecommerce-day', scenario: 'ecommerce', inRun: true, args: ['--tables', 'customers,orders'] },
  {
    name: 'ecommerce-month',
    scenario: 'ecommerce',
    inRun: false,
    args: ['--tables', 'products,sessions', '--partition-by', 'month'],
  },
];

let root: string;
let server: FolderServer;
const manifests = new Map<string, Manifest>();
const outOf = (d: Dataset) => join(root, d.name);
const locationOf = (d: Dataset) => `${server.url}/${d.name}`;

beforeAll(async () => {
  root = tempDir('iceberg');
  server = await serveFolder(root);
  await Promise.all(
    DATASETS.map(async (d) => {
      const iceberg = d.inRun ? ['--table-format', 'iceberg', '--table-location', locationOf(d)] : [];
      const common = ['--scale', '0.001x', '--workers', '1', '--no-validate', '--quiet'];
      const run = await cli(['--scenario', d.scenario, '--out', outOf(d), ...common, ...d.args, ...iceberg]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      if (!d.inRun) {
        const added = await cli(['iceberg', '--out', outOf(d), '--table-location', locationOf(d), '--quiet']);
        expect(added.stderr).toBe('');
        expect(added.status).toBe(0);
      }
      manifests.set(d.name, await readManifest(outOf(d)));
    }),
  );
});

afterAll(async () => {
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const tablesOf = (d: Dataset) =>
  manifests.get(d.name)!.tables.map((t) => findTable(findScenario(d.scenario).tables, t));
const filesOf = (d: Dataset, table: string) => manifests.get(d.name)!.files.filter((f) => f.table === table);
const sql = (out: string, files: readonly FileResult[]) =>
  `read_parquet([${files.map((f) => `'${join(out, f.path)}'`).join(', ')}], filename = true, file_row_number = true)`;

describe.each(DATASETS)('$name', (d) => {
  it('icebird reads every table with the rows and column checksums DuckDB reads from the Parquet files', async () => {
    for (const spec of tablesOf(d)) {
      const rows = await icebergRead({ tableUrl: `${locationOf(d)}/${spec.name}` });
      const files = filesOf(d, spec.name).map((f) => f.path);
      expect(rowsChecksum(rows, spec.columns)).toEqual(await parquetChecksum(outOf(d), files, spec.columns));
      expect(rows.length).toBe(filesOf(d, spec.name).reduce((a, f) => a + f.rows, 0));
    }
  });

  it('has manifests and manifest lists with what the v2 spec requires, equal to the files (read with avsc)', async () => {
    for (const spec of tablesOf(d)) {
      const files = filesOf(d, spec.name);
      await specCheck({
        out: outOf(d),
        location: locationOf(d),
        spec,
        files,
        unit: d.name.endsWith('-day') ? 'day' : 'month',
      });
    }
  });
});

it('claims a sort order only where each file is sorted by it (the sequence column)', async () => {
  let steps = 0;
  for (const d of DATASETS) {
    for (const spec of tablesOf(d).filter((s) => s.sequence)) {
      const key = spec.sequence!.column;
      const [r] = await query(
        `SELECT count(*) FILTER (WHERE step <= 0) AS unsorted, count(step) AS steps FROM (
           SELECT ${key} - lag(${key}) OVER (PARTITION BY filename ORDER BY file_row_number) AS step
           FROM ${sql(outOf(d), filesOf(d, spec.name))})`,
      );
      expect([spec.name, r!.unsorted]).toEqual([spec.name, '0']);
      steps += Number(r!.steps);
    }
  }
  expect(steps).toBeGreaterThan(1000);
});

describe('determinism and deletion rules', () => {
  let copy: string;

  it('writes byte-identical metadata again (another process and time zone, added to a finished folder), then finds nothing to do', () => {
    const d = DATASETS[0]!;
    copy = join(root, 'copy');
    cpSync(outOf(d), copy, { recursive: true });
    // The folder as a run without --table-format leaves it.
    rmSync(join(copy, '_iceberg.json'));
    for (const t of manifests.get(d.name)!.tables) rmSync(join(copy, t, 'metadata'), { recursive: true });
    const args = ['iceberg', '--out', copy, '--table-location', locationOf(d), '--json'];
    const again = runCli(args, { TZ: 'America/Los_Angeles' });
    expect(again.stderr).toMatch(/^wrote Iceberg v2 metadata of 2 tables/);
    expect(JSON.parse(again.stdout)).toMatchObject({ written: true, location: locationOf(d) });
    const original = metadataFiles(outOf(d));
    expect(original.size).toBe(9); // per table: manifest, manifest list, v1.metadata.json, version-hint.text
    expect(metadataFiles(copy)).toEqual(original);
    const third = runCli(args);
    expect(JSON.parse(third.stdout)).toMatchObject({ written: false });
    expect(third.stderr).toMatch(/already holds this Iceberg metadata/);
  });

  it('replaces it for another location; --force refuses over a file it did not write, else deletes what _iceberg.json lists', async () => {
    const before = metadataFiles(copy);
    const moved = runCli(['iceberg', '--out', copy, '--json']); // the default: the folder's file:// URI
    expect(JSON.parse(moved.stdout)).toMatchObject({ written: true, location: `file://${copy}` });
    const after = metadataFiles(copy);
    const record = JSON.parse(after.get('_iceberg.json')!.toString());
    expect([...after.keys()].sort()).toEqual(
      ['_iceberg.json', ...record.files.map((f: { path: string }) => f.path)].sort(),
    );
    expect([...after.keys()].filter((k) => k.endsWith('.avro') && before.has(k))).toEqual([]);
    expect(JSON.parse(after.get('accounts/metadata/v1.metadata.json')!.toString()).location).toBe(
      `file://${copy}/accounts`,
    );

    // What a --force run with other parameters does first (the CLI's path, without generating).
    const manifest = await readManifest(copy);
    const force = () => openOutputDir(copy, true, { ...manifest, seed: manifest.seed + 1 });
    writeFileSync(join(copy, 'accounts', 'metadata', 'notes.txt'), 'mine');
    await expect(force()).rejects.toThrow(
      /holds files gen-parquet did not write \(accounts\/metadata\/notes\.txt\)/,
    );
    for (const path of after.keys()) expect(existsSync(join(copy, path))).toBe(true);
    rmSync(join(copy, 'accounts', 'metadata', 'notes.txt'));
    const state = await force();
    expect(state.kind).toBe('fresh');
    expect(readdirSync(copy, { recursive: true })).toEqual([]);
  });

  it('gen-parquet iceberg refuses an unfinished folder and a metadata file it did not write; --table-location needs iceberg', () => {
    const d = DATASETS[1]!;
    const other = join(root, 'other');
    cpSync(outOf(d), other, { recursive: true });
    rmSync(join(other, '_SUCCESS'));
    const unfinished = runCli(['iceberg', '--out', other]);
    expect(unfinished.status).toBe(2);
    expect(unfinished.stderr).toMatch(/not a complete gen-parquet output \(no _SUCCESS/);
    writeFileSync(join(other, '_SUCCESS'), '');
    rmSync(join(other, '_iceberg.json'));
    const foreign = runCli(['iceberg', '--out', other]);
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toMatch(
      /holds (tap_events|users)\/metadata\/\S+, which gen-parquet did not write/,
    );
    const location = runCli(['--out', other, '--table-location', 's3://b/x']);
    expect([location.status, location.stderr]).toEqual([
      2,
      'gen-parquet: --table-location s3://b/x: only with --table-format iceberg (it says where the Iceberg tables will live)\n',
    ]);
    const format = runCli(['--out', other, '--table-format', 'delta']);
    expect([format.status, format.stderr]).toEqual([
      2,
      'gen-parquet: --table-format delta: accepted: none, iceberg\n',
    ]);
  });
});

describe('snapshots committed through the API', () => {
  it('append, append, overwrite: icebird reads each version with its files; each manifest list keeps the untouched manifests as they were', async () => {
    const d = DATASETS[1]!;
    const spec = findTable(findScenario('tapflow').tables, 'tap_events');
    const files = filesOf(d, 'tap_events');
    const n = Math.floor(files.length / 3);
    const [first, second, third] = [files.slice(0, n), files.slice(n, 2 * n), files.slice(2 * n)];
    const removed = first.slice(0, 2);
    const location = `${server.url}/multi/tap_events`;
    const table = icebergTable(spec, 'month', location, nameUuid('test/multi'), {});
    const metrics = await readFileMetrics(
      outOf(d),
      files.map((f) => f.path),
      spec.columns,
    );
    const uri = (f: FileResult) => `${locationOf(d)}/${f.path}`;
    const input = (f: FileResult) => ({
      path: uri(f),
      bytes: f.bytes,
      rows: f.rows,
      partition: partitionValue(table, f.path),
      metrics: metrics.get(f.path)!,
    });
    const dir = join(root, 'multi', 'tap_events', 'metadata');
    mkdirSync(dir, { recursive: true });
    const commits: SnapshotCommit[] = [
      { operation: 'append', added: first.map(input), removed: [], timestampMs: 1_000 },
      { operation: 'append', added: second.map(input), removed: [], timestampMs: 2_000 },
      { operation: 'overwrite', added: third.map(input), removed: removed.map(uri), timestampMs: 3_000 },
    ];
    let previous: TableVersion | undefined;
    for (const commit of commits) {
      const result = await commitSnapshot(table, previous, commit, (name) => readFile(join(dir, name)));
      for (const f of result.files) writeFileSync(join(dir, f.name), f.bytes);
      previous = result.version;
    }

    const live = [first, [...first, ...second], [...first.slice(2), ...second, ...third]];
    for (const [i, set] of live.entries()) {
      const rows = await icebergRead({ tableUrl: location, metadataFileName: `v${i + 1}.metadata.json` });
      expect(rowsChecksum(rows, spec.columns)).toEqual(
        await parquetChecksum(
          outOf(d),
          set.map((f) => f.path),
          spec.columns,
        ),
      );
    }

    const meta = previous!.metadata;
    expect(JSON.parse(readFileSync(join(dir, 'v3.metadata.json'), 'utf8'))).toEqual(meta);
    expect(readFileSync(join(dir, 'version-hint.text'), 'utf8')).toBe('3');
    const [s1, s2, s3] = meta.snapshots;
    expect([s2!['parent-snapshot-id'], s3!['parent-snapshot-id']]).toEqual([
      s1!['snapshot-id'],
      s2!['snapshot-id'],
    ]);
    expect(meta['snapshot-log'].map((l) => l['timestamp-ms'])).toEqual([1_000, 2_000, 3_000]);
    expect(meta['metadata-log'].map((l) => l['metadata-file'])).toEqual(
      [1, 2].map((v) => `${location}/metadata/v${v}.metadata.json`),
    );
    expect(s3!.summary).toMatchObject({
      operation: 'overwrite',
      'added-data-files': String(third.length),
      'deleted-data-files': '2',
      'deleted-records': String(removed[0]!.rows + removed[1]!.rows),
      'total-data-files': String(live[2]!.length),
      'total-records': String(live[2]!.reduce((a, f) => a + f.rows, 0)),
    });

    const list = async (s: typeof s1) =>
      (await readAvro<ManifestFileRecord>(join(dir, s!['manifest-list'].split('/').at(-1)!))).records;
    const [l1, l2, l3] = [await list(s1), await list(s2), await list(s3)];
    // The append adds one manifest and lists the earlier one exactly as before.
    expect(l2).toHaveLength(2);
    expect(l2[1]).toEqual(l1[0]);
    expect(l2[0]).toMatchObject({
      sequence_number: 2,
      min_sequence_number: 2,
      added_files_count: second.length,
    });
    // The overwrite keeps the second append's manifest and rewrites the first (which held the removed files).
    expect(l3).toHaveLength(3);
    expect(l3).toContainEqual(l2[0]);
    expect(l3).not.toContainEqual(l1[0]);
    const rewritten = l3.find((m) => m.deleted_files_count > 0)!;
    expect(rewritten).toMatchObject({
      sequence_number: 3,
      min_sequence_number: 1,
      added_snapshot_id: s3!['snapshot-id'],
      added_files_count: 0,
      existing_files_count: first.length - 2,
      deleted_files_count: 2,
    });
    const entries = (await readAvro<EntryRecord>(join(dir, rewritten.manifest_path.split('/').at(-1)!)))
      .records;
    const deleted = entries.filter((e) => e.status === 2);
    expect(deleted.map((e) => e.data_file.file_path)).toEqual(removed.map(uri));
    for (const e of deleted) {
      expect(e).toMatchObject({
        snapshot_id: s3!['snapshot-id'],
        sequence_number: 1,
        file_sequence_number: 1,
      });
    }
    for (const e of entries.filter((e) => e.status !== 2)) {
      expect(e).toMatchObject({
        status: 0,
        snapshot_id: s1!['snapshot-id'],
        sequence_number: 1,
        file_sequence_number: 1,
      });
    }
    expect(l3.find((m) => m.added_files_count > 0)).toMatchObject({
      sequence_number: 3,
      min_sequence_number: 3,
    });
  });
});
