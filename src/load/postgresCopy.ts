/**
 * One table into PostgreSQL: DuckDB streams the Parquet files in 2048-row chunks, each encoded as
 * binary COPY tuples and written with backpressure (the next chunk is fetched while PostgreSQL
 * takes this one), into a table created in the same transaction (so COPY … FREEZE can skip the
 * later rewrite of every row's visibility). Memory holds a few chunks, whatever the table's size.
 */
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Progress } from '../run/progress.js';
import type { TableSpec } from '../schema/tableSpec.js';
import { BinaryCopyEncoder } from './binaryCopy.js';
import { createTableSql, pgLiteral } from './postgresDdl.js';
import { quoteDuck, type WireColumn, wireColumns } from './wireColumns.js';

/** Marks a table as a load's temporary, so a later load may drop it if this one was killed. */
export const TEMP_MARKER =
  'gen-parquet load: temporary table, renamed into place or dropped at the end of the load';

async function* binaryRows(
  duck: DuckDBConnection,
  queries: readonly string[],
  columns: readonly WireColumn[],
  progress: Progress,
): AsyncGenerator<Buffer> {
  const encoder = new BinaryCopyEncoder(columns);
  yield encoder.header();
  for (const sql of queries) {
    const result = await duck.stream(sql);
    let next = result.fetchChunk();
    try {
      for (;;) {
        const chunk = await next;
        if (!chunk || chunk.rowCount === 0) break;
        next = result.fetchChunk();
        yield encoder.encode(chunk.chunk);
        progress.advance(chunk.rowCount);
      }
    } finally {
      // Stopped early (an error, an abort): the pending fetch must not become an unhandled rejection.
      next.catch(() => {});
    }
  }
  yield encoder.trailer();
}

/**
 * Creates `temp` (with NOT NULL unless `notNull` is false) and fills it from `sources` (DuckDB table
 * expressions, in order); returns the rows copied.
 */
export async function copyTable(
  client: pg.Client,
  duck: DuckDBConnection,
  spec: TableSpec,
  sources: readonly string[],
  temp: string,
  progress: Progress,
  signal?: AbortSignal,
  notNull = true,
): Promise<number> {
  await client.query('BEGIN');
  await client.query(createTableSql(spec, temp, notNull));
  await client.query(`COMMENT ON TABLE ${temp} IS ${pgLiteral(TEMP_MARKER)}`);
  const rows = await copyRows(client, duck, spec, sources, temp, progress, signal, 'FREEZE');
  await client.query('COMMIT');
  return rows;
}

/**
 * Copies `sources` into `table`, which has the TableSpec's load columns, inside the caller's
 * transaction; `FREEZE` only for a table created in that transaction.
 */
export async function copyRows(
  client: pg.Client,
  duck: DuckDBConnection,
  spec: TableSpec,
  sources: readonly string[],
  table: string,
  progress: Progress,
  signal?: AbortSignal,
  freeze?: 'FREEZE',
): Promise<number> {
  const columns = wireColumns(spec);
  const select = columns.map((c) => `${c.sql} AS ${quoteDuck(c.name)}`).join(', ');
  const queries = sources.map((source) => `SELECT ${select} FROM ${source}`);
  const copy = client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT binary${freeze ? ', FREEZE' : ''})`));
  await pipeline(binaryRows(duck, queries, columns, progress), copy, { signal });
  return copy.rowCount;
}
