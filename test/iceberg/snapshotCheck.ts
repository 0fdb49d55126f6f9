/**
 * The spec check of one snapshot of a table with a history: its manifest list and manifests read back
 * with avsc, checked against the v2 spec (sequence numbers, inheritance, counts per status, lengths)
 * and their live entries against exactly the files the table held at that snapshot.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Snapshot, TableMetadata } from '../../src/iceberg/tableMetadata.js';
import {
  checkDataFiles,
  type EntryRecord,
  localPath,
  type ManifestFileRecord,
  readAvro,
  type TableUnderTest,
} from './specCheck.js';

/** The table's current metadata, by `version-hint.text`. */
export function currentMetadata(out: string, table: string): TableMetadata {
  const dir = join(out, table, 'metadata');
  const version = readFileSync(join(dir, 'version-hint.text'), 'utf8');
  return JSON.parse(readFileSync(join(dir, `v${version}.metadata.json`), 'utf8'));
}

/** Checks `snapshot` of `meta`, whose live files must be `t.files` (as they are on disk now). */
export async function snapshotCheck(
  t: TableUnderTest,
  meta: TableMetadata,
  snapshot: Snapshot,
): Promise<void> {
  const { out, location, spec, files } = t;
  const id = snapshot['snapshot-id'];
  const sequence = snapshot['sequence-number'];
  const rows = files.reduce((a, f) => a + f.rows, 0);
  expect(snapshot.summary).toMatchObject({
    'total-records': String(rows),
    'total-data-files': String(files.length),
    'total-files-size': String(files.reduce((a, f) => a + f.bytes, 0)),
  });
  const list = await readAvro<ManifestFileRecord>(
    localPath(out, location, spec.name, snapshot['manifest-list']),
  );
  expect(list.meta).toMatchObject({
    'format-version': '2',
    'snapshot-id': String(id),
    'parent-snapshot-id': String(snapshot['parent-snapshot-id'] ?? null),
    'sequence-number': String(sequence),
  });
  const live: EntryRecord[] = [];
  for (const m of list.records) {
    const path = localPath(out, location, spec.name, m.manifest_path);
    const manifest = await readAvro<EntryRecord>(path);
    expect(manifest.meta).toMatchObject({ 'format-version': '2', content: 'data' });
    expect(JSON.parse(manifest.meta.schema!)).toEqual(meta.schemas[0]);
    const count = (status: number, what: 'files' | 'rows') =>
      manifest.records
        .filter((e) => e.status === status)
        .reduce((a, e) => a + (what === 'files' ? 1 : e.data_file.record_count), 0);
    expect(m).toMatchObject({
      manifest_length: statSync(path).size,
      partition_spec_id: 0,
      content: 0,
      added_files_count: count(1, 'files'),
      existing_files_count: count(0, 'files'),
      deleted_files_count: count(2, 'files'),
      added_rows_count: count(1, 'rows'),
      existing_rows_count: count(0, 'rows'),
      deleted_rows_count: count(2, 'rows'),
    });
    expect(m.sequence_number).toBeLessThanOrEqual(sequence);
    expect(m.min_sequence_number).toBeLessThanOrEqual(m.sequence_number);
    expect(meta.snapshots.map((s) => s['snapshot-id'])).toContain(m.added_snapshot_id);
    for (const e of manifest.records) {
      if (e.status === 1) {
        // Added: snapshot and sequence numbers inherited from the manifest list.
        expect([e.snapshot_id, e.sequence_number, e.file_sequence_number]).toEqual([
          m.added_snapshot_id,
          null,
          null,
        ]);
      } else {
        expect(e.sequence_number).not.toBeNull();
        expect(e.file_sequence_number).not.toBeNull();
      }
      if (e.status !== 2) live.push(e);
    }
  }
  const paths = live.map((e) => e.data_file.file_path).sort();
  expect(paths).toEqual(files.map((f) => `${location}/${f.path}`).sort());
  await checkDataFiles(t, meta.schemas[0]!.fields, live);
}
