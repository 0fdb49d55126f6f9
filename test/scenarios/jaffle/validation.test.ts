/**
 * The seed's training and validation datasets (contract rule 6): `--quality validation` on the jaffle
 * pack, against the clean run of the same seed, scale and window (0.1x, 7 days: the smallest run in
 * which every anomaly of the profile is planted at least once). The validation dataset passes its own
 * validation, which fails when a file differs by anything unlisted; a DuckDB diff by key finds exactly
 * the ground truth's rows changed, removed and added; an analyst's query for each anomaly finds exactly
 * its ground-truth rows; 1 and 2 workers give the same bytes; the dbt seeds load. The built-in
 * `typical` profile keeps working for the pack, its differences its ground truth too.
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/run/manifest.js';
import jaffle from '../../../src/scenarios/jaffle/index.js';
import { TABLES as ALL_TABLES } from '../../../src/scenarios/jaffle/tables.js';
import { validateOutput } from '../../../src/validate/validate.js';
import { parquetDigests, runCli, runCliAsync, tempDir } from '../../helpers.js';
import { csvSource, expectTablesMatchParquet, parquetRows } from '../../loadContent.js';
import { groundTruthDiff, issuesOf, tableOf } from '../../quality/groundTruthDiff.js';
import { rewriteFiles } from './planted.js';

/** The tables a run without --changes writes. */
const TABLES = ALL_TABLES.filter((t) => !t.changesOf);

const ARGS = ['--scenario', 'jaffle', '--scale', '0.1x', '--days', '7', '--end', '2024-06-30'];
const root = tempDir('jaffle-validation');
const training = join(root, 'training');
const validation = join(root, 'validation');
const oneWorker = join(root, 'validation-1');
const typical = join(root, 'typical');
const seeds = join(root, 'seeds');

/** The anomalies of rule 6 and the kind each is listed under. */
const RULE_6 = [
  'blank_first_name',
  'first_name_as_last_name',
  'customer_without_signup',
  'signup_without_customer',
  'shared_email',
  'lost_status',
  'duplicate_order_id',
  'zero_payment',
];

let instance: DuckDBInstance;
let con: DuckDBConnection;
const rows = async (sql: string) =>
  (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, string | null>[];
/** One text column of a query, sorted (a multiset). */
const list = async (sql: string) => (await rows(sql)).map((r) => String(Object.values(r)[0])).sort();
const listed = (kind: string, what = 'row_key') =>
  list(`SELECT ${what} FROM ${issuesOf(validation)} WHERE kind = '${kind}'`);
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, '_manifest.json'), 'utf8')) as Manifest;

beforeAll(async () => {
  // Both cores: the training run, the two validation runs and the typical one at once.
  const runs = await Promise.all([
    runCliAsync([...ARGS, '--out', training, '--no-validate', '--workers', '1']),
    runCliAsync([...ARGS, '--quality', 'validation', '--out', validation, '--workers', '2']),
    runCliAsync([...ARGS, '--quality', 'validation', '--out', oneWorker, '--no-validate', '--workers', '1'], {
      TZ: 'America/Los_Angeles',
    }),
    runCliAsync([...ARGS, '--quality', 'typical', '--out', typical, '--workers', '1']),
  ]);
  for (const run of runs) expect(run.status, run.stderr).toBe(0);
  const load = runCli(['load', '--out', validation, '--to', `csv:${seeds}`, '--suffix', '_validation']);
  expect(load.status, load.stderr).toBe(0);
  instance = await DuckDBInstance.create(':memory:');
  con = await instance.connect();
  await con.run(`SET TimeZone = 'UTC'`);
  for (const [name, dir] of [
    ['t', training],
    ['v', validation],
  ] as const)
    for (const spec of TABLES)
      await con.run(`CREATE VIEW ${name}_${spec.name} AS SELECT * FROM ${tableOf(dir, spec.name)}`);
}, 120_000);

afterAll(() => {
  con?.closeSync();
  instance?.closeSync();
});

