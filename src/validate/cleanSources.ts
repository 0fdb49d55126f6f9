/**
 * A spoiled dataset's tables as the clean generator made them, rebuilt in DuckDB from the dirty files
 * and the ground truth: every listed value change is undone, every added row left out, every removed
 * row put back from its JSON. Every check then runs on these tables, so a dataset spoiled on purpose
 * passes the checks its clean twin passes, and the planted issues are judged by their own group
 * (qualityChecks.ts). Each table's view keeps `__file` (the file a row is, or was, in) for the digest.
 */
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ISSUES_PATH } from '../quality/issues.js';
import type { Manifest } from '../run/manifest.js';
import { duckdbType } from '../schema/dictionary.js';
import { type PartitionBy, partitionColumn } from '../schema/partitioning.js';
import type { TableSpec } from '../schema/tableSpec.js';
import { firstLine } from './check.js';
import { createSource, escapeGlob, readOnce } from './sources.js';

const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The rebuilt table with its `__file` column: the spoiled dataset's view of its clean twin. */
export const cleanView = (table: string) => `__clean_${table}`;

/** The manifest as the clean dataset's would be: each file with its clean rows (files emptied by issues included). */
export function cleanManifest(manifest: Manifest): Manifest {
  const clean = manifest.ground_truth!.clean;
  return {
    ...manifest,
    files: Object.entries(clean).map(([path, c]) => ({
      path,
      table: path.slice(0, path.indexOf('/')),
      rows: c.rows,
      bytes: 0,
      sha256: '',
    })),
  };
}

/** A drifted file's listed change: the clean column (null when added), its name and type in the file. */
export interface FileDrift {
  readonly change: string;
  readonly column: string | null;
  /** `name TYPE` in the file. */
  readonly planted: string;
}

/** The listed schema drift of `table`'s files: file → its changes (a file not listed has the clean schema). */
export async function driftsOf(con: DuckDBConnection, table: string): Promise<Map<string, FileDrift[]>> {
  const rows = (
    await con.runAndReadAll(
      `SELECT file, change, "column", planted_value FROM __issues
       WHERE "table" = ${sqlString(table)} AND change IN ('column_added', 'column_renamed', 'column_retyped')
       ORDER BY file, change, "column"`,
    )
  ).getRows();
  const out = new Map<string, FileDrift[]>();
  for (const [file, change, column, planted] of rows) {
    const list = out.get(String(file)) ?? [];
    list.push({
      change: String(change),
      column: column === null ? null : String(column),
      planted: String(planted),
    });
    out.set(String(file), list);
  }
  return out;
}

/** Where `table` reads its dirty rows (dirtyRows as a view), when it has files. */
export const dirtyView = (table: string) => `__dirty_${table}`;

/** A clean column as a drifted file holds it, read back to the clean name and type. */
function mappedColumn(c: TableSpec['columns'][number], drifts: readonly FileDrift[]): string {
  const d = drifts.find((x) => x.column === c.name);
  const name = quoted(c.name);
  if (d?.change === 'column_renamed') return `${quoted(d.planted.split(' ')[0]!)} AS ${name}`;
  if (d?.change === 'column_retyped') {
    // Only the exact text DuckDB gives the value reads back: any other spelling reads as NULL (the digest differs).
    const typed = `TRY_CAST(${name} AS ${duckdbType(c)})`;
    return `CASE WHEN CAST(${typed} AS VARCHAR) = ${name} THEN ${typed} END AS ${name}`;
  }
  return name;
}

/**
 * The dirty rows of `table`, read back to the clean schema (each drifted file by its listed changes),
 * with `__path`, `file_row_number` and `__file` (the file's path as the ground truth names it), or
 * undefined when every row of it was removed.
 */
