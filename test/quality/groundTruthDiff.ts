/**
 * The clean twin of a spoiled dataset with the ground truth applied (values planted, rows removed and
 * added), against the spoiled table as written: rows in one and not the other, as multisets, by DuckDB.
 * Zero both ways is the engine's invariant: the datasets differ exactly by the listed issues.
 */
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdbType } from '../../src/schema/dictionary.js';
import type { TableSpec } from '../../src/schema/tableSpec.js';

export const issuesOf = (dir: string) => `read_parquet('${join(dir, '_quality', 'issues.parquet')}')`;
export const tableOf = (dir: string, name: string) =>
  `read_parquet('${join(dir, name, '**', '*.parquet')}', hive_partitioning = false)`;

/**
 * `truth`: the folder whose ground truth is applied (the dirty one unless a test says otherwise);
 * `dirtyRows`: how to read the dirty table when its schema drifts (its columns mapped back by the test).
 */
export async function groundTruthDiff(
  con: DuckDBConnection,
  clean: string,
  dirty: string,
  spec: TableSpec,
  truth = dirty,
  dirtyRows = `SELECT * FROM ${tableOf(dirty, spec.name)}`,
): Promise<{ missing: number; extra: number }> {
  const keys = spec.primaryKey.split(',').map((k) => k.trim());
  const cols = spec.columns.map((c) => `"${c.name}"`).join(', ');
  const keyOf = (text: string) =>
    keys
      .map(
        (k, i) =>
          `c."${k}" = CAST(split_part(${text}, '|', ${i + 1}) AS ${duckdbType(spec.columns.find((c) => c.name === k)!)})`,
      )
      .join(' AND ');
  await con.run(`CREATE OR REPLACE TEMP TABLE c AS SELECT ${cols} FROM ${tableOf(clean, spec.name)}`);
  await con.run(`CREATE OR REPLACE TEMP TABLE d AS SELECT ${cols} FROM (${dirtyRows})`);
  await con.run(
    `CREATE OR REPLACE TEMP TABLE i AS SELECT * FROM ${issuesOf(truth)} WHERE "table" = '${spec.name}'`,
  );
  const planted = (edited: (c: TableSpec['columns'][number]) => string) =>
    spec.columns.map((c) => `${edited(c)} AS "${c.name}"`).join(', ');
  const expected = `
    SELECT ${cols} FROM c WHERE NOT EXISTS (SELECT 1 FROM i WHERE i.change <> 'added_row' AND ${keyOf('i.row_key')})
    UNION ALL
    SELECT ${planted((c) => `CASE WHEN i."column" = '${c.name}' THEN CAST(i.planted_value AS ${duckdbType(c)}) ELSE c."${c.name}" END`)}
    FROM c JOIN i ON i.change = 'value' AND ${keyOf('i.row_key')}
    UNION ALL
    SELECT ${planted((c) =>
      keys[0] === c.name
        ? `CASE WHEN i.kind = 'near_duplicate' THEN CAST(i.row_key AS ${duckdbType(c)}) ELSE c."${c.name}" END`
        : `CASE WHEN i."column" = '${c.name}' THEN CAST(i.planted_value AS ${duckdbType(c)}) ELSE c."${c.name}" END`,
    )}
    FROM c JOIN i ON i.change = 'added_row' AND ${keyOf('i.original_key')}`;
  const [r] = (
    await con.runAndReadAll(
      `SELECT (SELECT count(*) FROM (${expected} EXCEPT ALL SELECT * FROM d)) AS missing,
              (SELECT count(*) FROM (SELECT * FROM d EXCEPT ALL (${expected}))) AS extra`,
    )
  ).getRowObjectsJson();
  return { missing: Number(r!.missing), extra: Number(r!.extra) };
}