describe('gen-parquet --scenario jaffle --quality validation', () => {
  it('lists every anomaly of rule 6 under its kind, and nothing else', async () => {
    const kinds = manifestOf(validation).ground_truth!.kinds;
    expect(Object.keys(kinds).sort()).toEqual([...RULE_6].sort());
    for (const kind of RULE_6) expect(kinds[kind], kind).toBeGreaterThan(0);
    expect(manifestOf(validation).quality!.profile).toBe('validation');
  });

  it('passes its own validation: each listed issue where it is said to be, nothing else changed', () => {
    const report = JSON.parse(readFileSync(join(validation, '_validation.json'), 'utf8'));
    expect(report.checks.filter((c: { status: string }) => c.status === 'fail')).toEqual([]);
    const quality = report.checks.filter((c: { group: string }) => c.group.startsWith('7.'));
    for (const [kind, n] of Object.entries(manifestOf(validation).ground_truth!.kinds))
      expect(quality).toContainEqual(
        expect.objectContaining({
          name: `planted ${kind} issues, as the manifest lists`,
          measured: String(n),
        }),
      );
    for (const t of TABLES)
      expect(quality).toContainEqual(
        expect.objectContaining({
          name: `${t.name}: files whose rows, less the ground truth, differ from the clean generator's (digest)`,
          measured: '0',
        }),
      );
  });

  it('fails that validation on a change the ground truth does not list, or a listed one undone', async () => {
    const copy = join(root, 'tampered');
    cpSync(validation, copy, { recursive: true });
    // A first name in capitals (its email still fits it, so only the digest can tell), and a lost order
    // put back to its clean status.
    const [unlisted] = await list(
      `SELECT min(id) FROM v_raw_customers WHERE CAST(id AS VARCHAR) NOT IN (SELECT row_key FROM ${issuesOf(validation)} WHERE "table" = 'raw_customers')`,
    );
    await rewriteFiles(
      copy,
      'raw_customers',
      `* REPLACE (CASE WHEN id = ${unlisted} THEN upper(first_name) ELSE first_name END AS first_name)`,
      'true',
    );
    const [lost] = await rows(
      `SELECT row_key, clean_value FROM ${issuesOf(validation)} WHERE kind = 'lost_status' ORDER BY row_key LIMIT 1`,
    );
    await rewriteFiles(
      copy,
      'raw_orders',
      `* REPLACE (CASE WHEN id = ${lost!.row_key} THEN '${lost!.clean_value}' ELSE status END AS status)`,
      `id = ${lost!.row_key}`,
    );
    const report = await validateOutput(copy, () => jaffle);
    expect(report.checks.filter((c) => !c.pass).map((c) => c.name)).toEqual([
      "raw_customers: files whose rows, less the ground truth, differ from the clean generator's (digest)",
      'raw_orders: listed values and added rows not where the ground truth says',
    ]);
  });

  it('differs from the training dataset exactly by the ground truth, table by table (DuckDB, by key)', async () => {
    let differing = 0;
    for (const spec of TABLES) {
      const key = spec.primaryKey
        .split(',')
        .map((k) => `CAST("${k.trim()}" AS VARCHAR)`)
        .join(` || '|' || `);
      const cols = spec.columns.map((c) => `"${c.name}"`).join(', ');
      const only = (a: string, b: string) =>
        list(
          `SELECT ${key} FROM (SELECT ${cols} FROM ${a}_${spec.name} EXCEPT ALL SELECT ${cols} FROM ${b}_${spec.name})`,
        );
      const truth = (changes: string) =>
        list(
          `SELECT row_key FROM ${issuesOf(validation)} WHERE "table" = '${spec.name}' AND change IN (${changes})`,
        );
      // Rows of training the validation lacks: the changed and removed ones; rows it adds: changed and added.
      const gone = await only('t', 'v');
      const added = await only('v', 't');
      expect(gone, `${spec.name}: only in training`).toEqual(await truth(`'value', 'removed_row'`));
      expect(added, `${spec.name}: only in validation`).toEqual(await truth(`'value', 'added_row'`));
      // And the values: the training table with the ground truth applied is the validation table.
      expect(await groundTruthDiff(con, training, validation, spec), spec.name).toEqual({
        missing: 0,
        extra: 0,
      });
      differing += gone.length + added.length;
    }
    expect(differing).toBeGreaterThan(30);
  });
});

