/**
 * `gen-parquet load --to duckdb:FILE`: tables materialized with their primary keys (or, with
 * `--views`, views over the Parquet files by explicit list), in one transaction, then a checkpoint so
 * any DuckDB client reads the file at once. A new file is built beside its final name and renamed
 * into place; an existing one changes only when the transaction commits. Tables also get their row
 * in `_gen_parquet_loaded`; tables that hold an earlier increment of the same dataset are brought
 * forward instead (`duckdbIncrement.ts`).
 */
import { existsSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { UsageError } from '../errors.js';
import { duckdbType } from '../schema/dictionary.js';
import type { DatasetTable } from './dataset.js';
import { incrementDuckDb } from './duckdbIncrement.js';
import { keyColumns, loadColumns } from './loadColumns.js';
import { type LoadOptions, type LoadResult, since, type TableLoad } from './loadOptions.js';
import {
  decideLoad,
  forgetRecordSql,
  RECORD_TABLE,
  readRecords,
  recordOf,
  writeRecordSql,
} from './loadRecord.js';
import { globFreeRoot, hasGlob, readParquet } from './parquetSource.js';
import { countMismatches, type RowCount } from './rowCounts.js';
import { keyed } from './spoiled.js';
import type { Target } from './target.js';
import { quoteDuck } from './wireColumns.js';

export type DuckDbTarget = Extract<Target, { kind: 'duckdb' }>;

/** A table's columns read from its files: the partition date (not in them) is the UTC date of its time column. */
export function selectList(t: DatasetTable): string {
  return loadColumns(t.spec)
    .map((c) =>
      c.source !== undefined
        ? `CAST(timezone('UTC', ${quoteDuck(c.source)}) AS DATE) AS ${quoteDuck(c.name)}`
        : quoteDuck(c.name),
    )
    .join(', ');
}

/** With its primary key and NOT NULL columns, or (`withKeys` false: a spoiled dataset) the column types only. */
function createTableSql(t: DatasetTable, name: string, withKeys: boolean): string {
  const cols = loadColumns(t.spec).map(
    (c) => `${quoteDuck(c.name)} ${duckdbType(c)}${c.nullable || !withKeys ? '' : ' NOT NULL'}`,
  );
  if (withKeys) cols.push(`PRIMARY KEY (${keyColumns(t.spec).map(quoteDuck).join(', ')})`);
  return `CREATE TABLE ${name} (${cols.join(', ')})`;
}

async function open(
  path: string,
  display: string,
): Promise<{ instance: DuckDBInstance; con: DuckDBConnection }> {
  try {
    const instance = await DuckDBInstance.create(path);
    return { instance, con: await instance.connect() };
  } catch (err) {
    throw new UsageError(`--to ${display}: cannot open it: ${(err as Error).message.split('\n')[0]}`);
  }
}

export interface DuckDbLoadOptions extends LoadOptions {
  /** Views over the Parquet files instead of tables. */
  readonly views: boolean;
}

export async function loadDuckDb(target: DuckDbTarget, o: DuckDbLoadOptions): Promise<LoadResult> {
  const started = performance.now();
  const { dataset, schema, prefix, progress } = o;
  if (!existsSync(dirname(target.file)))
    throw new UsageError(`--to ${target.display}: the folder ${dirname(target.file)} does not exist`);
  const outDir = realpathSync(dataset.outDir);
  if (o.views && hasGlob(outDir))
    throw new UsageError(
      `--views: ${outDir} holds a glob character (* ? [ ] { }) that DuckDB would expand when reading the views; move the folder or load tables instead`,
    );
  const fresh = !existsSync(target.file);
  // A new database is built under a name of its own and renamed into place only when complete.
  const path = fresh ? `${target.file}.gen-parquet-load` : target.file;
  if (fresh) removeDatabase(path);
  const { instance, con } = await open(path, target.display);
  const loading = dataset.tables.filter((t) => o.tables.includes(t.spec.name));
  const name = (t: DatasetTable) => `${quoteDuck(schema)}.${quoteDuck(`${prefix}${t.spec.name}`)}`;
  let ok = false;
  // DuckDB runs each statement to its end unless interrupted.
  const onAbort = () => con.interrupt();
  o.signal?.addEventListener('abort', onAbort);
  try {
    await con.run(`SET TimeZone = 'UTC'`);
    const existing = await existingRelations(
      con,
      schema,
      loading.map((t) => `${prefix}${t.spec.name}`),
    );
    const record = `${quoteDuck(schema)}.${quoteDuck(RECORD_TABLE)}`;
    const mode = o.views
      ? ({ kind: 'fresh' } as const)
      : decideLoad({
          manifest: dataset.manifest,
          outDir: dataset.outDir,
          tables: loading.map((t) => t.spec.name),
          records: fresh
            ? []
            : await readRecords(
                async (text) => (await con.runAndReadAll(text)).getRowObjectsJson(),
                schema,
                record,
                prefix,
              ),
          replace: o.replace,
          show: (table) => `${schema}.${prefix}${table}`,
        });
    if (mode.kind === 'increment') {
      const source = globFreeRoot(outDir);
      try {
        const done = await incrementDuckDb({
          con,
          options: o,
          loading,
          mode,
          existing,
          name,
          record,
          root: source.root,
          selectList,
        });
        ok = true;
        const from = Math.min(...mode.from.values());
        return { ...done, increment: { from, to: mode.to }, seconds: since(started) };
      } finally {
        source.close();
      }
    }
    const present = loading.map((t) => `${prefix}${t.spec.name}`).filter((n) => existing.has(n));
    if (present.length && !o.replace)
      throw new UsageError(
        `${present.map((n) => `${schema}.${n}`).join(', ')} already exist${present.length === 1 ? 's' : ''} in ${target.display}; pass --replace to replace ${present.length === 1 ? 'it' : 'them'}, or choose another --schema or --table-prefix`,
      );
    const source = o.views ? { root: outDir, close() {} } : globFreeRoot(outDir);
    const tables: TableLoad[] = [];
    const counts: RowCount[] = [];
    try {
      await con.run('BEGIN TRANSACTION');
      await con.run(`CREATE SCHEMA IF NOT EXISTS ${quoteDuck(schema)}`);
      for (const t of loading) {
        const kind = existing.get(`${prefix}${t.spec.name}`);
        if (kind) await con.run(`DROP ${kind === 'VIEW' ? 'VIEW' : 'TABLE'} ${name(t)}`);
      }
      for (const t of loading) {
        const tableStarted = performance.now();
        progress.start(t.spec.name, t.rows);
        const from = (scan: string) => `SELECT ${selectList(t)} FROM ${scan}`;
        // A view reads every file in one scan, as any query of it would (a table without files has no view).
        if (o.views && t.files.length)
          await con.run(`CREATE VIEW ${name(t)} AS ${from(readParquet(source.root, t, t.files.length)[0]!)}`);
        else {
          await con.run(createTableSql(t, name(t), keyed(o)));
          for (const scan of readParquet(source.root, t))
            await con.run(`INSERT INTO ${name(t)} ${from(scan)}`);
        }
        o.signal?.throwIfAborted();
        progress.finish();
        const rows = Number((await con.runAndReadAll(`SELECT count(*) FROM ${name(t)}`)).getRows()[0]![0]);
        tables.push({ table: t.spec.name, rows, seconds: since(tableStarted) });
        counts.push({
          table: t.spec.name,
          target: `${schema}.${prefix}${t.spec.name}`,
          rows,
          manifest: t.rows,
        });
      }
      const mismatch = countMismatches(counts);
      if (mismatch) throw new Error(`row counts differ from the manifest: ${mismatch}; nothing was changed`);
      // Views read the folder as it is: nothing to bring forward later, so no record of them.
      const names = loading.map((t) => t.spec.name);
      const hasRecord = !fresh && (await existingRelations(con, schema, [RECORD_TABLE])).size > 0;
      if (o.views) {
        if (hasRecord) await con.run(forgetRecordSql(record, prefix, names));
      } else
        for (const sql of writeRecordSql(
          record,
          prefix,
          names.map((n) => recordOf(dataset.manifest, n)),
        ))
          await con.run(sql);
      await con.run('COMMIT');
      await con.run('CHECKPOINT');
    } catch (err) {
      await con.run('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      source.close();
    }
    ok = true;
    return { tables, counts, seconds: since(started) };
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    con.closeSync();
    instance.closeSync();
    if (fresh) {
      if (ok) renameSync(path, target.file);
      else removeDatabase(path);
    }
  }
}

/** Tables and views among `names` in `schema`, with their kind. */
async function existingRelations(
  con: DuckDBConnection,
  schema: string,
  names: readonly string[],
): Promise<Map<string, string>> {
  const reader = await con.runAndReadAll(
    `SELECT table_name, table_type FROM information_schema.tables
      WHERE table_catalog = current_database() AND table_schema = $schema`,
    { schema },
  );
  return new Map(
    reader
      .getRowObjectsJson()
      .filter((r) => names.includes(String(r.table_name)))
      .map((r) => [String(r.table_name), String(r.table_type)]),
  );
}

/** A database file this load was building, and its write-ahead log. */
function removeDatabase(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}
