/**
 * `gen-parquet load` of an appended dataset into a target holding an earlier increment of it, on the
 * real PostgreSQL and on a DuckDB file: each load brings the target forward in one transaction (only
 * the changed partitions' rows read), and the result equals a fresh load of the final folder; another
 * dataset or a newer increment is refused in one line; a load that fails midway, or is killed (-9)
 * midway, leaves the target at its earlier increment. One ecommerce backfill (0.01x, 5 days) is shared, appended on copies; loads
 * run in process except where the command's exit code and output are what is checked.
 */
import { spawn } from 'node:child_process';
import { cpSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoadResult, load, openDataset, parseTarget } from '../../src/load/load.js';
import type { Manifest } from '../../src/run/manifest.js';
import { Progress } from '../../src/run/progress.js';
import { findScenario } from '../../src/scenarios/registry.js';
import type { TableSpec } from '../../src/schema/tableSpec.js';
import { runCli, runCliAsync, tempDir } from '../helpers.js';
import {
  duckdbFileRows,
  expectSameRows,
  expectTablesMatchParquet,
  postgresRows,
  type Rows,
} from '../loadContent.js';
import { type PostgresServer, startPostgres } from '../postgresServer.js';

const root = tempDir('load-inc');
const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');
const base = join(root, 'base'); // increment 0: 5 days
const inc1 = join(root, 'inc1'); // increment 1: + 1 day
const inc2 = join(root, 'inc2'); // increment 2: + 2 more days
const other = join(root, 'other'); // seed 7: another dataset
const manifest = (out: string) => JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8')) as Manifest;
let server: PostgresServer;
// Tables with rows (a table without files has nothing to compare with the Parquet).
let specs: TableSpec[];

const cli = (...args: string[]) => expect(runCli([...args, '--quiet']).status).toBe(0);
const generate = [
  '--scenario',
  'ecommerce',
  '--scale',
  '0.01x',
  '--days',
  '5',
  '--workers',
  '1',
  '--no-validate',
];

beforeAll(async () => {
  const starting = startPostgres();
  const seven = runCliAsync([...generate, '--seed', '7', '--out', other, '--quiet']);
  cli(...generate, '--out', base);
  cpSync(base, inc1, { recursive: true });
  cli('append', '--out', inc1, '--days', '1', '--no-validate');
  cpSync(inc1, inc2, { recursive: true });
  cli('append', '--out', inc2, '--days', '2', '--no-validate');
  expect((await seven).status).toBe(0);
  server = await starting;
  specs = findScenario('ecommerce').tables.filter((s) =>
    manifest(base).files.some((f) => f.table === s.name),
  );
});

afterAll(() => {
  server?.stop();
  rmSync(root, { recursive: true, force: true });
});

/** `gen-parquet load` in process (no --replace). */
async function loadInto(out: string, to: string, schema: string): Promise<LoadResult> {
  const dataset = await openDataset(out, () => findScenario('ecommerce'));
  return load(parseTarget(to), {
    dataset,
    tables: dataset.tables.map((t) => t.spec.name),
    schema,
    prefix: '',
    replace: false,
    views: false,
    progress: new Progress('quiet', () => {}),
  });
}

/** Checks an incremental load's result: its increments, and that immutable tables read only their new days. */
function expectIncrement(result: LoadResult, out: string, from: number, to: number): void {
  expect(result.increment).toEqual({ from, to });
  for (const spec of specs.filter((s) => !s.mutable)) {
    const added = manifest(out)
      .increments.filter((i) => i.number > from)
      .reduce((a, i) => a + (i.rows[spec.name] ?? 0), 0);
    expect([spec.name, result.tables.find((t) => t.table === spec.name)!.rows]).toEqual([spec.name, added]);
  }
  for (const c of result.counts) expect([c.table, c.rows]).toEqual([c.table, c.manifest]);
}

/** Every table of two targets, equal value for value (ordered by key). */
async function expectSameTables(read: (spec: TableSpec, which: 0 | 1) => Promise<Rows>): Promise<void> {
  for (const spec of specs) expectSameRows(await read(spec, 0), await read(spec, 1), spec.name);
}

