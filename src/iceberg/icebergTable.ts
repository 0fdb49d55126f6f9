/**
 * A dataset table as an Iceberg v2 table: schema with field ids, partition spec, sort order, name
 * mapping and properties, all from its TableSpec.
 *
 * The partition is a `day` (or `month`) transform of the column the Hive folders are cut by
 * (`event_date=` is the UTC date of `event_ts`), not an `identity` partition on `event_date`: our
 * Parquet files do not hold the Hive column (it lives only in the folder name), and Iceberg requires
 * every table column to be in its data files. An identity partition on a column missing from the
 * files works only in readers that fill it from the manifest's partition tuple (Java does, many others
 * do not); a transform of a column the files hold needs nothing of the reader and prunes the same
 * files for `WHERE event_ts …` filters. The partition field keeps the Hive column's name.
 */
import type { PartitionBy } from '../schema/partitioning.js';
import { partitionColumn } from '../schema/partitioning.js';
import type { ColumnSpec, ColumnType, TableSpec } from '../schema/tableSpec.js';
import { DEFAULT_DECIMAL_PRECISION } from '../schema/tableSpec.js';

export interface SchemaField {
  readonly id: number;
  readonly name: string;
  readonly required: boolean;
  readonly type: string;
  readonly doc: string;
}

export interface IcebergSchema {
  readonly type: 'struct';
  readonly 'schema-id': number;
  readonly fields: readonly SchemaField[];
}

export interface PartitionField {
  readonly name: string;
  readonly transform: 'day' | 'month';
  readonly 'source-id': number;
  readonly 'field-id': number;
}

export interface PartitionSpec {
  readonly 'spec-id': number;
  readonly fields: readonly PartitionField[];
}

export interface SortOrder {
  readonly 'order-id': number;
  readonly fields: readonly {
    readonly transform: 'identity';
    readonly 'source-id': number;
    readonly direction: 'asc';
    readonly 'null-order': 'nulls-first';
  }[];
}

/** Everything about a table that does not change from snapshot to snapshot. */
export interface IcebergTable {
  readonly name: string;
  /** Absolute URI of the table folder, without a trailing `/`. */
  readonly location: string;
  readonly uuid: string;
  readonly schema: IcebergSchema;
  /** The TableSpec column behind each schema field, by field id. */
  readonly columns: ReadonlyMap<number, ColumnSpec>;
  readonly spec: PartitionSpec;
  readonly sortOrder: SortOrder;
  readonly properties: Readonly<Record<string, string>>;
}

/** Iceberg's first partition field id (ids of partition fields are unique across specs). */
const PARTITION_FIELD_ID = 1000;

/** The Iceberg type of a column (Appendix C's JSON names). */
export function icebergType(column: ColumnSpec): string {
  const types: Record<ColumnType, string> = {
    int32: 'int',
    int64: 'long',
    float64: 'double',
    bool: 'boolean',
    timestamp: 'timestamptz',
    date: 'date',
    string: 'string',
    enum: 'string',
    decimal: `decimal(${column.precision ?? DEFAULT_DECIMAL_PRECISION},2)`,
  };
  return types[column.type];
}

export function icebergTable(
  spec: TableSpec,
  partitionBy: PartitionBy,
  location: string,
  uuid: string,
  properties: Readonly<Record<string, string>>,
): IcebergTable {
  const fields = spec.columns.map((c, i) => ({
    id: i + 1,
    name: c.name,
    // The files' columns are all OPTIONAL (DuckDB writes no other), but a not-null column holds no
    // null (checked by validation), so the schema says what the data is.
    required: !c.nullable,
    type: icebergType(c),
    doc: c.description,
  }));
  const idOf = (name: string) => {
    const field = fields.find((f) => f.name === name);
    if (!field) throw new Error(`internal: ${spec.name} has no column ${name}`);
    return field.id;
  };
  const partitionName = spec.partition && partitionColumn(spec, partitionBy);
  if (partitionName && fields.some((f) => f.name === partitionName)) {
    throw new Error(`internal: ${spec.name}'s partition ${partitionName} is also one of its columns`);
  }
  const partition: PartitionField[] = spec.partition
    ? [
        {
          name: partitionName!,
          transform: partitionBy,
          'source-id': idOf(spec.partition.source),
          'field-id': PARTITION_FIELD_ID,
        },
      ]
    : [];
  // A sequence ascends with time across every file, so each file is sorted by it; other tables claim no order.
  const sortOrder: SortOrder = spec.sequence
    ? {
        'order-id': 1,
        fields: [
          {
            transform: 'identity',
            'source-id': idOf(spec.sequence.column),
            direction: 'asc',
            'null-order': 'nulls-first',
          },
        ],
      }
    : { 'order-id': 0, fields: [] };
  // Our Parquet files carry no field ids: readers find each column by this name mapping instead.
  const nameMapping = fields.map((f) => ({ 'field-id': f.id, names: [f.name] }));
  return {
    name: spec.name,
    location,
    uuid,
    schema: { type: 'struct', 'schema-id': 0, fields },
    columns: new Map(spec.columns.map((c, i) => [i + 1, c])),
    spec: { 'spec-id': 0, fields: partition },
    sortOrder,
    properties: { ...properties, 'schema.name-mapping.default': JSON.stringify(nameMapping) },
  };
}

/** A file's partition value from its Hive folder (`event_date=2024-01-31` → days, `event_month=2024-01` → months since 1970). */
export function partitionValue(table: IcebergTable, relativePath: string): number | undefined {
  const field = table.spec.fields[0];
  if (!field) return undefined;
  const segment = relativePath.split('/').find((s) => s.startsWith(`${field.name}=`));
  const m = segment && /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(segment.slice(field.name.length + 1));
  if (!m || (field.transform === 'day') !== (m[3] !== undefined)) {
    throw new Error(`${relativePath}: no ${field.name}= folder of a ${field.transform} partition`);
  }
  const [year, month] = [Number(m[1]), Number(m[2])];
  return field.transform === 'day'
    ? Date.UTC(year, month - 1, Number(m[3])) / 86_400_000
    : (year - 1970) * 12 + month - 1;
}
