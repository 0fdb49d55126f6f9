/**
 * `gen-parquet load --to csv:DIR`: one CSV per table, `DIR/<prefix><table><suffix>.csv` (ready for
 * `dbt seed`), written by DuckDB's COPY from the manifest's file list in its order (files sorted by
 * path, rows in file order: for a table with a sequence, its key order), so the bytes depend on the
 * data alone, never on the host's time zone, locale or DuckDB's threads. Every file is written in
 * `DIR/_tmp/` under a name that is no CSV's, and all are renamed into place only once every table
 * is written and matches the manifest's row count.
 */
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { UsageError } from '../errors.js';
import { describe, writeDenied } from '../run/fsErrors.js';
import { TEMP_DIR } from '../run/temporaries.js';
import { csvCopyOptions, csvHeaderOnly, csvSelectList } from './csvColumns.js';
import {
  CSV_RECORD,
  type CsvFile,
  readCsvRecord,
  recorded,
  sha256File,
  writeCsvRecord,
} from './csvRecord.js';
import type { DatasetTable } from './dataset.js';
import { type LoadOptions, type LoadResult, since, type TableLoad } from './loadOptions.js';
import { globFreeRoot, readParquet, sqlString } from './parquetSource.js';
import { countMismatches } from './rowCounts.js';
import type { Target } from './target.js';

export type CsvTarget = Extract<Target, { kind: 'csv' }>;

export interface CsvLoadOptions extends LoadOptions {
  /** After the table's name in each file's name: `_training` gives `raw_customers_training.csv`. */
  readonly suffix: string;
}

export const csvFileName = (prefix: string, table: string, suffix: string) =>
  `${prefix}${table}${suffix}.csv`;

/**
 * Writes table `t`'s CSV to `path` (header, then its rows in the manifest's file order) and returns
 * the rows written. The files are read in runs of at most FILES_PER_SCAN, each COPY'd on its own and
 * appended, which keeps DuckDB's memory per scan bounded.
 */
export async function writeTableCsv(
  con: DuckDBConnection,
  root: string,
  t: DatasetTable,
  path: string,
): Promise<number> {
  const scans = readParquet(root, t);
  if (!scans.length) {
    await con.run(`COPY (${csvHeaderOnly(t.spec)}) TO ${sqlString(path)} (${csvCopyOptions(true)})`);
    return 0;
  }
  let rows = 0;
  for (const [k, scan] of scans.entries()) {
    const part = k === 0 ? path : `${path}.${k}`;
    const copied = await con.runAndReadAll(
      `COPY (SELECT ${csvSelectList(t.spec)} FROM ${scan}) TO ${sqlString(part)} (${csvCopyOptions(k === 0)})`,
    );
    rows += Number(copied.getRows()[0]![0]);
    if (k > 0) {
      await pipeline(createReadStream(part), createWriteStream(path, { flags: 'a' }));
      rmSync(part);
    }
  }
  return rows;
}

/** `dir` with symbolic links resolved as far as it exists (it may not yet). */
function realTarget(dir: string): string {
  if (existsSync(dir)) return realpathSync(dir);
  return dirname(dir) === dir ? dir : join(realTarget(dirname(dir)), basename(dir));
}

/** The target folder, created if missing: never the dataset folder or inside it, never a file. */
function targetFolder(target: CsvTarget, outDir: string): string {
  const dir = realTarget(target.dir);
  const inside = relative(outDir, dir);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside)))
    throw new UsageError(
      `--to ${target.display}: inside the dataset folder ${outDir}; accepted: a folder outside it`,
    );
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new UsageError(`--to ${target.display}: ${dir} is a file; accepted: a folder (created if missing)`);
  return dir;
}

