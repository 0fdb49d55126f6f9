/**
 * A finished dataset's tables as Iceberg v2 tables, beside the Parquet files (which stay where they
 * are): `<out>/<table>/metadata/` with v1 (one `append` snapshot of every file of the run), its
 * manifest and manifest list, and `version-hint.text`; `_iceberg.json` records every file written.
 *
 * Every byte is a function of the dataset and the table location: table UUIDs are name-based on the
 * dataset's parameters, table and location; snapshot ids hash the commit; the snapshot's time is the
 * dataset's own "now", the latest timestamp any of its files holds (from the footers), so time travel
 * by timestamp follows the data, never the clock of the machine that wrote it.
 */
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { type Dataset, openDataset } from '../load/dataset.js';
import { refuseDrift } from '../quality/drift.js';
import { readIcebergRecord } from '../run/icebergRecord.js';
import { acquireLock } from '../run/lock.js';
import type { Manifest } from '../run/manifest.js';
import type { PartitionBy } from '../schema/partitioning.js';
import type { TableSpec } from '../schema/tableSpec.js';
import type { PackFinder } from '../validate/validate.js';
import { commitSnapshot } from './commitSnapshot.js';
import type { DataFileInput } from './dataFileRecord.js';
import { type FileMetrics, readFileMetrics } from './fileStats.js';
import { type IcebergTable, icebergTable, partitionValue } from './icebergTable.js';
import { nameUuid } from './ids.js';
import { installFiles, type OutputFile } from './installFiles.js';

export interface IcebergResult {
  readonly location: string;
  readonly tables: readonly { readonly table: string; readonly files: number; readonly snapshotId: number }[];
  /** False when the folder already held exactly this metadata. */
  readonly written: boolean;
}

/**
 * The default location: the output folder's absolute path as a `file://` URI, not percent-encoded:
 * Iceberg's Java and Python readers open such paths as written (Java writes local ones this way).
 */
export function defaultTableLocation(outDir: string): string {
  return `file://${resolve(outDir)}`;
}

