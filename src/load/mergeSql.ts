/**
 * The two statements that bring a loaded table's changed partitions to their new rows, the same in
 * PostgreSQL and DuckDB: the staged rows (every row of those partitions now) are inserted, a row
 * whose key is there already updated only if a value differs (an unchanged row is not rewritten),
 * then the rows of those partitions that the stage no longer has are deleted.
 */
import type { TableSpec } from '../schema/tableSpec.js';
import { keyColumns, loadColumns } from './loadColumns.js';

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Inserts `stage`'s rows into `target`; a key already there takes the staged values. */
export function upsertSql(spec: TableSpec, target: string, stage: string): string {
  const keys = keyColumns(spec);
  const columns = loadColumns(spec).map((c) => c.name);
  const values = columns.filter((c) => !keys.includes(c));
  const list = columns.map(q).join(', ');
  const conflict = values.length
    ? `DO UPDATE SET ${values.map((c) => `${q(c)} = EXCLUDED.${q(c)}`).join(', ')}
        WHERE ${values.map((c) => `t.${q(c)} IS DISTINCT FROM EXCLUDED.${q(c)}`).join(' OR ')}`
    : 'DO NOTHING';
  return `INSERT INTO ${target} AS t (${list}) SELECT ${list} FROM ${stage}
    ON CONFLICT (${keys.map(q).join(', ')}) ${conflict}`;
}

/** Deletes the rows of `target` where `partitions` holds (SQL over its columns) whose key `stage` lacks. */
export function deleteStaleSql(spec: TableSpec, target: string, stage: string, partitions: string): string {
  const match = keyColumns(spec)
    .map((k) => `s.${q(k)} = t.${q(k)}`)
    .join(' AND ');
  return `DELETE FROM ${target} AS t WHERE (${partitions}) AND NOT EXISTS (SELECT 1 FROM ${stage} AS s WHERE ${match})`;
}
