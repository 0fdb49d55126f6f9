/**
 * `gen-parquet load --to postgres://…` into tables that hold an earlier increment of the same
 * dataset (their rows in `_gen_parquet_loaded`): one transaction brings each table forward. The rows
 * of every changed partition are copied into a temporary table, merged in (new rows inserted, changed
 * rows updated, rows gone deleted), every count checked against the manifest, and the record set to
 * the new increment. Foreign keys are deferred to the commit (orders and sessions point at each
 * other); a failure, Ctrl-C or kill leaves the tables and their record at the earlier increment.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type pg from 'pg';
import { UsageError } from '../errors.js';
import { partitionPredicate, tableDelta } from './loadDelta.js';
import { type LoadOptions, type LoadResult, since, type TableLoad } from './loadOptions.js';
import { type LoadMode, RECORD_TABLE, recordOf, writeRecordSql } from './loadRecord.js';
import { deleteStaleSql, upsertSql } from './mergeSql.js';
import { globFreeRoot, readParquet } from './parquetSource.js';
import { cancelBackend, onAbort, type PostgresTarget } from './postgresConnect.js';
import { copyRows } from './postgresCopy.js';
import { createTableSql, pgName, qualified } from './postgresDdl.js';
import type { TableNames } from './postgresPreflight.js';
import { countMismatches, type RowCount } from './rowCounts.js';

export async function incrementPostgres(
  target: PostgresTarget,
  client: pg.Client,
  o: LoadOptions,
  loading: readonly TableNames[],
  mode: Extract<LoadMode, { kind: 'increment' }>,
): Promise<LoadResult> {
  const started = performance.now();
  const { schema, dataset, progress } = o;
  const q = (name: string) => qualified(schema, name);
  const { rows: present } = await client.query(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) AND c.relkind IN ('r', 'p')`,
    [schema, loading.map((t) => t.final)],
  );
  const gone = loading.filter((t) => !present.some((r) => r.relname === t.final));
  if (gone.length)
    throw new UsageError(
      `${gone.map((t) => `${schema}.${t.final}`).join(', ')}: in ${RECORD_TABLE} but not a table in the target; pass --replace to load the folder afresh`,
    );
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '400MB', temp_directory: '' });
  const duck = await instance.connect();
  const source = globFreeRoot(dataset.outDir);
  const { rows: me } = await client.query('SELECT pg_backend_pid() AS pid');
  const stopCancel = onAbort(o.signal, () => cancelBackend(target, me[0].pid));
  try {
    await client.query('BEGIN');
    await client.query('SET CONSTRAINTS ALL DEFERRED');
    const tables: TableLoad[] = [];
    for (const t of loading) {
      const tableStarted = performance.now();
      const delta = tableDelta(dataset.manifest, t.spec, mode.from.get(t.spec.name)!);
      let rows = 0;
      if (delta.partitions.length) {
        progress.start(t.spec.name, delta.source.rows);
        const stage = qualified('pg_temp', pgName(`${t.final}__gen_parquet_stage`));
        await client.query(createTableSql(t.spec, stage));
        rows = await copyRows(
          client,
          duck,
          t.spec,
          readParquet(source.root, delta.source),
          stage,
          progress,
          o.signal,
        );
        progress.finish();
        await client.query(upsertSql(t.spec, q(t.final), stage));
        // A partition the target had no rows of (a new day of an immutable table) has nothing to delete.
        if (delta.touchesRows)
          await client.query(
            deleteStaleSql(t.spec, q(t.final), stage, partitionPredicate(t.spec, delta.partitions)),
          );
        await client.query(`DROP TABLE ${stage}`);
      }
      tables.push({ table: t.spec.name, rows, seconds: since(tableStarted) });
    }
    const counts: RowCount[] = [];
    for (const t of loading) {
      const { rows } = await client.query(`SELECT count(*)::bigint AS n FROM ${q(t.final)}`);
      const manifest = dataset.tables.find((d) => d.spec.name === t.spec.name)!.rows;
      counts.push({ table: t.spec.name, target: `${schema}.${t.final}`, rows: Number(rows[0].n), manifest });
    }
    const mismatch = countMismatches(counts);
    if (mismatch) throw new Error(`row counts differ from the manifest: ${mismatch}; nothing was changed`);
    const records = loading.map((t) => recordOf(dataset.manifest, t.spec.name));
    for (const sql of writeRecordSql(q(RECORD_TABLE), o.prefix, records)) await client.query(sql);
    o.signal?.throwIfAborted();
    // The deferred foreign keys are checked here: a violation fails the commit, which rolls back.
    await client.query('COMMIT');
    const from = Math.min(...mode.from.values());
    return { tables, counts, increment: { from, to: mode.to }, seconds: since(started) };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    stopCancel();
    source.close();
    duck.closeSync();
    instance.closeSync();
  }
}
