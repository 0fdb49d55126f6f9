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
 * A fact table of at most this many rows is read once into memory (~200 bytes a row): the checks scan
 * device_maintenance (72K rows in ~1,700 day files at 1x) 17 times, and each scan of a day-partitioned
 * table costs ~0.2 ms of CPU per file whatever its rows (0.3 s for three columns of it, as much as
 * 2.6M rows of a 28-file table); once in memory, a scan takes milliseconds.
 */
export const READ_ONCE_ROWS = 250_000;

/** Whether a table becomes a DuckDB table (read once: a dimension, or a small fact) rather than a view. */
export function readOnce(manifest: Manifest, table: TableSpec): boolean {
  if (table.kind === 'dimension') return true;
  let rows = 0;
  for (const f of manifest.files) if (f.table === table.name) rows += f.rows;
  return rows <= READ_ONCE_ROWS;
}

/**
 * `CREATE TABLE name AS query` (`readOnce`) or `CREATE VIEW`. A table is filled on one thread: on more,
 * DuckDB keeps rows of every file in flight to preserve their order (which sequenceFacts.ts reads),
 * and the ~1,700 files of a small day-partitioned fact outgrew the 400 MB cap; on one, 14 MB.
 */
export async function createSource(con: DuckDBConnection, name: string, table: boolean, query: string) {
  if (!table) return void (await con.run(`CREATE VIEW ${name} AS ${query}`));
  const threads = (await con.runAndReadAll(`SELECT current_setting('threads')`)).getRows()[0]![0];
  await con.run('SET threads = 1');
  try {
    await con.run(`CREATE TABLE ${name} AS ${query}`);
  } finally {
    await con.run(`SET threads = ${Number(threads)}`);
  }
}

/**
 * Makes each table a DuckDB table (a dimension or a small fact: read once) or view (a fact: scanned in place).
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
      await createSource(con, t.name, readOnce(manifest, t), tableSource(outDir, manifest, t));
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