/** Refuses names whose existing file no load recorded (or that changed since), and existing ones without `replace`. */
async function checkExisting(
  dir: string,
  names: readonly string[],
  replace: boolean,
  display: string,
): Promise<CsvFile[]> {
  const record = readCsvRecord(dir);
  const existing = names.filter((n) => existsSync(join(dir, n)));
  const foreign: string[] = [];
  for (const n of existing) if (!(await recorded(join(dir, n), n, record))) foreign.push(n);
  const list = (files: string[]) => files.map((f) => join(dir, f)).join(', ');
  if (foreign.length)
    throw new UsageError(
      `--to ${display}: ${list(foreign)} ${foreign.length === 1 ? 'was' : 'were'} not written by gen-parquet load, or changed since (${CSV_RECORD} there lists no file of that name, size and sha256); move ${foreign.length === 1 ? 'it' : 'them'} away, or choose another --suffix or --table-prefix`,
    );
  if (existing.length && !replace)
    throw new UsageError(
      `--to ${display}: ${list(existing)} already exist${existing.length === 1 ? 's' : ''}; pass --replace to replace ${existing.length === 1 ? 'it' : 'them'}, or choose another --suffix or --table-prefix`,
    );
  return record;
}

/** A folder of this load's own under `dir/_tmp/`, and whether `_tmp` was made for it. */
function tempFolder(dir: string, display: string): { tmp: string; madeRoot: boolean } {
  try {
    mkdirSync(dir, { recursive: true });
    const madeRoot = mkdirSync(join(dir, TEMP_DIR), { recursive: true }) !== undefined;
    return { tmp: mkdtempSync(join(dir, TEMP_DIR, 'load-')), madeRoot };
  } catch (err) {
    throw new UsageError(
      `--to ${display}: cannot write to ${dir}: ${writeDenied(err) ?? describe(err)}; pass a writable folder`,
    );
  }
}

export async function loadCsv(target: CsvTarget, o: CsvLoadOptions): Promise<LoadResult> {
  const started = performance.now();
  const { dataset, progress } = o;
  const outDir = realpathSync(dataset.outDir);
  const dir = targetFolder(target, outDir);
  const loading = dataset.tables.filter((t) => o.tables.includes(t.spec.name));
  const fileOf = (t: DatasetTable) => csvFileName(o.prefix, t.spec.name, o.suffix);
  const record = await checkExisting(dir, loading.map(fileOf), o.replace, target.display);
  const { tmp, madeRoot } = tempFolder(dir, target.display);
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  // DuckDB runs each statement to its end unless interrupted.
  const onAbort = () => con.interrupt();
  o.signal?.addEventListener('abort', onAbort);
  try {
    await con.run(`SET TimeZone = 'UTC'`);
    await con.run('SET preserve_insertion_order = true'); // the default, on which the row order rests
    const source = globFreeRoot(outDir);
    const tables: TableLoad[] = [];
    const written: CsvFile[] = [];
    try {
      for (const t of loading) {
        const tableStarted = performance.now();
        progress.start(t.spec.name, t.rows);
        const path = join(tmp, `${fileOf(t)}.partial`);
        const rows = await writeTableCsv(con, source.root, t, path);
        o.signal?.throwIfAborted();
        progress.finish();
        const bytes = statSync(path).size;
        written.push({ file: fileOf(t), table: t.spec.name, rows, bytes, sha256: await sha256File(path) });
        tables.push({ table: t.spec.name, rows, seconds: since(tableStarted) });
      }
    } finally {
      source.close();
    }
    const counts = loading.map((t, i) => ({
      table: t.spec.name,
      target: written[i]!.file,
      rows: written[i]!.rows,
      manifest: t.rows,
    }));
    const mismatch = countMismatches(counts);
    if (mismatch) throw new Error(`row counts differ from the manifest: ${mismatch}; nothing was changed`);
    // While the files are renamed the record lists each name's previous bytes and its new ones, so
    // whatever a crash leaves there, the next load can prove it its own.
    writeCsvRecord(dir, tmp, [...record, ...written]);
    for (const w of written) renameSync(join(tmp, `${w.file}.partial`), join(dir, w.file));
    writeCsvRecord(dir, tmp, [...record.filter((r) => !written.some((w) => w.file === r.file)), ...written]);
    return { tables, counts, seconds: since(started) };
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    con.closeSync();
    instance.closeSync();
    rmSync(tmp, { recursive: true, force: true });
    if (madeRoot)
      try {
        rmdirSync(join(dir, TEMP_DIR));
      } catch {
        // another load's temporaries are in it
      }
  }
}
