/**
 * Issue 11 item 14: the Parquet files cannot mark not-null columns REQUIRED (DuckDB 1.5's writer makes
 * every top-level column OPTIONAL), so the README says so and where the real nullability is declared.
 * These tests keep that statement true: the files hold what the README says, no not-null column holds
 * a null, and the DuckDB canary fails once the pinned DuckDB can write REQUIRED (then write it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../src/scenarios/tapflow/tables.js';
import { query, runCli, tableGlob, tempDir } from './helpers.js';

const root = tempDir('required');
const out = join(root, 'out');

beforeAll(() => {
  const run = runCli(['--scale', '0.001x', '--out', out, '--no-validate']);
  expect(run.status, run.stderr).toBe(0);
});

describe('column nullability in the Parquet files', () => {
  it.each(TABLES.map((t) => [t.name, t] as const))(
    '%s: every column OPTIONAL in every file, and no null where the schema says not null',
    async (_name, table) => {
      const schema = await query(
        `SELECT DISTINCT name, repetition_type FROM parquet_schema('${join(out, table.name, '**', '*.parquet')}')
         WHERE name <> 'duckdb_schema' ORDER BY name`,
      );
      expect(schema).toEqual(
        table.columns
          .map((c) => ({ name: c.name, repetition_type: 'OPTIONAL' }))
          .sort((a, b) => (a.name < b.name ? -1 : 1)),
      );
      const required = table.columns.filter((c) => !c.nullable);
      const [nulls] = await query(
        `SELECT ${required.map((c) => `count(*) FILTER (WHERE ${c.name} IS NULL) AS ${c.name}`).join(', ')}
         FROM ${tableGlob(out, table.name)}`,
      );
      expect(nulls).toEqual(Object.fromEntries(required.map((c) => [c.name, '0'])));
    },
  );

  it('the pinned DuckDB writes OPTIONAL even from a NOT NULL table column (when this fails, write REQUIRED)', async () => {
    const file = join(root, 'not_null.parquet');
    const rows = await query(
      `CREATE TABLE t (a INTEGER NOT NULL, b INTEGER);
       INSERT INTO t VALUES (1, NULL);
       COPY t TO '${file}' (FORMAT parquet);
       SELECT name, repetition_type FROM parquet_schema('${file}') WHERE name <> 'duckdb_schema' ORDER BY name`,
    );
    expect(rows).toEqual([
      { name: 'a', repetition_type: 'OPTIONAL' },
      { name: 'b', repetition_type: 'OPTIONAL' },
    ]);
  });

  it('README says every column is OPTIONAL, why, and where NOT NULL is declared', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
    const paragraph = readme.split('\n\n').find((p) => p.includes('`OPTIONAL`')) ?? '';
    expect(paragraph).toMatch(/can_have_nulls/);
    expect(paragraph).toMatch(/schema --format sql/);
    expect(paragraph).toMatch(/data-dictionary\.md/);
  });
});
