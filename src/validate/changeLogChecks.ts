/**
 * Change logs (`--changes`): replaying each mutable table's log up to the dataset's end (the latest
 * row of each key changed before it, deleted keys dropped) must give the table itself, row for row.
 * Generic over any table with a log: the SQL reads only the TableSpecs.
 */
import type { TableSpec } from '../schema/tableSpec.js';
import { type CheckContext, type CheckResult, GROUP, result, rowChecks } from './check.js';

const quoted = (name: string) => `"${name}"`;

/**
 * SQL of `table` as its change log `log` (a table, view or subquery) replays it: each key's latest
 * row with `changed_at` before `beforeUs` (µs since 1970; all of it without), unless deleted. Its
 * columns are the table's, in its order.
 */
export function replaySql(table: TableSpec, log: string, beforeUs?: number): string {
  const key = table.primaryKey.split(',').map((k) => quoted(k.trim()));
  const columns = table.columns.map((c) => quoted(c.name)).join(', ');
  const upTo = beforeUs === undefined ? '' : `WHERE epoch_us(changed_at) < ${beforeUs}`;
  return (
    `SELECT ${columns} FROM (SELECT *, row_number() OVER (PARTITION BY ${key.join(', ')} ORDER BY changed_at DESC) AS __latest ` +
    `FROM ${log} ${upTo}) WHERE __latest = 1 AND op <> 'delete'`
  );
}

/** Rows in one of the two queries (with the same columns) and not the other, duplicates counted. */
export function differenceSql(a: string, b: string): string {
  return `SELECT (SELECT count(*) FROM ((${a}) EXCEPT ALL (${b}))) + (SELECT count(*) FROM ((${b}) EXCEPT ALL (${a}))) AS n`;
}

export async function changeLogChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { has, pack, manifest } = ctx;
  const checks: CheckResult[] = [];
  for (const log of pack.tables.filter((t) => t.changesOf && manifest.tables.includes(t.name))) {
    const table = pack.tables.find((t) => t.name === log.changesOf)!;
    const name = `${table.name} = ${log.name} replayed up to the end`;
    // A table or log without files (no rows in a short window) is empty: the other must be too.
    if (!has(table.name) && !has(log.name)) continue;
    const snapshot = has(table.name)
      ? `SELECT ${table.columns.map((c) => quoted(c.name)).join(', ')} FROM ${table.name}`
      : undefined;
    const replay = has(log.name) ? replaySql(table, log.name) : undefined;
    const sql =
      snapshot && replay
        ? differenceSql(snapshot, replay)
        : `SELECT count(*) AS n FROM (${snapshot ?? replay})`;
    checks.push(
      ...(await rowChecks(ctx, sql, (r) => [
        result(GROUP.time, name, '0 rows differ', `${r.n} rows differ`, r.n === 0),
      ])),
    );
  }
  return checks;
}
