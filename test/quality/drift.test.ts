/**
 * Schema drift, local times, out-of-order ids and missing children, planted on a tiny ecommerce
 * dataset (orders and order_items, 0.01x, 8 days, test/quality/drift-kinds.yaml) beside its clean
 * twin: exact ground-truth counts, each kind found in the files where its ground truth says, the
 * dirty data equal to the clean data plus the listed issues (drift mapped back as listed), and the
 * proof failing on changes nobody listed.
 */

import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios/registry.js';
import { validateOutput } from '../../src/validate/validate.js';
import { runCliAsync, tempDir } from '../helpers.js';
import { groundTruthDiff, issuesOf } from './groundTruthDiff.js';

const root = tempDir('drift');
const ARGS = [
  '--scenario',
  'ecommerce',
  '--scale',
  '0.01x',
  '--days',
  '8',
  '--end',
  '2023-06-30',
  '--tables',
  'orders,order_items',
  '--workers',
  '1',
];
const clean = join(root, 'clean');
const dirty = join(root, 'dirty');
const ecommerce = findScenario('ecommerce');
const spec = (name: string) => ecommerce.tables.find((t) => t.name === name)!;
/** The drift days of the profile: added from 06-25, renamed from 06-27, retyped from 06-29. */
const ADDED = '2023-06-25';
const RENAMED = '2023-06-27';
const RETYPED = '2023-06-29';

