/**
 * One commit of an Iceberg v2 table: a new snapshot (an `append` of files, or an `overwrite` that
 * also removes some), its manifests and manifest list, and metadata version N+1 (v1 for a new table).
 *
 * Like Java's fast append, the added files go to one new manifest, and the previous snapshot's
 * manifests are referenced unchanged (the same manifest list records); only a manifest holding a
 * removed file is rewritten, its other files kept as EXISTING with their sequence numbers and the
 * removed ones marked DELETED. Ids, sync markers and file names derive from the table and the
 * commit, so the bytes are a function of the inputs.
 *
 * A table whose files are rewritten in place (a mutable table's next snapshot, at the same paths)
 * commits with `replacesAll`: see there.
 */
import { decodeAvro, encodeAvro } from './avroFile.js';
import { type AvroRecord, type DataFileInput, dataFileRecord, partitionSummaries } from './dataFileRecord.js';
import type { IcebergTable } from './icebergTable.js';
import { numericId, sha256 } from './ids.js';
import { MANIFEST_FILE_SCHEMA, manifestEntrySchema } from './manifestSchemas.js';
import { summarize, totals } from './snapshotSummary.js';
import {
  metadataFileName,
  metadataLocation,
  nextMetadata,
  type Snapshot,
  type TableMetadata,
  type TableVersion,
} from './tableMetadata.js';

export interface SnapshotCommit {
  /** `append` adds files only; `overwrite` may also remove files of the current snapshot. */
  readonly operation: 'append' | 'overwrite';
  readonly added: readonly DataFileInput[];
  /** URIs of current files to remove (`overwrite` only). */
  readonly removed: readonly string[];
  /** The snapshot's time; made later than the previous snapshot's if it is not. */
  readonly timestampMs: number;
  /**
   * The added files are the table's whole new content and were written over the earlier files (the
   * same paths, new bytes). The earlier snapshots are then no longer valid (the spec: a valid
   * snapshot is one whose data files all exist, and none may be deleted while a snapshot lists it),
   * so they are expired, with their snapshot-log entries; the new snapshot lists only the added files
   * in a fresh manifest. No DELETED entry is written: it would name a path the same snapshot adds,
   * which the spec's content-file uniqueness rule says writers must not do. An `overwrite` with no
   * `removed`; the summary counts the previous snapshot's files as deleted.
   */
  readonly replacesAll?: boolean;
  /** More snapshot summary properties (the spec allows any). */
  readonly summary?: Readonly<Record<string, string>>;
}

/** A file of the commit, named within the table's `metadata/` folder. */
export interface MetadataFile {
  readonly name: string;
  readonly bytes: Buffer;
}

export interface CommitResult {
  readonly version: TableVersion;
  /** In the order to put them in place: Avro files, then `vN.metadata.json`, then `version-hint.text`. */
  readonly files: readonly MetadataFile[];
}

/** Reads a metadata file of the table by its name in `metadata/`. */
export type MetadataReader = (name: string) => Promise<Uint8Array>;

const ADDED = 1;
const EXISTING = 0;
const DELETED = 2;

const nameOf = (location: string) => location.slice(location.lastIndexOf('/') + 1);

/** The manifest list entries of the current snapshot of `metadata`. */
async function currentManifests(metadata: TableMetadata, read: MetadataReader): Promise<AvroRecord[]> {
  const current = metadata.snapshots.find((s) => s['snapshot-id'] === metadata['current-snapshot-id']);
  if (!current) throw new Error(`${metadata.location}: no current snapshot`);
  return [...(await decodeAvro(await read(nameOf(current['manifest-list'])))).records];
}

const dataFileOf = (entry: AvroRecord) => entry.data_file as AvroRecord;
const sum = (entries: readonly AvroRecord[], status: number, field: 'files' | 'rows') =>
  entries
    .filter((e) => e.status === status)
    .reduce((a, e) => a + (field === 'files' ? 1 : (dataFileOf(e).record_count as number)), 0);

