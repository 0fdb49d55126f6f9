/** How a pack declares a table: columns, keys, foreign keys, partition and sequence. Every stage reads it. */

export type ColumnType = 'int32' | 'int64' | 'float64' | 'bool' | 'timestamp' | 'string' | 'enum' | 'decimal';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly description: string;
  /** Members of an `enum` column, in index order (stored as dictionary indices). */
  readonly members?: readonly string[];
}

export interface TableSpec {
  readonly name: string;
  readonly kind: 'dimension' | 'fact';
  readonly description: string;
  /** Size at 1x, for the docs. */
  readonly rowsAt1x: string;
  /** Primary key: one column, or a comma-separated composite key. */
  readonly primaryKey: string;
  /** Fact tables whose key is a sequence 1..rows that ascends with time. */
  readonly sequence?: { readonly column: string; readonly time: string };
  /** Hive partition column (UTC date of `partitionSource`), facts only. */
  readonly partition?: { readonly column: string; readonly source: string };
  readonly foreignKeys: readonly { readonly column: string; readonly references: string }[];
  readonly columns: readonly ColumnSpec[];
  /** Parquet bytes per row (ZSTD), for `gen-parquet plan`'s size estimate only. */
  readonly bytesPerRow?: number;
}

export const col = (name: string, type: ColumnType, description: string, nullable = false): ColumnSpec => ({
  name,
  type,
  nullable,
  description,
});
export const enumCol = (
  name: string,
  members: readonly string[],
  description: string,
  nullable = false,
): ColumnSpec => ({
  name,
  type: 'enum',
  nullable,
  description,
  members,
});

/** The spec of `name` among `tables`. */
export function findTable(tables: readonly TableSpec[], name: string): TableSpec {
  const spec = tables.find((t) => t.name === name);
  if (!spec) throw new Error(`unknown table ${name}`);
  return spec;
}
