/**
 * The spec check of Iceberg metadata: the Avro files read back with avsc (not our own decoder), their
 * fields checked against the v2 spec and against the Parquet files.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import avro from 'avsc';
import { expect } from 'vitest';
import { intBytes } from '../../src/iceberg/singleValue.js';
import type { FileResult } from '../../src/run/factShard.js';
import type { ColumnSpec, TableSpec } from '../../src/schema/tableSpec.js';
import { query } from '../helpers.js';

export interface TableUnderTest {
  /** The dataset folder. */
  readonly out: string;
  /** The base table location the metadata was written with. */
  readonly location: string;
  readonly spec: TableSpec;
  /** The table's files, as the manifest lists them. */
  readonly files: readonly FileResult[];
  readonly unit: 'day' | 'month';
}

type IdMap<V> = { key: number; value: V }[];

export interface DataFileRecord {
  content: number;
  file_path: string;
  file_format: string;
  partition: Record<string, number | null>;
  record_count: number;
  file_size_in_bytes: number;
  value_counts: IdMap<number>;
  null_value_counts: IdMap<number>;
  lower_bounds: IdMap<Buffer>;
  upper_bounds: IdMap<Buffer>;
  sort_order_id: number;
}

export interface EntryRecord {
  status: number;
  snapshot_id: number | null;
  sequence_number: number | null;
  file_sequence_number: number | null;
  data_file: DataFileRecord;
}

export interface ManifestFileRecord {
  manifest_path: string;
  manifest_length: number;
  partition_spec_id: number;
  content: number;
  sequence_number: number;
  min_sequence_number: number;
  added_snapshot_id: number;
  added_files_count: number;
  existing_files_count: number;
  deleted_files_count: number;
  added_rows_count: number;
  existing_rows_count: number;
  deleted_rows_count: number;
  partitions: unknown;
}

/** The avsc decoding of a metadata Avro file, with its header metadata as text. */
export async function readAvro<T>(path: string): Promise<{ meta: Record<string, string>; records: T[] }> {
  const decoder = avro.createFileDecoder(path);
  const meta: Record<string, string> = {};
  decoder.on('metadata', (_t: unknown, _c: unknown, header: { meta: Record<string, Buffer> }) => {
    for (const [k, v] of Object.entries(header.meta)) meta[k] = v.toString();
  });
  const records: T[] = [];
  for await (const r of decoder) records.push(r as T);
  return { meta, records };
}

/** The local path of a metadata file named by its URI under `location`. */
export function localPath(out: string, location: string, table: string, uri: string): string {
  const prefix = `${location}/${table}/metadata/`;
  expect(uri.startsWith(prefix)).toBe(true);
  return join(out, table, 'metadata', uri.slice(prefix.length));
}

/** Days (or months) since 1970 of a file's Hive folder, computed here from the path. */
export function folderValue(path: string): number | undefined {
  const m = /_(?:date|day|month)=(\d{4})-(\d{2})(?:-(\d{2}))?\//.exec(path);
  if (!m) return undefined;
  return m[3] !== undefined
    ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000
    : (Number(m[1]) - 1970) * 12 + Number(m[2]) - 1;
}

/**
 * Checks a table's v1 metadata, manifest list and manifest against the v2 spec's required fields and
 * against the files: sizes, record counts, partition tuples, value and null counts, and bounds equal
 * to each file's min and max as DuckDB reads them.
 */
