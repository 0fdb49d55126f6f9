/**
 * The clean jaffle dataset into a real PostgreSQL server (test/postgresServer.ts), as the issue's
 * pipeline does (`load --to postgres://…/shop --schema raw`): every value equal to DuckDB's reading of
 * the Parquet, the primary and foreign keys declared and valid, and a dbt-style query (orders and
 * revenue by payment method) giving the same answer in PostgreSQL as on the Parquet. A small run
 * (0.02x, 7 days): the load path, not the volume, is under test.
 */
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES as ALL_TABLES } from '../../../src/scenarios/jaffle/tables.js';
import { query, runCli, tableGlob, tempDir } from '../../helpers.js';
import { expectTablesMatchParquet, postgresRows } from '../../loadContent.js';
import { type PostgresServer, startPostgres } from '../../postgresServer.js';

/** The tables a run without --changes writes. */
const TABLES = ALL_TABLES.filter((t) => !t.changesOf);

const out = join(tempDir('jaffle-pg'), 'training');
let server: PostgresServer;
let client: pg.Client;

beforeAll(async () => {
  server = await startPostgres();
  const gen = runCli([
    ...['--scenario', 'jaffle', '--scale', '0.02x', '--days', '7', '--end', '2024-06-30'],
    ...['--out', out, '--workers', '1', '--no-validate', '--quiet'],
  ]);
  expect(gen.status, gen.stderr).toBe(0);
  const load = runCli(['load', '--out', out, '--to', server.url(), '--schema', 'raw', '--quiet']);
  expect(load.status, load.stderr).toBe(0);
  client = new pg.Client({ connectionString: server.url() });
  await client.connect();
}, 60_000);

afterAll(async () => {
  await client?.end();
  server?.stop();
});

describe('jaffle into PostgreSQL', () => {
  it('loads the 9 tables and its record: each value equals DuckDB reading the Parquet, ordered by key', async () => {
    const { rows } = await client.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw' ORDER BY 1`,
    );
    expect(rows.map((r) => r.table_name)).toEqual([
      '_gen_parquet_loaded',
      ...TABLES.map((t) => t.name).sort(),
    ]);
    await expectTablesMatchParquet(out, TABLES, (spec) => postgresRows(client, `raw."${spec.name}"`, spec));
  });

  it('declares each primary key and foreign key, all valid', async () => {
    const { rows } = await client.query(
      `SELECT conrelid::regclass::text AS tbl, contype, convalidated, pg_get_constraintdef(oid) AS def
         FROM pg_constraint WHERE connamespace = 'raw'::regnamespace AND contype IN ('p', 'f')`,
    );
    for (const spec of TABLES) {
      const own = rows.filter((c) => c.tbl === `raw.${spec.name}`);
      expect(own.every((c) => c.convalidated)).toBe(true);
      expect(own.filter((c) => c.contype === 'p').map((c) => c.def)).toEqual([
        `PRIMARY KEY (${spec.primaryKey})`,
      ]);
      expect(own.filter((c) => c.contype === 'f').map((c) => c.def)).toEqual(
        spec.foreignKeys.map((f) => {
          const [parent, column] = f.references.split('.');
          return `FOREIGN KEY (${f.column}) REFERENCES raw.${parent}(${column}) DEFERRABLE`;
        }),
      );
    }
  });

  it('answers a dbt-style question as the Parquet does: orders and revenue by payment method', async () => {
    const sql = (orders: string, payments: string) =>
      `SELECT p.payment_method::text AS method, count(DISTINCT o.id)::int AS orders, sum(p.amount)::bigint AS cents
         FROM ${orders} o JOIN ${payments} p ON p.order_id = o.id GROUP BY 1 ORDER BY 1`;
    const inPostgres = (await client.query(sql('raw.raw_orders', 'raw.raw_payments'))).rows.map((r) => ({
      method: String(r.method),
      orders: Number(r.orders),
      cents: Number(r.cents),
    }));
    const onParquet = (await query(sql(tableGlob(out, 'raw_orders'), tableGlob(out, 'raw_payments')))).map(
      (r) => ({ method: String(r.method), orders: Number(r.orders), cents: Number(r.cents) }),
    );
    expect(inPostgres.length).toBeGreaterThan(2);
    expect(inPostgres).toEqual(onParquet);
  });
});