describe('gen-parquet --scenario jaffle --quality typical', () => {
  it('differs from the training dataset exactly by its ground truth, and passes its validation', async () => {
    const report = JSON.parse(readFileSync(join(typical, '_validation.json'), 'utf8'));
    expect(report.checks.filter((c: { status: string }) => c.status === 'fail')).toEqual([]);
    expect(Object.keys(manifestOf(typical).ground_truth!.kinds).length).toBeGreaterThan(5);
    for (const spec of TABLES)
      expect(await groundTruthDiff(con, training, typical, spec), spec.name).toEqual({
        missing: 0,
        extra: 0,
      });
  });
});

describe('each anomaly, found by an analyst’s query, is exactly its ground truth', () => {
  it('raw_customers: blank first names, the first name again as last name', async () => {
    expect(await list(`SELECT id FROM v_raw_customers WHERE trim(first_name) = ''`)).toEqual(
      await listed('blank_first_name'),
    );
    expect(await listed('blank_first_name', 'planted_value')).toEqual(
      (await listed('blank_first_name')).map(() => '  '),
    );
    expect(await list(`SELECT id FROM v_raw_customers WHERE last_name = first_name`)).toEqual(
      await listed('first_name_as_last_name'),
    );
    // Clean: none of either.
    expect(
      await list(
        `SELECT count(*) FROM t_raw_customers WHERE trim(first_name) = '' OR last_name = first_name`,
      ),
    ).toEqual(['0']);
  });

  it('raw_signups: customers without a signup, signups of no customer, one email shared', async () => {
    const orphans = await list(
      `SELECT id FROM v_raw_signups WHERE user_id NOT IN (SELECT id FROM v_raw_customers)`,
    );
    expect(orphans).toEqual(await listed('signup_without_customer'));
    // A customer loses the signup that was removed, and the one whose user_id now names no one.
    const withoutSignup = await list(
      `SELECT id FROM v_raw_customers WHERE id NOT IN (SELECT user_id FROM v_raw_signups)`,
    );
    const expected = [
      ...(await listed('customer_without_signup', `json_extract_string(clean_value, '$.user_id')`)),
      ...(await listed('signup_without_customer', 'clean_value')),
    ].sort();
    expect(withoutSignup).toEqual(expected);
    const shared = await rows(
      `SELECT user_email, list(id ORDER BY id) AS ids FROM v_raw_signups GROUP BY 1 HAVING count(*) > 1`,
    );
    expect(shared).toHaveLength(1);
    expect(shared[0]!.user_email).toBe('test@example.com');
    expect(await listed('shared_email')).toEqual((shared[0]!.ids as unknown as number[]).map(String).sort());
  });

  it('raw_orders: the status lost, order ids twice', async () => {
    expect(await list(`SELECT id FROM v_raw_orders WHERE status = 'lost'`)).toEqual(
      await listed('lost_status'),
    );
    expect(await list(`SELECT id FROM v_raw_orders GROUP BY id HAVING count(*) > 1`)).toEqual(
      await listed('duplicate_order_id'),
    );
    expect(await listed('duplicate_order_id', 'original_key')).toEqual(await listed('duplicate_order_id'));
  });

  it('raw_payments: payments of nothing', async () => {
    expect(await list(`SELECT id FROM v_raw_payments WHERE amount = 0`)).toEqual(
      await listed('zero_payment'),
    );
  });
});

describe('deterministic, and loadable as dbt seeds', () => {
  it('gives the same bytes with 1 worker in Los Angeles as with 2 in UTC, ground truth included', () => {
    const [a, b] = [parquetDigests(validation), parquetDigests(oneWorker)];
    expect(Object.keys(a)).toContain('_quality/issues.parquet');
    expect(b).toEqual(a);
    expect(readFileSync(join(oneWorker, '_manifest.json'), 'utf8')).toBe(
      readFileSync(join(validation, '_manifest.json'), 'utf8'),
    );
  });

  it('load --to csv: --suffix _validation writes raw_<table>_validation.csv, rows equal to the Parquet', async () => {
    expect(
      readdirSync(seeds)
        .filter((f) => f.endsWith('.csv'))
        .sort(),
    ).toEqual(TABLES.map((t) => `${t.name}_validation.csv`).sort());
    await expectTablesMatchParquet(validation, TABLES, (spec) =>
      parquetRows(csvSource(join(seeds, `${spec.name}_validation.csv`), spec), spec),
    );
    const csv = readFileSync(join(seeds, 'raw_orders_validation.csv'), 'utf8');
    expect(csv.match(/,lost,/g)).toHaveLength((await listed('lost_status')).length);
  });
});