export async function specCheck(t: TableUnderTest): Promise<void> {
  const { out, location, spec, files } = t;
  const meta = JSON.parse(readFileSync(join(out, spec.name, 'metadata', 'v1.metadata.json'), 'utf8'));
  const rows = files.reduce((a, f) => a + f.rows, 0);
  expect(meta).toMatchObject({
    'format-version': 2,
    'last-sequence-number': 1,
    location: `${location}/${spec.name}`,
  });
  const [snapshot] = meta.snapshots;
  expect(meta['current-snapshot-id']).toBe(snapshot['snapshot-id']);
  expect(meta.refs).toEqual({ main: { 'snapshot-id': snapshot['snapshot-id'], type: 'branch' } });
  expect(snapshot.summary).toMatchObject({
    operation: 'append',
    'added-data-files': String(files.length),
    'added-records': String(rows),
    'total-records': String(rows),
  });
  const id = snapshot['snapshot-id'];

  const list = await readAvro<ManifestFileRecord>(
    localPath(out, location, spec.name, snapshot['manifest-list']),
  );
  expect(list.meta).toMatchObject({
    'format-version': '2',
    'snapshot-id': String(id),
    'sequence-number': '1',
  });
  expect(list.records).toHaveLength(1);
  const [entry] = list.records;
  const manifestPath = localPath(out, location, spec.name, entry!.manifest_path);
  const partitionValues = files.map((f) => folderValue(f.path)).filter((v) => v !== undefined);
  expect(entry).toMatchObject({
    manifest_length: statSync(manifestPath).size,
    partition_spec_id: 0,
    content: 0,
    sequence_number: 1,
    min_sequence_number: 1,
    added_snapshot_id: id,
    added_files_count: files.length,
    existing_files_count: 0,
    deleted_files_count: 0,
    added_rows_count: rows,
    existing_rows_count: 0,
    deleted_rows_count: 0,
  });
  expect(entry!.partitions).toEqual(
    spec.partition
      ? [
          {
            contains_null: false,
            contains_nan: null,
            lower_bound: intBytes(Math.min(...partitionValues)),
            upper_bound: intBytes(Math.max(...partitionValues)),
          },
        ]
      : null,
  );

  const manifest = await readAvro<EntryRecord>(manifestPath);
  expect(manifest.meta).toMatchObject({
    'format-version': '2',
    content: 'data',
    'schema-id': '0',
    'partition-spec-id': '0',
  });
  expect(JSON.parse(manifest.meta.schema!)).toEqual(meta.schemas[0]);
  expect(JSON.parse(manifest.meta['partition-spec']!)).toEqual(meta['partition-specs'][0].fields);
  const avroSchema = JSON.stringify(JSON.parse(manifest.meta['avro.schema']!));
  expect(avroSchema).toContain('"name":"data_file","type":{"type":"record","name":"r2"');
  if (spec.partition) expect(avroSchema).toContain('"default":null,"field-id":1000}');

  expect(manifest.records).toHaveLength(files.length);
  for (const e of manifest.records) {
    expect(e).toMatchObject({
      status: 1,
      snapshot_id: id,
      sequence_number: null,
      file_sequence_number: null,
    });
  }
  await checkDataFiles(t, meta.schemas[0].fields, manifest.records);
}

/**
 * Checks each entry's data file against the file it names (one of `t.files`): format, record count,
 * size, value and null counts, bounds equal to its min and max as DuckDB reads them, partition tuple.
 */