/** The command's refusal: exit 2, one line (the in-process loads throw the same UsageError). */
function oneLineRefusal(r: { status: number | null; stderr: string }, text: RegExp): void {
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(text);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

/** Overwrites 64 bytes in the middle of the folder's newest file of `table` (its size stays). */
function corrupt(out: string, table: string): void {
  const file = manifest(out)
    .increments.at(-1)!
    .added.find((p) => p.startsWith(`${table}/`))!;
  const { bytes } = manifest(out).files.find((f) => f.path === file)!;
  const fd = openSync(join(out, file), 'r+');
  writeSync(fd, Buffer.alloc(64, 0x55), 0, 64, Math.floor(bytes / 2));
}

describe('into PostgreSQL', () => {
  const withClient = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: server.url() });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const sql = (text: string) => withClient(async (c) => (await c.query(text)).rows);
  const held = async (schema: string) =>
    (await sql(`SELECT DISTINCT increment FROM ${schema}._gen_parquet_loaded`)).map((r) => r.increment);
  const rowsOf = (schema: string, spec: TableSpec) =>
    withClient((c) => postgresRows(c, `"${schema}"."${spec.name}"`, spec));
  const cliLoad = (out: string, schema: string) =>
    runCli(['load', '--out', out, '--to', server.url(), '--schema', schema]);

  it('a load failing midway (a row a constraint refuses) leaves the target at its earlier increment', async () => {
    expect((await loadInto(base, server.url(), 'inc')).increment).toBeUndefined();
    expect(await held('inc')).toEqual([0]);
    // inventory_movements comes after five other tables brought forward in the same transaction.
    const check = `CHECK (movement_date <= DATE '${manifest(base).window.end}')`;
    await sql(`ALTER TABLE inc.inventory_movements ADD CONSTRAINT not_after ${check}`);
    const r = cliLoad(inc2, 'inc');
    await sql('ALTER TABLE inc.inventory_movements DROP CONSTRAINT not_after');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^gen-parquet: failed: .*"not_after"/m);
    expect(await held('inc')).toEqual([0]);
    await withClient((c) =>
      expectTablesMatchParquet(base, specs, (spec) => postgresRows(c, `inc."${spec.name}"`, spec)),
    );
  });

  it('a kill -9 midway through the transaction leaves the target at its earlier increment', async () => {
    await loadInto(base, server.url(), 'killed');
    // Another session holds inventory_movements against writes (reads pass): the load blocks there,
    // after bringing the tables before it forward in its transaction.
    const blocker = new pg.Client({ connectionString: server.url() });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE killed.inventory_movements IN SHARE MODE');
    const child = spawn(process.execPath, [
      CLI,
      'load',
      '--out',
      inc2,
      '--to',
      server.url(),
      '--schema',
      'killed',
    ]);
    const exited = new Promise((resolve) => child.once('close', resolve));
    let waiting: { xid: string | null }[] = [];
    for (let i = 0; i < 600 && !waiting.length && child.exitCode === null; i++) {
      await new Promise((r) => setTimeout(r, 100));
      waiting = await sql(
        "SELECT backend_xid::text AS xid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%inventory_movements%'",
      );
    }
    child.kill('SIGKILL');
    await exited;
    // It had written in its transaction (an xid is assigned at the first write), then waited.
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.xid).not.toBeNull();
    await blocker.query('ROLLBACK');
    await blocker.end();
    // The server drops the dead client's backend, and with it the transaction.
    for (let i = 0; i < 100; i++) {
      const left = await sql(
        "SELECT 1 FROM pg_stat_activity WHERE query ILIKE '%killed.%' AND pid <> pg_backend_pid()",
      );
      if (!left.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await held('killed')).toEqual([0]);
    await withClient((c) =>
      expectTablesMatchParquet(base, specs, (spec) => postgresRows(c, `killed."${spec.name}"`, spec)),
    );
    // The same load again brings it forward.
    expect(cliLoad(inc2, 'killed').status).toBe(0);
    expect(await held('killed')).toEqual([2]);
  });

  it('brings the target increment by increment to the final dataset: equal to a fresh load of it', async () => {
    const untouched = 'SELECT event_id, ctid::text, xmin::text FROM inc.clickstream_events ORDER BY event_id';
    const before = await sql(untouched);
    expectIncrement(await loadInto(inc1, server.url(), 'inc'), inc1, 0, 1);
    expect(await held('inc')).toEqual([1]);
    const r = cliLoad(inc2, 'inc');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /^loaded .*inc2 into .* \(inc\), from increment 1 to 2 \(changed partitions only\), in /m,
    );
    expect(await held('inc')).toEqual([2]);
    // The backfill's events were never rewritten: same place, same inserting transaction.
    expect((await sql(untouched)).slice(0, before.length)).toEqual(before);
    await loadInto(inc2, server.url(), 'fresh');
    await expectSameTables((spec, which) => rowsOf(which ? 'fresh' : 'inc', spec));
    expectIncrement(await loadInto(inc2, server.url(), 'inc'), inc2, 2, 2);
  });

  it("refuses another dataset's target and one newer than the folder, in one line, changing nothing", async () => {
    oneLineRefusal(
      cliLoad(other, 'inc'),
      /^gen-parquet: inc\.customers holds another dataset than --out .*other: seed \(target: 42, folder: 7\); pass --replace/,
    );
    await expect(loadInto(inc1, server.url(), 'inc')).rejects.toThrow(
      /^inc\.customers holds increment 2 of this dataset, newer than --out .*inc1 \(increment 1\)/,
    );
    expect(await held('inc')).toEqual([2]);
    await expectSameTables((spec, which) => rowsOf(which ? 'fresh' : 'inc', spec));
  });
});

