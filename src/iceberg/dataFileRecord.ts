/** A data file as a manifest's `data_file` record (spec: "Data File Fields"), and partition summaries of a manifest's files. */
import type { FileMetrics } from './fileStats.js';
import type { IcebergTable } from './icebergTable.js';
import { boundBytes, intBytes } from './singleValue.js';

/** A Parquet file of the table, as a commit adds it. */
export interface DataFileInput {
  /** Absolute URI, as readers will open it. */
  readonly path: string;
  readonly bytes: number;
  readonly rows: number;
  /** The partition value (days or months since 1970); undefined in an unpartitioned table. */
  readonly partition: number | undefined;
  readonly metrics: FileMetrics;
}

/** A decoded Avro record (avsc: unions as their value or null, longs as numbers, bytes as Buffers). */
export type AvroRecord = Record<string, unknown>;

type MapEntries = { key: number; value: number | Buffer }[];

/** The `data_file` struct: Parquet, data content, metrics keyed by field id. */
export function dataFileRecord(table: IcebergTable, file: DataFileInput): AvroRecord {
  const sizes: MapEntries = [];
  const values: MapEntries = [];
  const nulls: MapEntries = [];
  const lower: MapEntries = [];
  const upper: MapEntries = [];
  for (const [id, column] of table.columns) {
    const m = file.metrics.get(column.name);
    if (!m) throw new Error(`${file.path}: no metrics of ${column.name}`);
    sizes.push({ key: id, value: m.bytes });
    values.push({ key: id, value: m.valueCount });
    if (m.nullCount !== undefined) nulls.push({ key: id, value: m.nullCount });
    if (m.lower !== undefined) lower.push({ key: id, value: boundBytes(column.type, m.lower, 'lower') });
    if (m.upper !== undefined) upper.push({ key: id, value: boundBytes(column.type, m.upper, 'upper') });
  }
  const field = table.spec.fields[0];
  return {
    content: 0,
    file_path: file.path,
    file_format: 'PARQUET',
    partition: field ? { [field.name]: file.partition ?? null } : {},
    record_count: file.rows,
    file_size_in_bytes: file.bytes,
    column_sizes: sizes,
    value_counts: values,
    null_value_counts: nulls,
    // Parquet statistics do not count NaNs: unknown, so left out rather than claimed zero.
    nan_value_counts: null,
    lower_bounds: lower,
    upper_bounds: upper,
    key_metadata: null,
    split_offsets: null,
    equality_ids: null,
    sort_order_id: table.sortOrder['order-id'],
    referenced_data_file: null,
  };
}

/** The manifest list's `partitions`: per partition field, whether any file's value is null, and the bounds. */
export function partitionSummaries(table: IcebergTable, dataFiles: readonly AvroRecord[]): AvroRecord[] {
  return table.spec.fields.map((field) => {
    const values = dataFiles.map((f) => (f.partition as Record<string, number | null>)[field.name] ?? null);
    const present = values.filter((v): v is number => v !== null);
    return {
      contains_null: present.length < values.length,
      contains_nan: null,
      lower_bound: present.length ? intBytes(present.reduce((a, v) => Math.min(a, v))) : null,
      upper_bound: present.length ? intBytes(present.reduce((a, v) => Math.max(a, v))) : null,
    };
  });
}
