/**
 * `gen-parquet load` into a real PostgreSQL server (a private one, see postgresServer.ts): every
 * value equal to DuckDB's reading of the Parquet, types and constraints as the TableSpecs declare,
 * the swap atomic under SIGKILL, a lost connection and a corrupt file, and each bad input refused
 * in one line without touching the target.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load as loadApi, openDataset, parseTarget } from '../src/load/load.js';
import { loadColumns } from '../src/load/loadColumns.js';
import { Progress } from '../src/run/progress.js';
import { findScenario } from '../src/scenarios/registry.js';
import type { TableSpec } from '../src/schema/tableSpec.js';
import { runCli, tempDir } from './helpers.js';
import { expectTablesMatchParquet, postgresRows } from './loadContent.js';
import { generateMinimal, minimal } from './minimalPack.js';
import { type PostgresServer, startPostgres } from './postgresServer.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');
const tapflow = findScenario('tapflow');
const root = tempDir('load-pg');
const small = join(root, 'small'); // 0.001x, seed 42
const bigger = join(root, 'bigger'); // 0.01x, seed 42: ~670 files per fact table, a few seconds to load
let server: PostgresServer;

beforeAll(async () => {
  server = await startPostgres();
  for (const [out, scale] of [
    [small, '0.001x'],
    [bigger, '0.01x'],
  ] as const)
    expect(
      runCli(['--scale', scale, '--out', out, '--workers', '1', '--no-validate', '--quiet']).status,
    ).toBe(0);
});

afterAll(() => {
  server?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function withClient<T>(fn: (c: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const client = new pg.Client({ connectionString: server.url(database) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) =>
  withClient(async (c) => (await c.query(text, params)).rows as T[]);

const load = (out: string, ...args: string[]) =>
  runCli(['load', '--out', out, '--to', server.url(), ...args]);

/** Every relation outside the system schemas: what "nothing changed" compares. */
const relations = () =>
  sql(
    `SELECT n.nspname || '.' || c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1`,
  ).then((rows) => rows.map((r) => r.name as string));

const schemas = () =>
  sql(
    `SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg_%' AND nspname <> 'information_schema' ORDER BY 1`,
  );

const expectSameContent = (out: string, schema: string, prefix: string, tables: readonly TableSpec[]) =>
  withClient((c) =>
    expectTablesMatchParquet(out, tables, (spec) =>
      postgresRows(c, `"${schema}"."${prefix}${spec.name}"`, spec),
    ),
  );

