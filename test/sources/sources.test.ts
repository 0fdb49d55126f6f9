/**
 * `--sources 3` end to end through the CLI, on small ecommerce and jaffle datasets (and TapFlow's 150
 * accounts): the seed's overlaps within ±2 points, a map that resolves every source row to one entity
 * of the clean table, the conflict mix, conflicts that are where the map says (and nowhere else),
 * validation passing and failing a tampered map, the same bytes with 1 and 2 workers.
 */
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetDigests, runCli, runCliAsync, tempDir } from '../helpers.js';

const root = tempDir('sources');
const PACKS = {
  ecommerce: {
    args: ['--scenario', 'ecommerce', '--scale', '0.05x', '--days', '3', '--end', '2023-06-30'],
    table: 'customers',
    key: 'customer_id',
  },
  jaffle: {
    args: ['--scenario', 'jaffle', '--scale', '0.1x', '--days', '3'],
    table: 'raw_customers',
    key: 'id',
  },
  tapflow: { args: ['--scale', '1x', '--tables', 'accounts'], table: 'accounts', key: 'account_id' },
} as const;
type Pack = keyof typeof PACKS;
const dir = (pack: Pack, workers: number) => join(root, `${pack}-${workers}`);

let instance: DuckDBInstance;
let con: DuckDBConnection;
const rows = async (sql: string) =>
  (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
const file = (out: string, table: string) => `read_parquet('${join(out, table, '*.parquet')}')`;

beforeAll(async () => {
  const runs = await Promise.all(
    (Object.keys(PACKS) as Pack[]).flatMap((pack) =>
      [1, 2].map((workers) =>
        runCliAsync([
          ...PACKS[pack].args,
          '--sources',
          '3',
          '--out',
          dir(pack, workers),
          '--workers',
          String(workers),
          '--json',
          '--quiet',
          ...(workers === 2 ? ['--no-validate'] : []),
        ]),
      ),
    ),
  );
  for (const run of runs) expect(run.status, run.stderr).toBe(0);
  instance = await DuckDBInstance.create(':memory:');
  con = await instance.connect();
  await con.run(`SET TimeZone = 'UTC'`);
}, 120_000);

afterAll(() => {
  con?.closeSync();
  instance?.closeSync();
});

describe.each(Object.keys(PACKS) as Pack[])('%s with --sources 3', (pack) => {
  const { table, key } = PACKS[pack];
  const out = dir(pack, 1);
  const map = () => file(out, `${table}_source_map`);

  it("gives each source the seed's share of rows no other source holds, within ±2 points", async () => {
    const shares = await rows(
      `WITH held AS (SELECT source, count(*) OVER (PARTITION BY true_id) AS n FROM ${map()})
       SELECT source, avg((n = 1)::INTEGER) AS unique_share, count(*)::INTEGER AS n FROM held GROUP BY 1 ORDER BY 1`,
    );
    expect(shares.map((s) => s.source)).toEqual(['a', 'b', 'c']);
    for (const [i, seed] of [0.6, 0.5, 0.7].entries())
      expect(Math.abs(Number(shares[i]!.unique_share) - seed)).toBeLessThanOrEqual(0.02);
  });

  it('resolves every source row through the map to exactly one entity of the clean table', async () => {
    const [r] = await rows(
      `WITH src AS (${['a', 'b', 'c']
        .map((s) => `SELECT '${s}' AS source, source_id FROM ${file(out, `${table}_source_${s}`)}`)
        .join(' UNION ALL ')}),
       m AS (SELECT source, source_id, count(*) AS n, any_value(true_id) AS true_id FROM ${map()} GROUP BY ALL)
       SELECT (SELECT count(*) FROM src)::INTEGER AS source_rows,
              (SELECT count(*) FROM ${map()})::INTEGER AS map_rows,
              count(*) FILTER (WHERE m.n = 1 AND e.${key} IS NOT NULL)::INTEGER AS resolved,
              count(DISTINCT m.true_id)::INTEGER AS entities,
              (SELECT count(*) FROM ${file(out, table)})::INTEGER AS clean
       FROM src LEFT JOIN m USING (source, source_id) LEFT JOIN ${file(out, table)} e ON e.${key} = m.true_id`,
    );
    expect(r!.source_rows).toBeGreaterThan(40);
    // The manifest's expected answers: the entities a perfect resolution finds.
    const manifest = JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8'));
    expect(manifest.expected.sources).toMatchObject({ table, entities: r!.entities });
    expect(r!.resolved).toBe(r!.source_rows);
    expect(r!.map_rows).toBe(r!.source_rows);
    // About 95 % of the clean entities are in some source; the rest in none.
    expect(Number(r!.entities) / Number(r!.clean)).toBeGreaterThan(0.85);
    expect(Number(r!.entities)).toBeLessThanOrEqual(Number(r!.clean));
  });

  it("plants conflicts in the seed's mix, on shared entities only", async () => {
    const mix = await rows(
      `WITH held AS (SELECT conflict, count(*) OVER (PARTITION BY true_id) AS n FROM ${map()})
       SELECT conflict, count(*)::INTEGER AS n, count(*) FILTER (WHERE n = 1)::INTEGER AS unshared
       FROM held WHERE conflict IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );
    const total = mix.reduce((a, m) => a + Number(m.n), 0);
    const share = Object.fromEntries(mix.map((m) => [m.conflict, Number(m.n) / total]));
    const seed = { name: 0.4, measure: 0.3, date: 0.2, other: 0.1 };
    for (const [kind, weight] of Object.entries(seed))
      expect(Math.abs(share[kind]! - weight), kind).toBeLessThanOrEqual(0.05);
    expect(mix.every((m) => m.unshared === 0)).toBe(true);
  });

  it('writes each source in its own ids and formats, with its own update times', async () => {
    const [r] = await rows(
      `SELECT (SELECT count(*) FILTER (WHERE NOT regexp_full_match(source_id, 'A-\\d{7}') OR NOT regexp_full_match(entity_date, '\\d{4}-\\d{2}-\\d{2}')) FROM ${file(out, `${table}_source_a`)})::INTEGER AS bad_a,
              (SELECT count(*) FILTER (WHERE NOT regexp_full_match(source_id, 'CRM\\d+') OR NOT regexp_full_match(entity_date, '\\d{2}/\\d{2}/\\d{4}') OR NOT starts_with(measure, '$')) FROM ${file(out, `${table}_source_b`)})::INTEGER AS bad_b,
              (SELECT count(*) FILTER (WHERE NOT regexp_full_match(source_id, 'legacy-\\d+') OR NOT regexp_full_match(entity_date, '\\d{2}\\.\\d{2}\\.\\d{4}') OR name <> lower(name)) FROM ${file(out, `${table}_source_c`)})::INTEGER AS bad_c,
              (SELECT typeof(updated_at) FROM ${file(out, `${table}_source_c`)} LIMIT 1) AS updated_type`,
    );
    expect(r).toEqual({ bad_a: 0, bad_b: 0, bad_c: 0, updated_type: 'TIMESTAMP' });
  });

  it('passes validation (group 8) and writes the same bytes with 1 and 2 workers', () => {
    const manifest = JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8'));
    expect(manifest.sources).toBe(3);
    const report = JSON.parse(readFileSync(join(out, '_validation.json'), 'utf8'));
    const group = report.checks.filter((c: { group: string }) => c.group.startsWith('8.'));
    expect(group.length).toBe(10);
    expect(report.passed).toBe(true);
    expect(parquetDigests(dir(pack, 2))).toEqual(parquetDigests(out));
  });
});

describe('conflicts in the data', () => {
  it('differ from the clean customer exactly where the map says (ecommerce, source A)', async () => {
    const out = dir('ecommerce', 1);
    const [r] = await rows(
      `SELECT count(*) FILTER (WHERE (s.name <> c.first_name || ' ' || c.last_name) <> (m.conflict IS NOT DISTINCT FROM 'name'))::INTEGER AS name_off,
              count(*) FILTER (WHERE (s.entity_date::DATE <> c.birth_date) <> (m.conflict IS NOT DISTINCT FROM 'date'))::INTEGER AS date_off,
              count(*) FILTER (WHERE (s.attribute <> c.city) <> (m.conflict IS NOT DISTINCT FROM 'other'))::INTEGER AS other_off,
              count(*) FILTER (WHERE m.conflict IS NOT NULL)::INTEGER AS conflicts
       FROM ${file(out, 'customers_source_a')} s
       JOIN ${file(out, 'customers_source_map')} m ON m.source = 'a' AND m.source_id = s.source_id
       JOIN ${file(out, 'customers')} c ON c.customer_id = m.true_id`,
    );
    expect(r!.conflicts).toBeGreaterThan(10);
    expect(r).toMatchObject({ name_off: 0, date_off: 0, other_off: 0 });
  });
});

describe('validation of a tampered map', () => {
  it('fails when a source row no longer resolves to an entity', async () => {
    const out = join(root, 'tampered');
    cpSync(dir('jaffle', 1), out, { recursive: true });
    const path = join(out, 'raw_customers_source_map', 'part-00000.parquet');
    await con.run(
      `COPY (SELECT * FROM read_parquet('${path}') WHERE source_id <> 'A-0000001') TO '${path}.new' (FORMAT parquet)`,
    );
    cpSync(`${path}.new`, path);
    rmSync(`${path}.new`);
    const run = runCli(['validate', '--out', out, '--json']);
    expect(run.status).toBe(1);
    const check = JSON.parse(run.stdout).checks.find(
      (c: { name: string }) => c.name === 'source rows not resolved to exactly one entity by the map',
    );
    expect(check).toMatchObject({ measured: '1', pass: false });
  });
});

describe('bad input', () => {
  it('refuses another number of sources, --sources with --quality or without its table, with exit 2', () => {
    const out = join(root, 'refused');
    const two = runCli([...PACKS.jaffle.args, '--sources', '2', '--out', out]);
    expect(two.status).toBe(2);
    expect(two.stderr).toContain('--sources 2: accepted: 3');
    const both = runCli([...PACKS.jaffle.args, '--sources', '3', '--quality', 'typical', '--out', out]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('not with --quality');
    const unwritten = runCli([
      ...PACKS.jaffle.args,
      '--sources',
      '3',
      '--tables',
      'raw_orders',
      '--out',
      out,
    ]);
    expect(unwritten.status).toBe(2);
    expect(unwritten.stderr).toContain('table raw_customers is not written');
  });
});
