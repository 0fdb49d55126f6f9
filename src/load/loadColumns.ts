/** A loaded table's columns: the TableSpec's, then its Hive partition as an ordinary date column. */
import type { ColumnSpec, TableSpec } from '../schema/tableSpec.js';

export interface LoadColumn extends ColumnSpec {
  /** For the partition date: the timestamp column whose UTC date it is. */
  readonly source?: string;
}

export function loadColumns(spec: TableSpec): LoadColumn[] {
  const columns: LoadColumn[] = [...spec.columns];
  if (spec.partition)
    columns.push({
      name: spec.partition.column,
      type: 'date',
      nullable: false,
      description: `UTC date of ${spec.partition.source} (the files' Hive partition).`,
      source: spec.partition.source,
    });
  return columns;
}

/** The primary key's columns (`"a, b"` → `["a", "b"]`). */
export const keyColumns = (spec: TableSpec) => spec.primaryKey.split(',').map((c) => c.trim());
