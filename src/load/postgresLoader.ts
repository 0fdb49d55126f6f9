/**
 * `gen-parquet load --to postgres://…`: every table is copied under a temporary name, then given its
 * primary key, foreign keys, their indexes, comments and statistics, and only then swapped in with
 * one short transaction (drop the old tables, rename the new ones). A reader never sees a half-loaded
 * or mixed dataset; a failed, interrupted or killed load leaves the previous tables as they were.
 * The swap also records the dataset and increment loaded (`loadRecord.ts`); tables that hold an
 * earlier increment of the same dataset are brought forward instead (`postgresIncrement.ts`).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type pg from 'pg';
import { type LoadOptions, type LoadResult, since, type TableLoad } from './loadOptions.js';
import { decideLoad, RECORD_TABLE, readRecords, recordOf, writeRecordSql } from './loadRecord.js';
import { globFreeRoot, readParquet } from './parquetSource.js';
import { cancelBackend, connectPostgres, onAbort, type PostgresTarget } from './postgresConnect.js';
import { copyTable } from './postgresCopy.js';
import {
  commentSql,
  fkIndexName,
  fkName,
  foreignKeySql,
  foreignKeys,
  indexedForeignKeys,
  pgLiteral,
  pkName,
  primaryKeySql,
  qualified,
  quoteIdent,
} from './postgresDdl.js';
import { incrementPostgres } from './postgresIncrement.js';
import {
  dropStaleTemporaries,
  lockLoad,
  preflight,
  type TableNames,
  tableNames,
} from './postgresPreflight.js';
import { countMismatches, type RowCount } from './rowCounts.js';
import { keyed } from './spoiled.js';

export type { LoadOptions, LoadResult } from './loadOptions.js';

export async function loadPostgres(target: PostgresTarget, o: LoadOptions): Promise<LoadResult> {
  const started = performance.now();
  const { schema, prefix, progress } = o;
  const all = tableNames(o.dataset.pack.tables, prefix);
  const loading = all.filter((t) => o.tables.includes(t.spec.name));
  const q = (name: string) => qualified(schema, name);
  const client = await connectPostgres(target);
  const created: string[] = [];
  let createdSchema = false;
  let stopCancel = () => {};
  try {
    await lockLoad(client, schema, prefix);
    const mode = decideLoad({
      manifest: o.dataset.manifest,
      outDir: o.dataset.outDir,
      tables: loading.map((t) => t.spec.name),
      records: await readRecords(
        async (text) => (await client.query(text)).rows,
        schema,
        q(RECORD_TABLE),
        prefix,
      ),
      replace: o.replace,
      show: (table) => `${schema}.${prefix}${table}`,
    });
    if (mode.kind === 'increment') return await incrementPostgres(target, client, o, loading, mode);
    const pre = await preflight(client, schema, prefix, loading, o.replace);
    const stale = await dropStaleTemporaries(client, schema, all);
    if (stale.length) progress.line(`dropped ${stale.join(', ')}, left by a load that did not finish`);
    if (!pre.schemaExists) {
      await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
      createdSchema = true;
    }
    const tables = await copyAll(client, o, loading, created);
    // From here on statements can run for minutes (keys on big tables): Ctrl-C cancels the one running.
    const { rows: me } = await client.query('SELECT pg_backend_pid() AS pid');
    stopCancel = onAbort(o.signal, () => cancelBackend(target, me[0].pid));
    const keysStarted = performance.now();
    progress.line(
      keyed(o)
        ? 'adding primary keys, foreign keys, their indexes and statistics'
        : 'adding indexes on foreign-key columns and statistics (no keys: the dataset is spoiled on purpose)',
    );
    await addKeys(client, schema, prefix, loading, keyed(o));
    const counts: RowCount[] = [];
    for (const t of loading) {
      const { rows } = await client.query(`SELECT count(*)::bigint AS n FROM ${q(t.temp)}`);
      const manifest = o.dataset.tables.find((d) => d.spec.name === t.spec.name)!.rows;
      counts.push({ table: t.spec.name, target: `${schema}.${t.final}`, rows: Number(rows[0].n), manifest });
    }
    const mismatch = countMismatches(counts);
    if (mismatch) throw new Error(`row counts differ from the manifest: ${mismatch}; nothing was replaced`);
    const keysSeconds = since(keysStarted);
    o.signal?.throwIfAborted();
    const records = loading.map((t) => recordOf(o.dataset.manifest, t.spec.name));
    await swap(
      client,
      schema,
      loading,
      pre.replaced,
      writeRecordSql(q(RECORD_TABLE), prefix, records),
      keyed(o),
    );
    created.length = 0;
    return { tables, counts, keysSeconds, seconds: since(started) };
  } catch (err) {
    stopCancel();
    await cleanUp(target, client, schema, created, createdSchema);
    // PostgreSQL names the objects in the detail ("view raw.v depends on table raw.t"): keep it, on one line.
    const detail = (err as { detail?: string }).detail;
    if (detail) throw new Error(`${(err as Error).message}: ${detail.replaceAll('\n', '; ')}`);
    throw err;
  } finally {
    stopCancel();
    await client.end().catch(() => {});
  }
}

async function copyAll(
  client: pg.Client,
  o: LoadOptions,
  loading: readonly TableNames[],
  created: string[],
): Promise<TableLoad[]> {
  // A streaming scan never spills; without a temporary folder DuckDB cannot write one into the cwd.
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '400MB', temp_directory: '' });
  const duck = await instance.connect();
  const source = globFreeRoot(o.dataset.outDir);
  try {
    const out: TableLoad[] = [];
    for (const t of loading) {
      const table = o.dataset.tables.find((d) => d.spec.name === t.spec.name)!;
      const started = performance.now();
      o.progress.start(t.spec.name, table.rows);
      created.push(t.temp);
      const rows = await copyTable(
        client,
        duck,
        t.spec,
        readParquet(source.root, table),
        qualified(o.schema, t.temp),
        o.progress,
        o.signal,
        keyed(o),
      );
      o.progress.finish();
      out.push({ table: t.spec.name, rows, seconds: since(started) });
    }
    return out;
  } finally {
    source.close();
    duck.closeSync();
    instance.closeSync();
  }
}

/**
 * Keys (unless `withKeys` is false: a spoiled dataset), indexes, comments and statistics on the
 * temporaries, before anyone can see them.
 */