export function dirtyRows(
  outDir: string,
  manifest: Manifest,
  table: TableSpec,
  drifts: ReadonlyMap<string, readonly FileDrift[]> = new Map(),
): string | undefined {
  const paths = manifest.files.filter((f) => f.table === table.name).map((f) => f.path);
  if (!paths.length) return undefined;
  const pcol = table.partition
    ? partitionColumn(table, manifest.partition_by === 'month' ? 'month' : 'day')
    : undefined;
  const rel = pcol ? `(${table.name}/${pcol}=[^/\\\\]*/[^/\\\\]*)$` : `(${table.name}/[^/\\\\]*)$`;
  // Files with the same listed changes are read together: one read per schema version.
  const groups = new Map<string, { drifts: readonly FileDrift[]; paths: string[] }>();
  for (const path of paths) {
    const list = drifts.get(path) ?? [];
    const key = JSON.stringify(list);
    const group = groups.get(key) ?? { drifts: list, paths: [] };
    group.paths.push(path);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map(({ drifts: list, paths: files }) => {
      const cols = table.columns.map((c) => mappedColumn(c, list));
      const read = files.map((p) => sqlString(escapeGlob(join(outDir, p))));
      return `SELECT ${cols.join(', ')}, __path, file_row_number, regexp_extract(__path, '${rel}', 1) AS __file
    FROM read_parquet([${read.join(', ')}], hive_partitioning = false, filename = '__path', file_row_number = true)`;
    })
    .join('\n    UNION ALL ');
}

/** `sql` with each column of `table` restored where the ground truth changed it, and its partition column. */
function rebuilt(manifest: Manifest, table: TableSpec): string {
  const by: PartitionBy = manifest.partition_by === 'month' ? 'month' : 'day';
  const pcol = table.partition ? partitionColumn(table, by) : undefined;
  const typed = (c: TableSpec['columns'][number]) => duckdbType(c);
  const name = sqlString(table.name);
  const fromJson = [
    ...table.columns.map(
      (c) =>
        `CAST(json_extract_string(clean_value, ${sqlString(`$.${quoted(c.name)}`)}) AS ${typed(c)}) AS ${quoted(c.name)}`,
    ),
    ...(pcol ? [`${by === 'day' ? 'CAST(partition AS DATE)' : 'partition'} AS ${pcol}`] : []),
    'file AS __file',
  ];
  const removed = `SELECT ${fromJson.join(', ')} FROM __issues WHERE "table" = ${name} AND change = 'removed_row'`;
  if (!manifest.files.some((f) => f.table === table.name)) return removed;
  const value = `regexp_extract(__path, '${pcol}=([^/\\\\]*)[/\\\\][^/\\\\]*$', 1)`;
  const restored = [
    ...table.columns.map(
      (c) =>
        `CASE WHEN __col = ${sqlString(c.name)} THEN CAST(__clean AS ${typed(c)}) ELSE d.${quoted(c.name)} END AS ${quoted(c.name)}`,
    ),
    ...(pcol ? [`${by === 'day' ? `CAST(${value} AS DATE)` : value} AS ${pcol}`] : []),
    '__file',
  ];
  return `SELECT ${restored.join(', ')} FROM (
      SELECT d.*, f.change AS __change, f."column" AS __col, f.clean_value AS __clean FROM ${dirtyView(table.name)} d
      LEFT JOIN (SELECT file, row_number, change, "column", clean_value FROM __issues
                 WHERE "table" = ${name} AND change IN ('value', 'added_row')) f
        ON f.file = d.__file AND f.row_number = d.file_row_number
    ) d WHERE __change IS DISTINCT FROM 'added_row'
    UNION ALL BY NAME ${removed}`;
}

/** `openTables` for a spoiled dataset: each table rebuilt clean (a table or a view as `readOnce` says). */
export async function openCleanTables(
  con: DuckDBConnection,
  outDir: string,
  manifest: Manifest,
  tables: readonly TableSpec[],
): Promise<{ unopened: ReadonlyMap<string, string>; why: (err: unknown) => string }> {
  const unopened = new Map<string, string>();
  await con.run(
    `CREATE TABLE __issues AS SELECT * FROM read_parquet(${sqlString(escapeGlob(join(outDir, ISSUES_PATH)))})`,
  );
  for (const t of tables) {
    try {
      const dirty = dirtyRows(outDir, manifest, t, await driftsOf(con, t.name));
      if (dirty) await con.run(`CREATE VIEW ${dirtyView(t.name)} AS ${dirty}`);
      await createSource(con, cleanView(t.name), readOnce(manifest, t), rebuilt(manifest, t));
      await con.run(`CREATE VIEW ${t.name} AS SELECT * EXCLUDE (__file) FROM ${cleanView(t.name)}`);
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
