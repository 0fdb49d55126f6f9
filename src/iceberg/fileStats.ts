/**
 * Per-column metrics of each data file from its Parquet footer (DuckDB's `parquet_metadata()`, which
 * reads footers only): value and null counts, bytes on disk and lower/upper bounds, summed and
 * combined over the file's row groups. A bound is given only when every row group holding values
 * has statistics for the column; Parquet's min and max are bounds even when not exact.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { globFreeRoot, sqlString } from '../load/parquetSource.js';
import type { ColumnSpec } from '../schema/tableSpec.js';
import { compareStats, parseStat, type StatValue } from './singleValue.js';

export interface ColumnMetrics {
  readonly valueCount: number;
  /** Undefined when some row group does not say. */
  readonly nullCount: number | undefined;
  readonly bytes: number;
  readonly lower: StatValue | undefined;
  readonly upper: StatValue | undefined;
}

/** Metrics by column name. */
export type FileMetrics = ReadonlyMap<string, ColumnMetrics>;

/** Footers read per query: DuckDB keeps each file of a list open until the scan ends. */
const FILES_PER_QUERY = 512;

interface Accumulator {
  valueCount: number;
  nullCount: number | undefined;
  bytes: number;
  lower: StatValue | undefined;
  upper: StatValue | undefined;
  /** A row group with values but no min or max: no bound for the file. */
  unbounded: boolean;
}

const count = (v: unknown) => Number(v as bigint | number);

/** Metrics of `files` (paths relative to `outDir`), whose columns are `columns`, by path. */
export async function readFileMetrics(
  outDir: string,
  files: readonly string[],
  columns: readonly ColumnSpec[],
): Promise<Map<string, FileMetrics>> {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const out = new Map<string, Map<string, Accumulator>>(files.map((f) => [f, new Map()]));
  const source = globFreeRoot(outDir);
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    await con.run(`SET TimeZone = 'UTC'`);
    for (let i = 0; i < files.length; i += FILES_PER_QUERY) {
      const batch = files.slice(i, i + FILES_PER_QUERY);
      const relative = new Map(batch.map((f) => [`${source.root}/${f}`, f]));
      const reader = await con.runAndReadAll(
        `SELECT file_name, path_in_schema, num_values, stats_null_count, stats_min_value, stats_max_value,
                total_compressed_size
         FROM parquet_metadata([${[...relative.keys()].map(sqlString).join(', ')}])
         ORDER BY file_name, row_group_id, column_id`,
      );
      for (const [file, name, values, nulls, min, max, bytes] of reader.getRowsJS()) {
        const path = relative.get(file as string);
        const column = byName.get(name as string);
        if (!path || !column) throw new Error(`${String(file)}: unexpected column ${String(name)}`);
        const metrics = out.get(path)!;
        const acc = metrics.get(column.name) ?? {
          valueCount: 0,
          nullCount: 0,
          bytes: 0,
          lower: undefined,
          upper: undefined,
          unbounded: false,
        };
        metrics.set(column.name, acc);
        acc.valueCount += count(values);
        acc.nullCount =
          nulls === null || acc.nullCount === undefined ? undefined : acc.nullCount + count(nulls);
        acc.bytes += count(bytes);
        if (min === null || max === null) {
          // No statistics: harmless only when the row group holds nulls alone.
          if (nulls === null || count(nulls) < count(values)) acc.unbounded = true;
          continue;
        }
        const lo = parseStat(column.type, min as string);
        const hi = parseStat(column.type, max as string);
        if (acc.lower === undefined || compareStats(lo, acc.lower) < 0) acc.lower = lo;
        if (acc.upper === undefined || compareStats(hi, acc.upper) > 0) acc.upper = hi;
      }
    }
  } finally {
    con.closeSync();
    instance.closeSync();
    source.close();
  }
  const result = new Map<string, FileMetrics>();
  for (const [path, metrics] of out) {
    if (metrics.size !== columns.length)
      throw new Error(`${path}: footer lists ${metrics.size} of ${columns.length} columns`);
    result.set(
      path,
      new Map(
        [...metrics].map(([name, a]) => [
          name,
          {
            valueCount: a.valueCount,
            nullCount: a.nullCount,
            bytes: a.bytes,
            lower: a.unbounded ? undefined : a.lower,
            upper: a.unbounded ? undefined : a.upper,
          },
        ]),
      ),
    );
  }
  return result;
}