export async function checkDataFiles(
  t: TableUnderTest,
  fields: readonly { id: number; name: string; required: boolean }[],
  entries: readonly EntryRecord[],
): Promise<void> {
  const { out, location, spec, files } = t;
  if (!files.length) return void expect(entries).toEqual([]);
  const byPath = new Map(files.map((f) => [`${location}/${f.path}`, f]));
  const expected = await fileBounds(
    out,
    files.map((f) => f.path),
    spec,
  );
  for (const e of entries) {
    const df = e.data_file;
    const file = byPath.get(df.file_path)!;
    expect(file).toBeDefined();
    expect(df).toMatchObject({
      content: 0,
      file_format: 'PARQUET',
      record_count: file.rows,
      file_size_in_bytes: statSync(join(out, file.path)).size,
      sort_order_id: spec.sequence ? 1 : 0,
    });
    expect(df.file_size_in_bytes).toBe(file.bytes);
    const map = (entries: { key: number; value: unknown }[]) => new Map(entries.map((x) => [x.key, x.value]));
    expect([...map(df.value_counts).values()]).toEqual(fields.map(() => file.rows));
    const nulls = map(df.null_value_counts);
    for (const f of fields.filter((f) => f.required)) expect(nulls.get(f.id)).toBe(0);
    const lower = map(df.lower_bounds) as Map<number, Buffer>;
    const upper = map(df.upper_bounds) as Map<number, Buffer>;
    for (const [i, c] of spec.columns.entries()) {
      const [lo, hi] = [decodeBound(c, lower.get(i + 1)), decodeBound(c, upper.get(i + 1))];
      const [min, max] = expected.get(file.path)!.get(c.name)!;
      if (c.type !== 'enum') expect([c.name, lo, hi]).toEqual([c.name, min, max]);
      else {
        // DuckDB's footer holds the min and max of the enum's whole dictionary: looser, still bounds.
        const members = [...c.members!].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect([lo, hi]).toEqual([members[0], members.at(-1)]);
        if (min !== undefined) {
          expect(Buffer.compare(Buffer.from(lo!), Buffer.from(min))).toBeLessThanOrEqual(0);
          expect(Buffer.compare(Buffer.from(hi!), Buffer.from(max!))).toBeGreaterThanOrEqual(0);
        }
      }
    }
    const value = folderValue(file.path);
    expect(Object.values(df.partition)).toEqual(value === undefined ? [] : [value]);
    if (spec.partition) {
      // The file's times fall in its partition: the transform of both bounds of the source column.
      const source = spec.columns.findIndex((c) => c.name === spec.partition!.source) + 1;
      // A timestamp's bound is microseconds (8 bytes), a date's days (4 bytes).
      const isDate = spec.columns[source - 1]!.type === 'date';
      const unit = (b: Buffer) => {
        const date = new Date(isDate ? b.readInt32LE() * 86_400_000 : Number(b.readBigInt64LE() / 1000n));
        const day = Math.floor(date.getTime() / 86_400_000);
        return t.unit === 'day' ? day : (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
      };
      expect([unit(lower.get(source)!), unit(upper.get(source)!)]).toEqual([value, value]);
    }
  }
}

/** A bound as text, decoded from Iceberg's single-value serialization independently of src/. */
function decodeBound(c: ColumnSpec, b: Buffer | undefined): string | undefined {
  if (!b) return undefined;
  switch (c.type) {
    case 'int32':
    case 'date':
      return String(b.readInt32LE());
    case 'int64':
    case 'timestamp':
      return String(b.readBigInt64LE());
    case 'float64':
      return String(b.readDoubleLE());
    case 'bool':
      return String(b[0] !== 0);
    case 'decimal':
      return String(BigInt.asIntN(8 * b.length, BigInt(`0x${b.toString('hex')}`)));
    default:
      return b.toString('utf8');
  }
}

/** Each file's min and max of each column by DuckDB, as decodeBound prints them. */
async function fileBounds(
  out: string,
  files: readonly string[],
  spec: TableSpec,
): Promise<Map<string, Map<string, (string | undefined)[]>>> {
  const text = (c: ColumnSpec, agg: string) => {
    const v = `${agg}("${c.name}")`;
    const exprs: Partial<Record<ColumnSpec['type'], string>> = {
      date: `${v} - DATE '1970-01-01'`,
      timestamp: `epoch_us(${v})`,
      decimal: `(${v} * 100)::BIGINT`,
    };
    return `(${exprs[c.type] ?? v})::VARCHAR`;
  };
  const rows = await query(
    `SELECT filename, ${spec.columns.map((c) => `${text(c, 'min')}, ${text(c, 'max')}`).join(', ')}
     FROM read_parquet([${files.map((f) => `'${join(out, f)}'`).join(', ')}], filename = true) GROUP BY filename`,
  );
  return new Map(
    rows.map((r) => {
      const values = Object.values(r);
      return [
        String(values[0]).slice(out.length + 1),
        new Map(
          spec.columns.map((c, i) => [
            c.name,
            [values[1 + 2 * i], values[2 + 2 * i]].map((v) =>
              // DuckDB prints 196.0 where JavaScript prints 196: compared as numbers.
              v === null || v === undefined
                ? undefined
                : c.type === 'float64'
                  ? String(Number(v))
                  : String(v),
            ),
          ]),
        ),
      ];
    }),
  );
}