let instance: DuckDBInstance;
let refusedIceberg: { status: number | null; stderr: string };
let con: DuckDBConnection;
const rows = async (sql: string) =>
  (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, string | null>[];
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, '_manifest.json'), 'utf8'));
const filesOf = (table: string): { path: string; day: string }[] =>
  manifestOf(dirty)
    .files.filter((f: { table: string }) => f.table === table)
    .map((f: { path: string }) => ({ path: f.path, day: /=(\d{4}-\d{2}-\d{2})\//.exec(f.path)![1]! }));

beforeAll(async () => {
  const runs = await Promise.all([
    runCliAsync([...ARGS, '--out', clean, '--no-validate', '--quiet']),
    runCliAsync([
      ...ARGS,
      '--out',
      dirty,
      '--quality',
      join(import.meta.dirname, 'drift-kinds.yaml'),
      '--quiet',
      '--json',
    ]),
    // Refused before anything is written: an Iceberg table has one schema per snapshot.
    runCliAsync([
      ...ARGS,
      '--out',
      join(root, 'iceberg'),
      '--quality',
      'evolving',
      '--table-format',
      'iceberg',
    ]),
  ]);
  for (const run of runs.slice(0, 2)) expect(run.status, run.stderr).toBe(0);
  expect(JSON.parse(runs[1]!.stdout).validation.passed).toBe(true);
  refusedIceberg = runs[2]!;
  instance = await DuckDBInstance.create(':memory:');
  con = await instance.connect();
  await con.run(`SET TimeZone = 'UTC'`);
}, 60_000);

afterAll(() => {
  con?.closeSync();
  instance?.closeSync();
});

describe('the ground truth', () => {
  it('lists the planted issues, exactly, and four schema versions', () => {
    const truth = manifestOf(dirty).ground_truth;
    expect(truth.kinds).toEqual({
      column_added: 11,
      column_renamed: 4,
      column_retyped: 4,
      local_time: 1,
      missing_children: 3,
      out_of_order: 6,
    });
    expect(truth.schema_versions).toBe(4);
    const { versions } = JSON.parse(readFileSync(join(dirty, '_quality', 'schema_versions.json'), 'utf8'));
    expect(versions.map((v: { from: string }) => v.from)).toEqual(['2023-06-23', ADDED, RENAMED, RETYPED]);
    const orders = (v: number) =>
      Object.fromEntries(versions[v - 1].tables.orders.map((c: { name: string }) => [c.name, c])) as Record<
        string,
        Record<string, unknown>
      >;
    expect(orders(1).ordered_at_utc).toBeUndefined();
    expect(orders(2).ordered_at_utc).toEqual({
      name: 'ordered_at_utc',
      type: 'timestamp',
      added: true,
      values_of: 'ordered_at',
    });
    expect(orders(3).status).toBeUndefined();
    expect(orders(3).orderStatus).toEqual({ name: 'orderStatus', type: 'enum', renamed_from: 'status' });
    expect(orders(4).ordered_at).toEqual({ name: 'ordered_at', type: 'string', retyped_from: 'timestamp' });
  });

  it('lists each drift once per file from its day on, with the schema version of the file', async () => {
    const listed = await rows(
      `SELECT "table", kind, file, "column", clean_value, planted_value, schema_version::VARCHAR AS v
       FROM ${issuesOf(dirty)} WHERE change LIKE 'column_%' ORDER BY ALL`,
    );
    const expected = ['orders', 'order_items'].flatMap((table) =>
      filesOf(table).flatMap(({ path, day }) => {
        const v = String(1 + [ADDED, RENAMED, RETYPED].filter((d) => d <= day).length);
        const source = 'ordered_at';
        return [
          ...(day >= ADDED
            ? [
                {
                  table,
                  kind: 'column_added',
                  file: path,
                  column: null,
                  clean_value: null,
                  planted_value: `${source}_utc TIMESTAMPTZ`,
                  v,
                },
              ]
            : []),
          ...(day >= RENAMED && table === 'orders'
            ? [
                {
                  table,
                  kind: 'column_renamed',
                  file: path,
                  column: 'status',
                  clean_value: 'status VARCHAR',
                  planted_value: 'orderStatus VARCHAR',
                  v,
                },
              ]
            : []),
          ...(day >= RETYPED
            ? [
                {
                  table,
                  kind: 'column_retyped',
                  file: path,
                  column: source,
                  clean_value: `${source} TIMESTAMPTZ`,
                  planted_value: `${source} VARCHAR`,
                  v,
                },
              ]
            : []),
        ];
      }),
    );
    const sorted = (list: object[]) => list.map((x) => JSON.stringify(x, Object.keys(x).sort())).sort();
    expect(expected).toHaveLength(19);
    expect(sorted(listed)).toEqual(sorted(expected));
    // Every row issue carries its file's version too.
    const [wrong] = await rows(
      `SELECT count(*)::VARCHAR AS n FROM ${issuesOf(dirty)}
       WHERE schema_version <> 1 + (partition >= '${ADDED}')::INT + (partition >= '${RENAMED}')::INT + (partition >= '${RETYPED}')::INT`,
    );
    expect(wrong!.n).toBe('0');
  });
});

/** Each file's columns as name:text-or-not, from its footer. */
async function columnsOf(path: string): Promise<string[]> {
  return (
    await rows(
      `SELECT name || ':' || (type = 'BYTE_ARRAY')::VARCHAR AS c FROM parquet_schema('${join(dirty, path)}') WHERE num_children IS NULL`,
    )
  ).map((r) => r.c!);
}

describe('each kind is in the files where its ground truth says', () => {
  it('drift: a file has the new schema from the drift day on, and only then', async () => {
    for (const { path, day } of filesOf('orders')) {
      const cols = await columnsOf(path);
      expect(cols.includes('ordered_at_utc:false'), path).toBe(day >= ADDED);
      expect(cols.includes('orderStatus:true'), path).toBe(day >= RENAMED);
      expect(cols.includes('status:true'), path).toBe(day < RENAMED);
      expect(cols.includes('ordered_at:true'), path).toBe(day >= RETYPED);
      expect(cols.includes('ordered_at:false'), path).toBe(day < RETYPED);
    }
    // The text of a retyped time reads back as the clean time, row for row.
    const [r] = await rows(
      `SELECT count(*)::VARCHAR AS n, count(*) FILTER (WHERE CAST(d.ordered_at AS TIMESTAMPTZ) IS DISTINCT FROM c.ordered_at)::VARCHAR AS differ
       FROM read_parquet('${join(dirty, 'orders', `order_date=${RETYPED}`, '*.parquet')}') d
       JOIN read_parquet('${join(clean, 'orders', '**', '*.parquet')}') c USING (order_id)`,
    );
    expect(Number(r!.n)).toBeGreaterThan(0);
    expect(r!.differ).toBe('0');
  });

  it('local_time: the New York wall clock written as UTC (4 hours early in June)', async () => {
    const [i] = await rows(`SELECT * FROM ${issuesOf(dirty)} WHERE kind = 'local_time'`);
    const [r] = await rows(
      `SELECT (CAST('${i!.clean_value}' AS TIMESTAMPTZ) - CAST('${i!.planted_value}' AS TIMESTAMPTZ))::VARCHAR AS shift,
              CAST("${i!.column}" AS VARCHAR) = '${i!.planted_value}' OR CAST(CAST("${i!.column}" AS TIMESTAMPTZ) AS VARCHAR) = '${i!.planted_value}' AS there
       FROM read_parquet('${join(dirty, i!.file!)}', file_row_number = true) WHERE file_row_number = ${i!.row_number}`,
    );
    expect(r).toEqual({ shift: '04:00:00', there: true });
  });

  it('out_of_order: two neighbours swap ids, so ids no longer ascend with time', async () => {
    const pairs = await rows(
      `SELECT a.file, a.row_number::VARCHAR AS at, a.clean_value AS a_clean, a.planted_value AS a_planted,
              b.clean_value AS b_clean, b.planted_value AS b_planted, a."column" AS col
       FROM ${issuesOf(dirty)} a JOIN ${issuesOf(dirty)} b
         ON a.kind = 'out_of_order' AND b.kind = 'out_of_order' AND a.file = b.file AND b.row_number = a.row_number + 1
        AND b.clean_value = a.planted_value AND b.planted_value = a.clean_value`,
    );
    expect(pairs).toHaveLength(3);
    for (const p of pairs) {
      expect(p.a_planted).toBe(p.b_clean);
      expect(p.b_planted).toBe(p.a_clean);
      const ids = await rows(
        `SELECT CAST("${p.col}" AS VARCHAR) AS id FROM read_parquet('${join(dirty, p.file!)}', file_row_number = true)
         WHERE file_row_number IN (${p.at}, ${p.at} + 1) ORDER BY file_row_number`,
      );
      expect(ids.map((x) => x.id)).toEqual([p.a_planted, p.b_planted]);
      expect(Number(p.a_planted)).toBeGreaterThan(Number(p.b_planted));
    }
  });

  it('missing_children: an order whose items are all gone, each item listed with its row', async () => {
    const removed = await rows(
      `SELECT DISTINCT json_extract_string(clean_value, '$.order_id') AS order_id FROM ${issuesOf(dirty)}
       WHERE kind = 'missing_children' AND "table" = 'order_items' AND change = 'removed_row' AND "column" = 'order_id'`,
    );
    expect(removed.length).toBeGreaterThan(0);
    const items = (dir: string) => `read_parquet('${join(dir, 'order_items', '**', '*.parquet')}')`;
    for (const { order_id } of removed) {
      const [r] = await rows(
        `SELECT (SELECT count(*) FROM ${items(dirty)} WHERE order_id = ${order_id})::VARCHAR AS dirty,
                (SELECT count(*) FROM ${items(clean)} WHERE order_id = ${order_id})::VARCHAR AS clean,
                (SELECT count(*) FROM ${issuesOf(dirty)} WHERE kind = 'missing_children'
                   AND json_extract_string(clean_value, '$.order_id') = '${order_id}')::VARCHAR AS listed`,
      );
      expect(r!.dirty).toBe('0');
      expect(Number(r!.clean)).toBeGreaterThan(0);
      expect(r!.listed).toBe(r!.clean);
    }
  });
});

/** A table's dirty rows in the clean schema, mapped back by name from every file (union by name). */
function mapped(table: string): string {
  const cols = spec(table).columns.map((c) => {
    if (table === 'orders' && c.name === 'status') return `coalesce("orderStatus", "status") AS "status"`;
    if (c.name === 'ordered_at') return `CAST("ordered_at" AS TIMESTAMPTZ) AS "ordered_at"`;
    return `"${c.name}"`;
  });
  return `SELECT ${cols.join(', ')} FROM read_parquet('${join(dirty, table, '**', '*.parquet')}', union_by_name = true, hive_partitioning = false)`;
}

describe('the proof', () => {
  it('dirty = clean + the listed issues, drift mapped back (both tables)', async () => {
    for (const table of ['orders', 'order_items'])
      expect(await groundTruthDiff(con, clean, dirty, spec(table), dirty, mapped(table)), table).toEqual({
        missing: 0,
        extra: 0,
      });
  });

  it('fails when a file changes in a way nobody listed', async () => {
    const copy = join(root, 'tampered');
    cpSync(dirty, copy, { recursive: true });
    const manifest = manifestOf(copy);
    const rewrite = async (path: string, select: string) => {
      const file = join(copy, path);
      await con.run(`COPY (${select.replaceAll('$FILE', `'${file}'`)}) TO '${file}.new' (FORMAT parquet)`);
      cpSync(`${file}.new`, file);
      const bytes = readFileSync(file);
      const entry = manifest.files.find((f: { path: string }) => f.path === path);
      entry.bytes = bytes.length;
      entry.sha256 = createHash('sha256').update(bytes).digest('hex');
    };
    const first = filesOf('orders')[0]!.path;
    const last = filesOf('order_items').at(-1)!.path;
    // An unlisted column in a version-1 file; in a retyped file, one row's time (no issue of its own)
    // spelt another way, the same instant.
    const [free] = await rows(
      `SELECT min(r)::VARCHAR AS r FROM range(1000) t(r) WHERE r NOT IN (
         SELECT row_number FROM ${issuesOf(dirty)} WHERE file = '${last}' AND row_number IS NOT NULL)`,
    );
    await rewrite(first, `SELECT *, 'x' AS extra FROM read_parquet($FILE, hive_partitioning = false)`);
    await rewrite(
      last,
      `SELECT * EXCLUDE (file_row_number) REPLACE (
         CASE WHEN file_row_number = ${free!.r} THEN replace(ordered_at, ' ', 'T') ELSE ordered_at END AS ordered_at)
       FROM read_parquet($FILE, hive_partitioning = false, file_row_number = true)`,
    );
    writeFileSync(join(copy, '_manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const [report, load] = await Promise.all([
      validateOutput(copy, () => ecommerce),
      runCliAsync(['load', '--out', dirty, '--to', `csv:${join(root, 'csv')}`]),
    ]);
    // A load needs one schema per table: refused in one line, as Iceberg metadata is.
    for (const run of [load, refusedIceberg]) {
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(load.stderr).toMatch(
      /its schema drifts \(4 versions, _quality\/schema_versions\.json\), and a load needs one schema/,
    );
    expect(refusedIceberg.stderr).toMatch(
      /--table-format iceberg: not with --quality evolving, whose schema drifts/,
    );
    expect(readdirSync(root).filter((f) => f === 'csv' || f === 'iceberg')).toEqual([]);
    expect(report.passed).toBe(false);
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => [c.name, c.measured])).toEqual([
      ['orders: files whose columns are not the clean schema with their listed drift', `1 (${first})`],
      [
        "order_items: files whose rows, less the ground truth, differ from the clean generator's (digest)",
        `1 (${last})`,
      ],
    ]);
  });
});
