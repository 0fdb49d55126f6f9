/** The table metadata JSON of an Iceberg v2 table (spec: "Table Metadata Fields", Appendix C), as we write it. */
import type { IcebergSchema, IcebergTable, PartitionSpec, SortOrder } from './icebergTable.js';

export interface Snapshot {
  readonly 'sequence-number': number;
  readonly 'snapshot-id': number;
  readonly 'parent-snapshot-id'?: number;
  readonly 'timestamp-ms': number;
  readonly summary: Readonly<Record<string, string>> & { readonly operation: string };
  readonly 'manifest-list': string;
  readonly 'schema-id': number;
}

export interface TableMetadata {
  readonly 'format-version': 2;
  readonly 'table-uuid': string;
  readonly location: string;
  readonly 'last-sequence-number': number;
  readonly 'last-updated-ms': number;
  readonly 'last-column-id': number;
  readonly 'current-schema-id': number;
  readonly schemas: readonly IcebergSchema[];
  readonly 'default-spec-id': number;
  readonly 'partition-specs': readonly PartitionSpec[];
  readonly 'last-partition-id': number;
  readonly 'default-sort-order-id': number;
  readonly 'sort-orders': readonly SortOrder[];
  readonly properties: Readonly<Record<string, string>>;
  readonly 'current-snapshot-id': number;
  readonly refs: Readonly<Record<string, { readonly 'snapshot-id': number; readonly type: 'branch' }>>;
  readonly snapshots: readonly Snapshot[];
  readonly statistics: readonly never[];
  readonly 'snapshot-log': readonly { readonly 'timestamp-ms': number; readonly 'snapshot-id': number }[];
  readonly 'metadata-log': readonly { readonly 'timestamp-ms': number; readonly 'metadata-file': string }[];
}

/** One committed version: `metadata/v<version>.metadata.json`. */
export interface TableVersion {
  readonly version: number;
  readonly metadata: TableMetadata;
}

/** Where the metadata files of `table` live; every metadata file is named by its URI here. */
export const metadataLocation = (table: IcebergTable | TableMetadata, name: string) =>
  `${table.location}/metadata/${name}`;

export const metadataFileName = (version: number) => `v${version}.metadata.json`;

/** Iceberg's "no partition field yet": the first one gets 1000. */
const NO_PARTITION_ID = 999;

/**
 * The metadata of `table` at a new version whose current snapshot is `snapshot`; with `expire`, the
 * earlier snapshots (and their snapshot-log entries) are dropped.
 */
export function nextMetadata(
  table: IcebergTable,
  previous: TableVersion | undefined,
  snapshot: Snapshot,
  expire = false,
): TableMetadata {
  const before = expire ? undefined : previous?.metadata;
  return {
    'format-version': 2,
    'table-uuid': table.uuid,
    location: table.location,
    'last-sequence-number': snapshot['sequence-number'],
    'last-updated-ms': snapshot['timestamp-ms'],
    'last-column-id': Math.max(...table.schema.fields.map((f) => f.id)),
    'current-schema-id': table.schema['schema-id'],
    schemas: [table.schema],
    'default-spec-id': table.spec['spec-id'],
    'partition-specs': [table.spec],
    'last-partition-id': Math.max(NO_PARTITION_ID, ...table.spec.fields.map((f) => f['field-id'])),
    'default-sort-order-id': table.sortOrder['order-id'],
    'sort-orders': [table.sortOrder],
    properties: table.properties,
    'current-snapshot-id': snapshot['snapshot-id'],
    refs: { main: { 'snapshot-id': snapshot['snapshot-id'], type: 'branch' } },
    snapshots: [...(before?.snapshots ?? []), snapshot],
    statistics: [],
    'snapshot-log': [
      ...(before?.['snapshot-log'] ?? []),
      { 'timestamp-ms': snapshot['timestamp-ms'], 'snapshot-id': snapshot['snapshot-id'] },
    ],
    'metadata-log': previous
      ? [
          ...previous.metadata['metadata-log'],
          {
            'timestamp-ms': previous.metadata['last-updated-ms'],
            'metadata-file': metadataLocation(table, metadataFileName(previous.version)),
          },
        ]
      : [],
  };
}
