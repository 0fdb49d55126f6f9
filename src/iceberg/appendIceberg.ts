/**
 * An append's Iceberg commit: one snapshot per table for the increment, staged in `_next/` beside its
 * data files (`run/increment.ts` puts them in place after the files).
 *
 * An immutable table gets an `append`: a new manifest of the increment's files, its manifest list
 * naming the earlier manifests as they were (same files, same bytes). A mutable table's files were
 * written anew, over the earlier ones at the same paths (but for its settled files, kept): it gets an
 * `overwrite` that lists every file and expires the earlier snapshots, whose files no longer hold their bytes (see
 * `SnapshotCommit.replacesAll`); their manifests and manifest lists are deleted, as an expiry does.
 * The snapshot's time is the increment's own "now", its latest timestamp; ids hash the commit: two
 * identical appends give identical metadata.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsError } from '../run/fsErrors.js';
import { type IcebergRecord, type RecordedFile, writeIcebergRecord } from '../run/icebergRecord.js';
import { nextDir } from '../run/increment.js';
import type { Manifest } from '../run/manifest.js';
import { findTable, type TableSpec } from '../schema/tableSpec.js';
import { commitSnapshot } from './commitSnapshot.js';
import { type FileMetrics, readFileMetrics } from './fileStats.js';
import { partitionValue } from './icebergTable.js';
import type { TableVersion } from './tableMetadata.js';
import { datasetTable, datasetTime, type IcebergResult, incrementSummary } from './writeIceberg.js';

const versionOf = (metadataPath: string) => {
  const m = /\/v(\d+)\.metadata\.json$/.exec(metadataPath);
  if (!m) throw new Error(`_iceberg.json: ${metadataPath} is not a vN.metadata.json`);
  return Number(m[1]);
};

async function readJson(path: string): Promise<TableVersion['metadata']> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw fsError('read', path, err);
  }
}

/**
 * Stages in `_next/` the Iceberg commit of the increment `manifest` ends with, for every table
 * `record` (the folder's complete `_iceberg.json`) lists. The increment's files are in `_next/`.
 */
export async function stageIcebergIncrement(
  outDir: string,
  manifest: Manifest,
  specs: readonly TableSpec[],
  record: IcebergRecord,
): Promise<IcebergResult> {
  const location = record.table_location;
  const increment = manifest.increments.at(-1)!;
  const fresh = new Set([...increment.added, ...increment.replaced]);
  const prepared = [];
  for (const entry of record.tables) {
    const spec = findTable(specs, entry.table);
    const table = datasetTable(manifest, spec, location);
    const files = manifest.files.filter((f) => f.table === spec.name);
    // A mutable table's snapshot lists all its files: those written anew, and its settled ones kept in place.
    const added = spec.mutable ? files : files.filter((f) => fresh.has(f.path));
    const metrics = new Map<string, FileMetrics>();
    for (const [dir, paths] of [
      [nextDir(outDir), added.filter((f) => fresh.has(f.path))],
      [outDir, added.filter((f) => !fresh.has(f.path))],
    ] as const) {
      if (paths.length)
        for (const [path, m] of await readFileMetrics(
          dir,
          paths.map((f) => f.path),
          spec.columns,
        ))
          metrics.set(path, m);
    }
    const previous = {
      version: versionOf(entry.metadata),
      metadata: await readJson(join(outDir, entry.metadata)),
    };
    prepared.push({ table, mutable: spec.mutable === true, added, metrics, previous });
  }
  const timestampMs = Math.max(
    datasetTime(prepared),
    ...prepared.map((p) => p.previous.metadata['last-updated-ms'] + 1),
  );

  const written: RecordedFile[] = [];
  const bytesOf = new Map<string, Buffer>();
  const expired = new Set<string>();
  const tables: IcebergResult['tables'][number][] = [];
  const heads: IcebergRecord['tables'][number][] = [];
  for (const { table, mutable, added, metrics, previous } of prepared) {
    const commit = await commitSnapshot(
      table,
      previous,
      {
        operation: mutable ? 'overwrite' : 'append',
        added: added.map((f) => ({
          path: `${location}/${f.path}`,
          bytes: f.bytes,
          rows: f.rows,
          partition: partitionValue(table, f.path),
          metrics: metrics.get(f.path)!,
        })),
        removed: [],
        replacesAll: mutable,
        timestampMs,
        summary: incrementSummary(manifest),
      },
      (name) => readFile(join(outDir, table.name, 'metadata', name)),
    );
    if (mutable) {
      for (const f of record.files)
        if (f.path.startsWith(`${table.name}/metadata/`) && f.path.endsWith('.avro')) expired.add(f.path);
    }
    for (const f of commit.files) {
      const path = `${table.name}/metadata/${f.name}`;
      bytesOf.set(path, f.bytes);
      written.push({
        path,
        bytes: f.bytes.length,
        sha256: createHash('sha256').update(f.bytes).digest('hex'),
      });
    }
    const { version, metadata } = commit.version;
    tables.push({ table: table.name, files: added.length, snapshotId: metadata['current-snapshot-id'] });
    heads.push({
      table: table.name,
      metadata: `${table.name}/metadata/v${version}.metadata.json`,
      snapshot_id: metadata['current-snapshot-id'],
    });
  }

  const replacing = new Set(written.map((f) => f.path));
  const staged: IcebergRecord = {
    format_version: 2,
    table_location: location,
    complete: true,
    tables: heads,
    files: [...record.files.filter((f) => !replacing.has(f.path) && !expired.has(f.path)), ...written].sort(
      (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    ),
  };
  // The record first: it vouches for every file staged after it.
  await mkdir(nextDir(outDir), { recursive: true });
  await writeIcebergRecord(nextDir(outDir), staged);
  for (const [path, bytes] of bytesOf) {
    const target = join(nextDir(outDir), path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes).catch((err) => {
      throw fsError('write', target, err);
    });
  }
  return { location, tables, written: true };
}