describe('into a DuckDB file', () => {
  const file = join(root, 'inc.duckdb');
  const fresh = join(root, 'fresh.duckdb');
  const cliLoad = (out: string, to: string) => runCli(['load', '--out', out, '--to', `duckdb:${to}`]);
  const held = async (to: string) => {
    const instance = await DuckDBInstance.create(to);
    const con = await instance.connect();
    try {
      const rows = (await con.runAndReadAll('SELECT DISTINCT increment FROM _gen_parquet_loaded')).getRows();
      return rows.map((r) => r[0]);
    } finally {
      con.closeSync();
      instance.closeSync();
    }
  };

  it('a load failing midway (a corrupt file) leaves the file at its earlier increment', async () => {
    const broken = join(root, 'broken');
    cpSync(inc1, broken, { recursive: true });
    corrupt(broken, 'inventory_movements');
    await loadInto(base, `duckdb:${file}`, 'main');
    const r = cliLoad(broken, file);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^gen-parquet: failed: /m);
    expect(await held(file)).toEqual([0]);
    await expectTablesMatchParquet(base, specs, (spec) => duckdbFileRows(file, spec.name, spec));
  });

  it('brings the file increment by increment to the final dataset: equal to a fresh load of it', async () => {
    expectIncrement(await loadInto(inc1, `duckdb:${file}`, 'main'), inc1, 0, 1);
    expectIncrement(await loadInto(inc2, `duckdb:${file}`, 'main'), inc2, 1, 2);
    expect(await held(file)).toEqual([2]);
    await loadInto(inc2, `duckdb:${fresh}`, 'main');
    await expectSameTables((spec, which) => duckdbFileRows(which ? fresh : file, spec.name, spec));
  });

  it("refuses another dataset's file and one newer than the folder, in one line", async () => {
    oneLineRefusal(
      cliLoad(other, file),
      /^gen-parquet: main\.customers holds another dataset than --out .*seed \(target: 42, folder: 7\)/,
    );
    await expect(loadInto(base, `duckdb:${file}`, 'main')).rejects.toThrow(
      /^main\.customers holds increment 2 of this dataset, newer than .*\(increment 0\)/,
    );
    expect(await held(file)).toEqual([2]);
  });
});