async function addKeys(
  client: pg.Client,
  schema: string,
  prefix: string,
  loading: readonly TableNames[],
  withKeys: boolean,
): Promise<void> {
  const q = (name: string) => qualified(schema, name);
  if (withKeys) for (const t of loading) await client.query(primaryKeySql(t.spec, q(t.temp), pkName(t.temp)));
  for (const t of loading) {
    for (const fk of withKeys ? foreignKeys(t.spec) : []) {
      // A parent loaded now is its temporary; else the table already in the target (checked).
      const parent = loading.find((p) => p.spec.name === fk.parent);
      const parentName = parent ? parent.temp : `${prefix}${fk.parent}`;
      await client.query(foreignKeySql(q(t.temp), fkName(t.final, fk.column), fk, q(parentName)));
    }
    for (const fk of indexedForeignKeys(t.spec))
      await client.query(
        `CREATE INDEX ${quoteIdent(fkIndexName(t.temp, fk.column))} ON ${q(t.temp)} (${quoteIdent(fk.column)})`,
      );
    for (const sql of commentSql(t.spec, q(t.temp)).slice(1)) await client.query(sql);
    await client.query(`ANALYZE ${q(t.temp)}`);
  }
}

/**
 * The one transaction readers see: foreign keys of other tables onto the replaced ones are dropped
 * and re-made (now onto the new tables, checked), the old tables dropped, the new ones renamed.
 */
async function swap(
  client: pg.Client,
  schema: string,
  loading: readonly TableNames[],
  replaced: readonly string[],
  record: readonly string[],
  withKeys: boolean,
): Promise<void> {
  const q = (name: string) => qualified(schema, name);
  await client.query('BEGIN');
  const { rows: outside } = replaced.length
    ? await client.query(
        `SELECT conname, conrelid::regclass::text AS child, pg_get_constraintdef(oid) AS def FROM pg_constraint
          WHERE contype = 'f' AND confrelid = ANY($1::text[]::regclass[]) AND NOT conrelid = ANY($1::text[]::regclass[])`,
        [replaced.map(q)],
      )
    : { rows: [] };
  for (const fk of outside)
    await client.query(`ALTER TABLE ${fk.child} DROP CONSTRAINT ${quoteIdent(fk.conname)}`);
  if (replaced.length) await client.query(`DROP TABLE ${replaced.map(q).join(', ')}`);
  for (const t of loading) {
    await client.query(`ALTER TABLE ${q(t.temp)} RENAME TO ${quoteIdent(t.final)}`);
    if (withKeys)
      await client.query(
        `ALTER TABLE ${q(t.final)} RENAME CONSTRAINT ${quoteIdent(pkName(t.temp))} TO ${quoteIdent(pkName(t.final))}`,
      );
    for (const fk of indexedForeignKeys(t.spec))
      await client.query(
        `ALTER INDEX ${q(fkIndexName(t.temp, fk.column))} RENAME TO ${quoteIdent(fkIndexName(t.final, fk.column))}`,
      );
    await client.query(`COMMENT ON TABLE ${q(t.final)} IS ${pgLiteral(t.spec.description)}`);
  }
  for (const fk of outside)
    await client.query(`ALTER TABLE ${fk.child} ADD CONSTRAINT ${quoteIdent(fk.conname)} ${fk.def}`);
  for (const sql of record) await client.query(sql);
  await client.query('COMMIT');
}

/** After a failure: roll back, drop the temporaries (over a new connection if this one is gone). */
async function cleanUp(
  target: PostgresTarget,
  client: pg.Client,
  schema: string,
  temps: readonly string[],
  createdSchema: boolean,
): Promise<void> {
  const run = async (c: pg.Client) => {
    await c.query('ROLLBACK');
    if (temps.length)
      await c.query(`DROP TABLE IF EXISTS ${temps.map((t) => qualified(schema, t)).join(', ')}`);
    // RESTRICT: only if it is still empty, as it was made.
    if (createdSchema) await c.query(`DROP SCHEMA IF EXISTS ${quoteIdent(schema)}`).catch(() => {});
  };
  try {
    await run(client);
  } catch {
    const fresh = await connectPostgres(target).catch(() => undefined);
    if (fresh) await run(fresh).catch(() => {});
    await fresh?.end().catch(() => {});
  }
}