describe('TapFlow into PostgreSQL', () => {
  beforeAll(() => {
    const r = load(small, '--schema', 'raw', '--table-prefix', 'app_database_', '--json', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('loads every table: each value equals DuckDB reading the Parquet, ordered by key', async () => {
    await expectSameContent(small, 'raw', 'app_database_', tapflow.tables);
  });

  it('reports rows per table, checked against the manifest, and never the password', () => {
    const r = load(small, '--schema', 'report', '--json');
    expect(r.status).toBe(0);
    expect(r.stderr + r.stdout).not.toContain(server.password);
    const manifest = JSON.parse(readFileSync(join(small, '_manifest.json'), 'utf8'));
    const summary = JSON.parse(r.stdout);
    expect(summary.to).toBe(server.url().replace(server.password, '***'));
    for (const t of summary.tables) {
      const rows = manifest.files
        .filter((f: { table: string }) => f.table === t.table)
        .reduce((a: number, f: { rows: number }) => a + f.rows, 0);
      expect([t.table, t.rows, t.rows_in_target, t.manifest_rows]).toEqual([t.table, rows, rows, rows]);
    }
    expect(summary.tables.map((t: { table: string }) => t.table)).toEqual(tapflow.tables.map((t) => t.name));
    expect(r.stderr).toMatch(/^tap_events +report\.tap_events +10,000 +[\d.]+ +[\d,]+ +10,000 +10,000$/m);
  });

  it('declares the types, NOT NULL, primary keys, foreign keys and their indexes, all valid', async () => {
    const pgTypes: Record<string, string> = {
      int32: 'integer',
      int64: 'bigint',
      float64: 'double precision',
      bool: 'boolean',
      timestamp: 'timestamp with time zone',
      string: 'text',
      enum: 'text',
      decimal: 'numeric(10,2)',
      date: 'date',
    };
    const columns = await sql(
      `SELECT table_name, column_name, is_nullable,
              CASE WHEN data_type = 'numeric' THEN format('numeric(%s,%s)', numeric_precision, numeric_scale) ELSE data_type END AS type
         FROM information_schema.columns WHERE table_schema = 'raw' ORDER BY table_name, ordinal_position`,
    );
    const constraints = await sql(
      `SELECT conrelid::regclass::text AS tbl, contype, convalidated, pg_get_constraintdef(oid) AS def
         FROM pg_constraint WHERE connamespace = 'raw'::regnamespace AND contype IN ('p', 'f')`,
    );
    const indexes = await sql(`SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = 'raw'`);
    for (const spec of tapflow.tables) {
      const table = `app_database_${spec.name}`;
      expect(
        columns.filter((c) => c.table_name === table).map((c) => [c.column_name, c.type, c.is_nullable]),
      ).toEqual(loadColumns(spec).map((c) => [c.name, pgTypes[c.type], c.nullable ? 'YES' : 'NO']));
      const own = constraints.filter((c) => c.tbl === `raw.${table}`);
      expect(own.every((c) => c.convalidated)).toBe(true);
      expect(own.filter((c) => c.contype === 'p').map((c) => c.def)).toEqual([
        `PRIMARY KEY (${spec.primaryKey})`,
      ]);
      expect(
        own
          .filter((c) => c.contype === 'f')
          .map((c) => c.def)
          .sort(),
      ).toEqual(
        spec.foreignKeys
          .map((f) => {
            const [parent, column] = f.references.split('.');
            return `FOREIGN KEY (${f.column}) REFERENCES raw.app_database_${parent}(${column}) DEFERRABLE`;
          })
          .sort(),
      );
      // Every foreign key column leads some index (its own, or the primary key's).
      for (const f of spec.foreignKeys)
        expect(
          indexes.some(
            (i) =>
              i.tablename === table && new RegExp(`USING btree \\(${f.column}[,)]`).test(String(i.indexdef)),
          ),
          `${table}.${f.column}`,
        ).toBe(true);
    }
    // Statistics are there (ANALYZE ran before the swap).
    const [stats] = await sql(
      `SELECT count(*)::int AS n FROM pg_stats WHERE schemaname = 'raw' AND tablename = 'app_database_tap_events'`,
    );
    expect(stats!.n).toBeGreaterThan(0);
  });

  it("passes the seed documents' psql checks: no orphaned device, IDs from 1", () => {
    // As in README.md, with this dataset's column names.
    const orphans = server.run('psql', [
      '-At',
      '-c',
      `SELECT COUNT(*) AS orphaned_devices FROM raw.app_database_devices d
         LEFT JOIN raw.app_database_locations l ON d.location_id = l.location_id WHERE l.location_id IS NULL;`,
    ]);
    expect(orphans.trim()).toBe('0');
    const ranges = server.run('psql', [
      '-At',
      '-c',
      `SELECT 'devices' AS entity, MIN(device_id) AS min_id, MAX(device_id) AS max_id, COUNT(*) AS count FROM raw.app_database_devices;`,
    ]);
    const [entity, min, max, count] = ranges.trim().split('|');
    expect([entity, min]).toEqual(['devices', '1']);
    expect(Number(max)).toBeGreaterThanOrEqual(Number(count));
  });

  it('refuses tables that exist without --replace, naming them, and changes nothing', async () => {
    // Tables without a record of the load that made them (else this one would find nothing to change).
    await sql('ALTER TABLE raw._gen_parquet_loaded RENAME TO loaded_before');
    const before = await relations();
    const r = load(small, '--schema', 'raw', '--table-prefix', 'app_database_');
    const after = await relations();
    await sql('ALTER TABLE raw.loaded_before RENAME TO _gen_parquet_loaded');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^gen-parquet: raw\.app_database_accounts, raw\.app_database_locations, .*raw\.app_database_device_maintenance already exist; pass --replace/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(after).toEqual(before);
  });

  it('schema --format postgres prints DDL that makes the same tables and keys', async () => {
    const r = runCli(['schema', '--format', 'postgres']);
    expect(r.status).toBe(0);
    server.run(
      'psql',
      ['-v', 'ON_ERROR_STOP=1', '-q'],
      `CREATE SCHEMA ddl; SET search_path = ddl;\n${r.stdout}`,
    );
    const shape = (schema: string, prefix: string) =>
      sql(
        `SELECT substr(table_name, $2::int + 1) AS t, column_name, data_type, is_nullable FROM information_schema.columns
          WHERE table_schema = $1 AND table_name NOT LIKE '%gen_parquet%' ORDER BY 1, ordinal_position`,
        [schema, prefix.length],
      );
    expect(await shape('ddl', '')).toEqual(await shape('raw', 'app_database_'));
    const keys = (schema: string) =>
      sql(
        `SELECT contype, count(*)::int AS n FROM pg_constraint WHERE connamespace = $1::regnamespace
          AND conrelid::regclass::text NOT LIKE '%gen_parquet%' GROUP BY 1 ORDER BY 1`,
        [schema],
      );
    expect(await keys('ddl')).toEqual(await keys('raw'));
  });
});

describe('--tables', () => {
  it('loads a subset whose foreign-key parents are loaded with it or already there', async () => {
    expect(load(small, '--schema', 'part', '--tables', 'accounts,locations', '--quiet').status).toBe(0);
    expect(load(small, '--schema', 'part', '--tables', 'devices', '--quiet').status).toBe(0);
    await expectSameContent(
      small,
      'part',
      '',
      tapflow.tables.filter((t) => ['accounts', 'devices'].includes(t.name)),
    );
    const [fk] = await sql(
      `SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'part.devices'::regclass AND contype = 'f' AND convalidated`,
    );
    expect(fk!.n).toBe(2);
  });

  it('replaces a parent alone: foreign keys onto it from tables not loaded are made again, checked', async () => {
    expect(load(small, '--schema', 'part', '--tables', 'accounts', '--replace', '--quiet').status).toBe(0);
    const [fk] = await sql(
      `SELECT confrelid::regclass::text AS parent, convalidated FROM pg_constraint
        WHERE conrelid = 'part.devices'::regclass AND conname = 'devices_account_id_fkey'`,
    );
    expect(fk).toEqual({ parent: 'part.accounts', convalidated: true });
  });

  it('refuses a subset whose foreign-key parents are missing, naming them', async () => {
    const before = await relations();
    const r = load(small, '--schema', 'lonely', '--table-prefix', 'x_', '--tables', 'devices');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'gen-parquet: --tables: foreign keys need locations, accounts, neither loaded now nor in lonely (as x_locations, x_accounts); add them to --tables\n',
    );
    expect(await relations()).toEqual(before);
  });
});

/**
 * Starts a load in the background and waits until its COPY into tap_events is under way (a backend
 * that did not exist before, active in that COPY); gives the child, its exit and that backend's pid.
 */
async function backgroundLoad(out: string, schema: string) {
  const before = (await sql('SELECT pid FROM pg_stat_activity')).map((r) => r.pid);
  const child = spawn(
    process.execPath,
    [CLI, 'load', '--out', out, '--to', server.url(), '--schema', schema, '--replace', '--quiet'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exit = new Promise<{ status: number | null; signal: string | null; stderr: string }>((resolve) =>
    child.on('close', (status, signal) => resolve({ status, signal, stderr })),
  );
  const pid = await withClient(async (c) => {
    for (let i = 0; i < 3000; i++) {
      const { rows } = await c.query(
        `SELECT pid FROM pg_stat_activity WHERE application_name = 'gen-parquet load' AND state = 'active'
            AND query LIKE 'COPY %tap_events%' AND NOT pid = ANY($1::int[])`,
        [before],
      );
      if (rows.length) return rows[0].pid as number;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the load never reached tap_events');
  });
  return { child, exit, pid };
}

const temporaries = (schema: string) =>
  sql(
    `SELECT relname FROM pg_class WHERE relnamespace = $1::regnamespace AND relname LIKE '%gen_parquet_load' ORDER BY 1`,
    [schema],
  ).then((rows) => rows.map((r) => r.relname));

describe('atomic swap', () => {
  const checked = tapflow.tables.filter((t) =>
    ['accounts', 'tap_events', 'device_heartbeats'].includes(t.name),
  );

  // The previous tables are the small dataset's; each interrupted load is of the bigger one.
  beforeAll(() => {
    expect(load(small, '--schema', 'atomic', '--quiet').status).toBe(0);
  });

  it('a load killed midway (SIGKILL) leaves the previous tables as they were; the next load clears its temporaries', async () => {
    const run = await backgroundLoad(bigger, 'atomic');
    run.child.kill('SIGKILL');
    expect((await run.exit).signal).toBe('SIGKILL');
    await expectSameContent(small, 'atomic', '', checked);
    // The tables copied before the kill stay as marked temporaries (their transactions had committed).
    expect(await temporaries('atomic')).toContain('accounts__gen_parquet_load');
    expect(await temporaries('atomic')).not.toContain('tap_events__gen_parquet_load');
    const again = runCli(['load', '--out', bigger, '--to', server.url(), '--schema', 'atomic', '--replace']);
    expect(again.status).toBe(0);
    expect(again.stderr).toMatch(
      /^dropped accounts__gen_parquet_load, .* left by a load that did not finish$/m,
    );
    expect(await temporaries('atomic')).toEqual([]);
    await expectSameContent(bigger, 'atomic', '', checked);
    // Back to the small dataset for the next tests.
    expect(load(small, '--schema', 'atomic', '--replace', '--quiet').status).toBe(0);
  });

  it('a connection lost midway: exit 1 in one line, previous tables intact, temporaries dropped', async () => {
    const run = await backgroundLoad(bigger, 'atomic');
    await sql('SELECT pg_terminate_backend($1)', [run.pid]);
    const { status, stderr } = await run.exit;
    expect(status).toBe(1);
    expect(stderr).toMatch(/^gen-parquet: failed: .*terminat/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    await expectSameContent(small, 'atomic', '', checked);
    expect(await temporaries('atomic')).toEqual([]);
  });

  it('Ctrl-C (SIGINT) midway: exit 130, previous tables intact, temporaries dropped', async () => {
    const run = await backgroundLoad(bigger, 'atomic');
    run.child.kill('SIGINT');
    const { status, stderr } = await run.exit;
    expect(status).toBe(130);
    expect(stderr).toBe('gen-parquet: interrupted; the target was left as it was.\n');
    await expectSameContent(small, 'atomic', '', checked);
    expect(await temporaries('atomic')).toEqual([]);
  });

  it('a view on a table being replaced fails the swap (exit 1) naming it: previous tables intact', async () => {
    await sql('CREATE VIEW atomic.my_accounts AS SELECT account_id FROM atomic.accounts');
    const r = load(bigger, '--schema', 'atomic', '--replace', '--tables', 'accounts');
    await sql('DROP VIEW atomic.my_accounts');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^gen-parquet: failed: .*: view atomic\.my_accounts depends on table atomic\.accounts$/m,
    );
    await expectSameContent(small, 'atomic', '', checked);
    expect(await temporaries('atomic')).toEqual([]);
  });

  it('a corrupt Parquet file fails the load (exit 1): previous tables intact, no temporaries', async () => {
    const corrupt = join(root, 'corrupt');
    cpSync(bigger, corrupt, { recursive: true });
    const manifest = JSON.parse(readFileSync(join(corrupt, '_manifest.json'), 'utf8'));
    const victim = manifest.files.find((f: { table: string }) => f.table === 'page_views');
    const fd = openSync(join(corrupt, victim.path), 'r+');
    writeSync(fd, Buffer.alloc(64, 0x55), 0, 64, Math.floor(victim.bytes / 2));
    const r = load(corrupt, '--schema', 'atomic', '--replace');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^gen-parquet: failed: /m);
    await expectSameContent(small, 'atomic', '', checked);
    expect(await temporaries('atomic')).toEqual([]);
  });
});

describe('bad input: one line, exit 2, no stack trace, no password, nothing changed', () => {
  const noSuccess = join(root, 'no-success');
  mkdirSync(noSuccess, { recursive: true });

  it.each([
    [
      'an unreachable server',
      () => server.url().replace(`:${server.port}/`, ':1/'),
      small,
      /cannot connect: connection refused/,
    ],
    [
      'bad credentials',
      () => server.url().replace(server.password, 'wrong'),
      small,
      /password authentication failed for user "postgres"/,
    ],
    ['a missing database', () => server.url('nodb'), small, /database "nodb" does not exist/],
    [
      'an unparseable URL',
      () => `postgres://postgres:${server.password}@127.0.0.1:port/db`,
      small,
      /not a URL; accepted: postgres:\/\//,
    ],
    [
      'an unknown scheme',
      () => `mysql://u:${server.password}@127.0.0.1/db`,
      small,
      /unknown target mysql:; accepted/,
    ],
    [
      'a folder without _SUCCESS',
      () => server.url(),
      noSuccess,
      /not a complete gen-parquet output \(no _SUCCESS: the run did not finish\)/,
    ],
  ])('%s', async (_name, to, out, message) => {
    if (out === noSuccess) copyFileSync(join(small, '_manifest.json'), join(noSuccess, '_manifest.json'));
    const before = [await relations(), await schemas()];
    const r = runCli(['load', '--out', out, '--to', to(), '--schema', 'bad']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr + r.stdout).not.toContain(server.password);
    expect([await relations(), await schemas()]).toEqual(before);
  });
});

describe('every pack: the minimal test pack through the API', () => {
  it('loads stores and visits with their keys, each value equal to the Parquet', async () => {
    // Built modules: generation's workers import the pack from dist.
    const pack = minimal;
    const out = join(root, 'minimal');
    const progress = new Progress('quiet', () => {});
    await generateMinimal(out, { workers: 1 });
    const dataset = await openDataset(out, () => pack);
    const result = await loadApi(parseTarget(server.url()), {
      dataset,
      tables: ['stores', 'visits'],
      schema: 'minimal',
      prefix: '',
      replace: false,
      views: false,
      progress,
    });
    expect(result.counts.map((c) => [c.target, c.rows, c.manifest])).toEqual([
      ['minimal.stores', 20, 20],
      ['minimal.visits', 10_000, 10_000],
    ]);
    await expectSameContent(out, 'minimal', '', pack.tables);
    const constraints = await sql(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'minimal'::regnamespace ORDER BY 1`,
    );
    expect(constraints.map((c) => c.def)).toEqual([
      'FOREIGN KEY (store_id) REFERENCES minimal.stores(store_id) DEFERRABLE',
      'PRIMARY KEY (store_id)',
      'PRIMARY KEY (table_prefix, table_name)',
      'PRIMARY KEY (visit_id)',
    ]);
  });
});

describe('every pack: ecommerce (date columns, DECIMAL(12,2) money, change logs)', () => {
  it('loads every table, each value equal to the Parquet, with the declared types', async () => {
    const out = join(root, 'ecommerce');
    const args = [
      '--scenario',
      'ecommerce',
      '--scale',
      '0.001x',
      '--changes',
      '--out',
      out,
      '--workers',
      '1',
    ];
    expect(runCli([...args, '--no-validate', '--quiet']).status).toBe(0);
    const r = load(out, '--schema', 'shop', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    await expectSameContent(out, 'shop', '', findScenario('ecommerce').tables);
    const types = await sql(
      `SELECT table_name || '.' || column_name AS c, data_type AS t, numeric_precision AS p, numeric_scale AS s
         FROM information_schema.columns
        WHERE table_schema = 'shop' AND column_name IN ('birth_date', 'total', 'price', 'order_date')
          AND table_name NOT LIKE '%_changes' ORDER BY 1`,
    );
    expect(types).toEqual([
      { c: 'customers.birth_date', t: 'date', p: null, s: null },
      { c: 'order_items.order_date', t: 'date', p: null, s: null },
      { c: 'orders.order_date', t: 'date', p: null, s: null },
      { c: 'orders.total', t: 'numeric', p: 12, s: 2 },
      { c: 'products.price', t: 'numeric', p: 10, s: 2 },
    ]);
  });
});