/** `--table-location`: an absolute URI (a scheme, then a path), without trailing slashes. */
export function parseTableLocation(text: string): string {
  const value = text.trim().replace(/\/+$/, '');
  if (!/^[a-z][a-z0-9+.-]*:\/*[^\s/?#][^\s?#]*$/i.test(value)) {
    throw new UsageError(
      `--table-location ${text}: not an absolute URI; accepted: a scheme and a path without query or fragment, e.g. s3://bucket/warehouse/db, file:///data/out or http://127.0.0.1:8080/out`,
    );
  }
  return value;
}

function properties(manifest: Manifest): Record<string, string> {
  return {
    'gen-parquet.generator': `${manifest.generator.name} ${manifest.generator.version}`,
    'gen-parquet.data-version': manifest.generator.version,
    'gen-parquet.scenario': manifest.scenario,
    'gen-parquet.seed': String(manifest.seed),
    'gen-parquet.scale': String(manifest.scale),
    'gen-parquet.config-sha256': manifest.config_sha256,
    'gen-parquet.partition-by': manifest.partition_by,
    'write.format.default': 'parquet',
    'write.parquet.compression-codec': manifest.compression,
  };
}

/** The Iceberg table of `spec` in the dataset of `manifest`: its UUID is name-based on the dataset's parameters, the table and its location. */
export function datasetTable(manifest: Manifest, spec: TableSpec, location: string): IcebergTable {
  const tableLocation = `${location}/${spec.name}`;
  const uuid = nameUuid(
    [
      manifest.generator.version,
      manifest.scenario,
      manifest.seed,
      manifest.scale,
      manifest.config_sha256,
      manifest.partition_by,
      spec.name,
      tableLocation,
    ].join('|'),
  );
  return icebergTable(spec, manifest.partition_by as PartitionBy, tableLocation, uuid, properties(manifest));
}

/** The summary property naming the dataset's increment a snapshot holds: time travel to increment k finds it. */
export const incrementSummary = (manifest: Manifest) => ({
  'gen-parquet.increment': String(manifest.increments.at(-1)?.number ?? 0),
});

/** The latest timestamp (ms, rounded up) in any of the files: the dataset's "now". */
export function datasetTime(
  tables: readonly { table: IcebergTable; metrics: Map<string, FileMetrics> }[],
): number {
  let latest = 0n;
  for (const { table, metrics } of tables) {
    for (const file of metrics.values()) {
      for (const column of table.columns.values()) {
        const upper = column.type === 'timestamp' ? file.get(column.name)?.upper : undefined;
        if (typeof upper === 'bigint' && upper > latest) latest = upper;
      }
    }
  }
  return Number((latest + 999n) / 1000n);
}

/**
 * Writes (or leaves as they are, when identical) the Iceberg metadata of every table of the
 * dataset in `outDir` described by `manifest`. The caller holds the folder's lock.
 */
export async function writeIcebergMetadata(
  outDir: string,
  manifest: Manifest,
  specs: readonly TableSpec[],
  location: string,
  signal?: AbortSignal,
): Promise<IcebergResult> {
  const previous = await readIcebergRecord(outDir);
  // Appends took the tables past v1 at this location: their history stands (writing v1 would drop it).
  if (
    previous?.complete &&
    previous.table_location === location &&
    previous.tables.some((t) => !t.metadata.endsWith('/v1.metadata.json'))
  ) {
    return {
      location,
      tables: previous.tables.map((t) => ({
        table: t.table,
        files: manifest.files.filter((f) => f.table === t.table).length,
        snapshotId: t.snapshot_id,
      })),
      written: false,
    };
  }
  const tables = [];
  for (const spec of specs.filter((s) => manifest.tables.includes(s.name))) {
    const table = datasetTable(manifest, spec, location);
    const files = manifest.files.filter((f) => f.table === spec.name);
    const metrics = await readFileMetrics(
      outDir,
      files.map((f) => f.path),
      spec.columns,
    );
    tables.push({ table, files, metrics });
  }
  const timestampMs = datasetTime(tables);
  const out: OutputFile[] = [];
  const summary: IcebergResult['tables'][number][] = [];
  for (const { table, files, metrics } of tables) {
    const added: DataFileInput[] = files.map((f) => ({
      path: `${location}/${f.path}`,
      bytes: f.bytes,
      rows: f.rows,
      partition: partitionValue(table, f.path),
      metrics: metrics.get(f.path)!,
    }));
    const commit = await commitSnapshot(
      table,
      undefined,
      { operation: 'append', added, removed: [], timestampMs, summary: incrementSummary(manifest) },
      () => {
        throw new Error('internal: a new table has no metadata to read');
      },
    );
    out.push(...commit.files.map((f) => ({ path: `${table.name}/metadata/${f.name}`, bytes: f.bytes })));
    summary.push({
      table: table.name,
      files: files.length,
      snapshotId: commit.version.metadata['current-snapshot-id'],
    });
  }
  const written = await installFiles(
    outDir,
    out,
    {
      table_location: location,
      tables: summary.map((t) => ({
        table: t.table,
        metadata: `${t.table}/metadata/v1.metadata.json`,
        snapshot_id: t.snapshotId,
      })),
    },
    previous,
    signal,
  );
  return { location, tables: summary, written };
}

/** `gen-parquet iceberg`: adds the metadata to a complete dataset, under the folder's lock. */
export async function addIcebergMetadata(
  outDir: string,
  findPack: PackFinder,
  location: string,
  signal?: AbortSignal,
): Promise<IcebergResult> {
  const release = acquireLock(outDir);
  try {
    const dataset: Dataset = await openDataset(outDir, findPack);
    refuseDrift(outDir, dataset.manifest.ground_truth, 'Iceberg metadata');
    return await writeIcebergMetadata(outDir, dataset.manifest, dataset.pack.tables, location, signal);
  } finally {
    release();
  }
}
