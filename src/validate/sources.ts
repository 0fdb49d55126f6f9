/**
 * What DuckDB reads for each table: the manifest's own file list, never a folder glob, so nothing
 * but the files gen-parquet wrote is counted whatever else the folder holds, and an output path with
 * glob characters (`out[1]`, `a*b`, `q?`) still names exactly its files.
 */
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Manifest } from '../run/manifest.js';
import { type PartitionBy, partitionColumn } from '../schema/partitioning.js';
import type { TableSpec } from '../schema/tableSpec.js';
import { firstLine } from './check.js';

/** A SQL string literal. */
function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * DuckDB globs every path it is given to read, list entries too (`a*b/x` also reads `aXb/x`); a
 * glob character inside brackets matches only itself. Braces are not globs in DuckDB 1.5; escaped
 * anyway, they stay literal if a later version adds them.
 */
export function escapeGlob(path: string): string {
  return path.replace(/[*?[{}]/g, (ch) => `[${ch}]`);
}

/** The column DuckDB fills with each row's file path, to read the partition from. */
const PATH_COLUMN = '__path';

/**
 * `read_parquet` over the table's files in the manifest. A fact's partition column is read from the
 * last `column=value` folder of each path, not by DuckDB's Hive parsing: that takes every
 * `key=value` folder of the whole path, so an output under `/data/account_id=7/` would replace
 * each row's account_id with '7'.
 */
export function tableSource(outDir: string, manifest: Manifest, table: TableSpec): string {
  const files = manifest.files
    .filter((f) => f.table === table.name)
    .map((f) => sqlString(escapeGlob(join(outDir, f.path))));
  // Hive parsing is on by default when a path holds `key=value` folders: always off here.
  const read = (extra: string) => `read_parquet([${files.join(', ')}], hive_partitioning = false${extra})`;
  if (!table.partition) return `SELECT * FROM ${read('')}`;
  const by: PartitionBy = manifest.partition_by === 'month' ? 'month' : 'day';
  const column = partitionColumn(table, by);
  const value = `regexp_extract(${PATH_COLUMN}, '${column}=([^/\\\\]*)[/\\\\][^/\\\\]*$', 1)`;
  return (
    `SELECT * EXCLUDE (${PATH_COLUMN}), ${by === 'day' ? `CAST(${value} AS DATE)` : value} AS ${column} ` +
    `FROM ${read(`, filename = '${PATH_COLUMN}'`)}`
  );
}

/**
 * Makes each table a DuckDB table (a dimension: small, read once) or view (a fact: scanned in place).
 * A table DuckDB cannot open (a truncated or corrupt file) is left out; `unopened` says why, and
 * `why` turns a query's failure into one line, naming that cause instead of "table does not exist".
 */
export async function openTables(
  con: DuckDBConnection,
  outDir: string,
  manifest: Manifest,
  tables: readonly TableSpec[],
): Promise<{ unopened: ReadonlyMap<string, string>; why: (err: unknown) => string }> {
  const unopened = new Map<string, string>();
  for (const t of tables) {
    try {
      await con.run(
        `CREATE ${t.kind === 'dimension' ? 'TABLE' : 'VIEW'} ${t.name} AS ${tableSource(outDir, manifest, t)}`,
      );
    } catch (err) {
      unopened.set(t.name, firstLine(err));
    }
  }
  const why = (err: unknown) => {
    const line = firstLine(err);
    const table = /^Table with name (\w+) does not exist/.exec(line)?.[1];
    return table && unopened.has(table) ? `${table}: ${unopened.get(table)}` : line;
  };
  return { unopened, why };
}
