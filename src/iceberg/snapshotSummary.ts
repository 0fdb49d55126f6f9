/** An Iceberg snapshot's summary (spec: "Snapshot Summary"): what the commit added and removed, and the table's totals. */
import type { AvroRecord } from './dataFileRecord.js';
import type { Snapshot } from './tableMetadata.js';

export interface Removed {
  readonly files: number;
  readonly rows: number;
  readonly bytes: number;
  /** Their partition tuples, as JSON. */
  readonly partitions: readonly string[];
}

export function totals(files: readonly AvroRecord[]): Removed {
  return {
    files: files.length,
    rows: files.reduce((a, f) => a + (f.record_count as number), 0),
    bytes: files.reduce((a, f) => a + (f.file_size_in_bytes as number), 0),
    partitions: files.map((f) => JSON.stringify(f.partition)),
  };
}

/** The summary: the operation, what it added and removed, and the table's totals after it (strings, as the spec has them). */
export function summarize(
  operation: string,
  addedFiles: readonly AvroRecord[],
  removed: Removed,
  last: Readonly<Record<string, string>> | undefined,
): Snapshot['summary'] {
  const added = totals(addedFiles);
  const total = (key: string, plus: number, minus: number) => String(Number(last?.[key] ?? 0) + plus - minus);
  const partitions = new Set([...added.partitions, ...removed.partitions]);
  return {
    operation,
    ...(added.files
      ? {
          'added-data-files': String(added.files),
          'added-records': String(added.rows),
          'added-files-size': String(added.bytes),
        }
      : {}),
    ...(removed.files
      ? {
          'deleted-data-files': String(removed.files),
          'deleted-records': String(removed.rows),
          'removed-files-size': String(removed.bytes),
        }
      : {}),
    'changed-partition-count': String(partitions.size),
    'total-records': total('total-records', added.rows, removed.rows),
    'total-files-size': total('total-files-size', added.bytes, removed.bytes),
    'total-data-files': total('total-data-files', added.files, removed.files),
    'total-delete-files': '0',
    'total-position-deletes': '0',
    'total-equality-deletes': '0',
  };
}
