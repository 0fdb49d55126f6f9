/**
 * `gen-parquet load --to duckdb:FILE` into tables that hold an earlier increment of the same dataset
 * (their rows in `_gen_parquet_loaded`): one transaction brings each table forward. The rows of every
 * changed partition are read into a temporary table and merged in (new rows inserted, changed rows
 * updated, rows gone deleted), every count is checked against the manifest, and the record set to
 * the new increment. A failure, Ctrl-C or kill leaves the file at the earlier increment.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { UsageError } from '../errors.js';
import type { DatasetTable } from './dataset.js';
import { partitionPredicate, tableDelta } from './loadDelta.js';
import { type LoadOptions, since, type TableLoad } from './loadOptions.js';
import { type LoadMode, RECORD_TABLE, recordOf, writeRecordSql } from './loadRecord.js';
import { deleteStaleSql, upsertSql } from './mergeSql.js';
import { readParquet } from './parquetSource.js';
import { countMismatches, type RowCount } from './rowCounts.js';

const STAGE = '"_gen_parquet_stage"';

export interface DuckDbIncrement {
  readonly con: DuckDBConnection;
  readonly options: LoadOptions;
  readonly loading: readonly DatasetTable[];
  readonly mode: Extract<LoadMode, { kind: 'increment' }>;
  /** Relations in the schema by name, with their kind (`BASE TABLE`, `VIEW`). */
  readonly existing: ReadonlyMap<string, string>;
  /** A table's schema-qualified, quoted name. */
  readonly name: (t: DatasetTable) => string;
  /** The record table's schema-qualified, quoted name. */
  readonly record: string;
  /** The dataset's folder without glob characters. */
  readonly root: string;
  /** The columns DuckDB reads from a table's files. */
  readonly selectList: (t: DatasetTable) => string;
}

export async function incrementDuckDb(
  d: DuckDbIncrement,
): Promise<{ tables: TableLoad[]; counts: RowCount[] }> {
  const { con, options: o, loading } = d;
  const gone = loading.filter((t) => d.existing.get(`${o.prefix}${t.spec.name}`) !== 'BASE TABLE');
  if (gone.length)
    throw new UsageError(
      `${gone.map((t) => `${o.schema}.${o.prefix}${t.spec.name}`).join(', ')}: in ${RECORD_TABLE} but not a table in the target; pass --replace to load the folder afresh`,
    );
  try {
    await con.run('BEGIN TRANSACTION');
    const tables: TableLoad[] = [];
    for (const t of loading) {
      const started = performance.now();
      const delta = tableDelta(o.dataset.manifest, t.spec, d.mode.from.get(t.spec.name)!);
      if (delta.partitions.length) {
        o.progress.start(t.spec.name, delta.source.rows);
        const scans = readParquet(d.root, delta.source);
        const from = (scan: string) => `SELECT ${d.selectList(t)} FROM ${scan}`;
        // A changed partition may have lost its last file: the stage then starts empty.
        await con.run(`CREATE TEMP TABLE ${STAGE} AS SELECT * FROM ${d.name(t)} LIMIT 0`);
        for (const scan of scans) await con.run(`INSERT INTO ${STAGE} ${from(scan)}`);
        o.signal?.throwIfAborted();
        await con.run(upsertSql(t.spec, d.name(t), STAGE));
        if (delta.touchesRows)
          await con.run(
            deleteStaleSql(t.spec, d.name(t), STAGE, partitionPredicate(t.spec, delta.partitions)),
          );
        await con.run(`DROP TABLE ${STAGE}`);
        o.progress.finish();
      }
      tables.push({ table: t.spec.name, rows: delta.source.rows, seconds: since(started) });
    }
    const counts: RowCount[] = [];
    for (const t of loading) {
      const rows = Number((await con.runAndReadAll(`SELECT count(*) FROM ${d.name(t)}`)).getRows()[0]![0]);
      counts.push({
        table: t.spec.name,
        target: `${o.schema}.${o.prefix}${t.spec.name}`,
        rows,
        manifest: t.rows,
      });
    }
    const mismatch = countMismatches(counts);
    if (mismatch) throw new Error(`row counts differ from the manifest: ${mismatch}; nothing was changed`);
    const records = loading.map((t) => recordOf(o.dataset.manifest, t.spec.name));
    for (const sql of writeRecordSql(d.record, o.prefix, records)) await con.run(sql);
    o.signal?.throwIfAborted();
    await con.run('COMMIT');
    await con.run('CHECKPOINT');
    return { tables, counts };
  } catch (err) {
    await con.run('ROLLBACK').catch(() => {});
    throw err;
  }
}