export async function commitSnapshot(
  table: IcebergTable,
  previous: TableVersion | undefined,
  commit: SnapshotCommit,
  read: MetadataReader,
): Promise<CommitResult> {
  const before = previous?.metadata;
  if (before && before['table-uuid'] !== table.uuid) {
    throw new Error(`${table.location}: the metadata is of table ${before['table-uuid']}, not ${table.uuid}`);
  }
  if (commit.operation === 'append' && commit.removed.length) throw new Error('an append removes no file');
  if (commit.replacesAll && (commit.operation !== 'overwrite' || commit.removed.length))
    throw new Error('a commit that replaces every file is an overwrite naming no removed file');
  const sequence = (before?.['last-sequence-number'] ?? 0) + 1;
  const version = (previous?.version ?? 0) + 1;
  const taken = new Set(before?.snapshots.map((s) => s['snapshot-id']));
  const key = [
    table.uuid,
    String(sequence),
    commit.operation,
    ...commit.added.map((f) => f.path),
    '|',
    ...commit.removed,
  ];
  let snapshotId = numericId(key);
  for (let salt = 1; taken.has(snapshotId); salt++) snapshotId = numericId([...key, String(salt)]);

  const carried = before && !commit.replacesAll ? await currentManifests(before, read) : [];
  const removing = new Set(commit.removed);
  const live = new Set<string>();
  const kept: AvroRecord[] = [];
  const rewritten: { entries: AvroRecord[] }[] = [];
  for (const listed of carried) {
    const entries = (await decodeAvro(await read(nameOf(listed.manifest_path as string)))).records;
    for (const e of entries) if (e.status !== DELETED) live.add(dataFileOf(e).file_path as string);
    if (!entries.some((e) => e.status !== DELETED && removing.has(dataFileOf(e).file_path as string))) {
      kept.push(listed);
      continue;
    }
    // Sequence numbers of added entries are inherited from the manifest; kept or deleted, they are written out.
    const inherited = listed.sequence_number as number;
    rewritten.push({
      entries: entries
        .filter((e) => e.status !== DELETED)
        .map((e) => {
          const gone = removing.has(dataFileOf(e).file_path as string);
          return {
            status: gone ? DELETED : EXISTING,
            snapshot_id: gone ? snapshotId : e.snapshot_id,
            sequence_number: e.sequence_number ?? inherited,
            file_sequence_number: e.file_sequence_number ?? inherited,
            data_file: e.data_file,
          };
        }),
    });
  }
  for (const path of commit.removed)
    if (!live.has(path)) throw new Error(`cannot remove ${path}: not in the table`);
  for (const f of commit.added)
    if (live.has(f.path)) throw new Error(`cannot add ${f.path}: already in the table`);

  const newManifests: { entries: AvroRecord[]; minSequence: number }[] = [];
  if (commit.added.length) {
    newManifests.push({
      minSequence: sequence,
      entries: commit.added.map((f) => ({
        status: ADDED,
        snapshot_id: snapshotId,
        sequence_number: null,
        file_sequence_number: null,
        data_file: dataFileRecord(table, f),
      })),
    });
  }
  for (const r of rewritten) {
    const liveSequences = r.entries
      .filter((e) => e.status === EXISTING)
      .map((e) => e.sequence_number as number);
    newManifests.push({
      entries: r.entries,
      minSequence: liveSequences.reduce((a, v) => Math.min(a, v), sequence),
    });
  }

  const files: MetadataFile[] = [];
  const sync = (name: string) => sha256([table.uuid, name]).subarray(0, 16);
  const listEntries: AvroRecord[] = [];
  const manifestMeta = {
    schema: JSON.stringify(table.schema),
    'schema-id': String(table.schema['schema-id']),
    'partition-spec': JSON.stringify(table.spec.fields),
    'partition-spec-id': String(table.spec['spec-id']),
    'format-version': '2',
    content: 'data',
  };
  for (const [i, m] of newManifests.entries()) {
    const name = `${snapshotId}-m${i}.avro`;
    const bytes = await encodeAvro(manifestEntrySchema(table.spec), m.entries, manifestMeta, sync(name));
    files.push({ name, bytes });
    listEntries.push({
      manifest_path: metadataLocation(table, name),
      manifest_length: bytes.length,
      partition_spec_id: table.spec['spec-id'],
      content: 0,
      sequence_number: sequence,
      min_sequence_number: m.minSequence,
      added_snapshot_id: snapshotId,
      added_files_count: sum(m.entries, ADDED, 'files'),
      existing_files_count: sum(m.entries, EXISTING, 'files'),
      deleted_files_count: sum(m.entries, DELETED, 'files'),
      added_rows_count: sum(m.entries, ADDED, 'rows'),
      existing_rows_count: sum(m.entries, EXISTING, 'rows'),
      deleted_rows_count: sum(m.entries, DELETED, 'rows'),
      partitions: table.spec.fields.length ? partitionSummaries(table, m.entries.map(dataFileOf)) : null,
      key_metadata: null,
    });
  }
  listEntries.push(...kept);
  const listName = `snap-${snapshotId}.avro`;
  const parent = before?.['current-snapshot-id'];
  const listMeta = {
    'snapshot-id': String(snapshotId),
    'parent-snapshot-id': String(parent ?? null),
    'sequence-number': String(sequence),
    'format-version': '2',
  };
  files.push({
    name: listName,
    bytes: await encodeAvro(MANIFEST_FILE_SCHEMA, listEntries, listMeta, sync(listName)),
  });

  const last = before?.snapshots.find((s) => s['snapshot-id'] === before['current-snapshot-id'])?.summary;
  const deletedFiles = rewritten.flatMap((r) =>
    r.entries.filter((e) => e.status === DELETED).map(dataFileOf),
  );
  const snapshot: Snapshot = {
    'sequence-number': sequence,
    'snapshot-id': snapshotId,
    ...(parent === undefined ? {} : { 'parent-snapshot-id': parent }),
    'timestamp-ms': Math.max(commit.timestampMs, (before?.['last-updated-ms'] ?? -1) + 1),
    summary: {
      ...summarize(
        commit.operation,
        newManifests.flatMap((m) => m.entries.filter((e) => e.status === ADDED).map(dataFileOf)),
        commit.replacesAll && last
          ? {
              files: Number(last['total-data-files']),
              rows: Number(last['total-records']),
              bytes: Number(last['total-files-size']),
              partitions: [],
            }
          : totals(deletedFiles),
        last,
      ),
      ...commit.summary,
    },
    'manifest-list': metadataLocation(table, listName),
    'schema-id': table.schema['schema-id'],
  };
  const metadata = nextMetadata(table, previous, snapshot, commit.replacesAll === true);
  files.push({
    name: metadataFileName(version),
    bytes: Buffer.from(`${JSON.stringify(metadata, null, 2)}\n`),
  });
  // The Hadoop convention: the current version's number alone.
  files.push({ name: 'version-hint.text', bytes: Buffer.from(String(version)) });
  return { version: { version, metadata }, files };
}
