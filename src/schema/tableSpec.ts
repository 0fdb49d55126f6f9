/** How a pack declares a table: columns, keys, foreign keys, partition and sequence. Every stage reads it. */

export type ColumnType =
  | 'int32'
  | 'int64'
  | 'float64'
  | 'bool'
  | 'timestamp'
  | 'date'
  | 'string'
  | 'enum'
  | 'decimal';

/** Decimal digits of a `decimal` column unless it says otherwise: DECIMAL(10,2). */
export const DEFAULT_DECIMAL_PRECISION = 10;

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly description: string;
  /** Members of an `enum` column, in index order (stored as dictionary indices). */
  readonly members?: readonly string[];
  /** Digits of a `decimal` column, 10–18 (two of them after the point); default 10. */
  readonly precision?: number;
  /**
   * A `timestamp` column whose values carry fractions of a second (µs). Without it the column holds
   * whole seconds, and text exports (`load --to csv:`) write no fraction (refusing a value that has one).
   */
  readonly subsecond?: boolean;
}

export interface TableSpec {
  readonly name: string;
  readonly kind: 'dimension' | 'fact';
  /**
   * Rows whose attributes change over time (a status, a price, a segment): written as the snapshot
   * at the dataset's end, and replaced whole by each `append`. Immutable tables (the default) only
   * gain files: an append never touches a file an earlier increment wrote.
   */
  readonly mutable?: boolean;
  /**
   * A change log (`--changes`, `changeLog.ts`): the mutable table whose changes it lists, one row per
   * change (op, changed_at, the whole row after it), partitioned by change date, append-only.
   */
  readonly changesOf?: string;
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
  /** The pack's main entity table: what `--sources` extracts, and which columns play which part. */
  readonly entity?: EntityRoles;
}

/**
 * Columns of an entity table as conflicting sources see them. A part the table lacks (jaffle's
 * customers have no date) is made up per entity from the seed, the same in every source.
 */
export interface EntityRoles {
  /** Text columns that make the name: a given and a family name, or one name. */
  readonly name: readonly string[];
  /** A numeric column (an amount, a score). */
  readonly measure?: string;
  /** A date or timestamp column. */
  readonly date?: string;
  /** A text column (a city, an industry). */
  readonly other?: string;
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

/** `column`, a timestamp, with values in fractions of a second (see `ColumnSpec.subsecond`). */
export const subsecond = (column: ColumnSpec): ColumnSpec => {
  if (column.type !== 'timestamp') throw new Error(`${column.name}: subsecond is for timestamp columns`);
  return { ...column, subsecond: true };
};

/** A money column: DECIMAL(precision, 2), dollars in a Float64Array. */
export const decimalCol = (
  name: string,
  description: string,
  precision = DEFAULT_DECIMAL_PRECISION,
  nullable = false,
): ColumnSpec => {
  if (!Number.isInteger(precision) || precision < 10 || precision > 18)
    throw new Error(`${name}: decimal precision ${precision} outside 10..18 (stored as int64)`);
  return { name, type: 'decimal', nullable, description, precision };
};

/** The spec of `name` among `tables`. */
export function findTable(tables: readonly TableSpec[], name: string): TableSpec {
  const spec = tables.find((t) => t.name === name);
  if (!spec) throw new Error(`unknown table ${name}`);
  return spec;
}
