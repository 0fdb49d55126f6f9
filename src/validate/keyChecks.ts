/** Group 1: primary keys unique, every foreign key resolves, denormalised keys equal their source. */
import { TABLES } from '../schema/tables.js';
import { type CheckContext, type CheckResult, GROUP, row, zero } from './check.js';

/** Denormalised keys: the fact's copy must equal the parent's. [table, join, condition]. */
const DENORMALISED: readonly [string, string, string][] = [
  ['devices', 'locations p ON c.location_id = p.location_id', 'c.account_id <> p.account_id'],
  [
    'tap_events',
    'devices p ON c.device_id = p.device_id',
    "c.location_id <> p.location_id OR c.account_id <> p.account_id OR p.device_type <> 'tap_controller'",
  ],
  [
    'device_heartbeats',
    'devices p ON c.device_id = p.device_id',
    'c.location_id <> p.location_id OR c.account_id <> p.account_id',
  ],
  [
    'device_maintenance',
    'devices p ON c.device_id = p.device_id',
    'c.location_id <> p.location_id OR c.account_id <> p.account_id',
  ],
  ['feature_usage', 'users p ON c.user_id = p.user_id', 'c.account_id <> p.account_id'],
  ['page_views', 'users p ON c.user_id = p.user_id', 'c.account_id <> p.account_id'],
  ['feature_usage', 'locations p ON c.location_id = p.location_id', 'c.account_id <> p.account_id'],
];

export async function keyChecks({ con, has }: CheckContext): Promise<CheckResult[]> {
  const checks: CheckResult[] = [];
  for (const t of TABLES.filter((x) => has(x.name))) {
    // One scan per table: duplicates and every foreign key's orphans together.
    const fks = t.foreignKeys.filter((fk) => has(fk.references.split('.')[0]!));
    const joins = fks
      .map((fk, i) => {
        const [parent, key] = fk.references.split('.') as [string, string];
        return `LEFT JOIN (SELECT ${key} AS k FROM ${parent}) p${i} ON c.${fk.column} = p${i}.k`;
      })
      .join(' ');
    const orphans = fks.map(
      (fk, i) => `count(*) FILTER (WHERE c.${fk.column} IS NOT NULL AND p${i}.k IS NULL) AS o${i}`,
    );
    const r = await row(
      con,
      `SELECT count(*) - count(DISTINCT (${t.primaryKey
        .split(',')
        .map((k) => `c.${k.trim()}`)
        .join(', ')})) AS dup${orphans.map((o) => `, ${o}`).join('')}
       FROM ${t.name} c ${joins}`,
    );
    checks.push(zero(GROUP.keys, `${t.name} duplicate keys (${t.primaryKey})`, r.dup!));
    fks.forEach((fk, i) => {
      checks.push(zero(GROUP.keys, `${t.name}.${fk.column} → ${fk.references} orphans`, r[`o${i}`]!));
    });
  }
  for (const [table, join, condition] of DENORMALISED) {
    const parent = join.split(' ')[0]!;
    if (!has(table) || !has(parent)) continue;
    const n = await row(con, `SELECT count(*) AS n FROM ${table} c JOIN ${join} WHERE ${condition}`);
    const what = table === 'tap_events' ? ' (or not from a tap controller)' : '';
    checks.push(zero(GROUP.keys, `${table} keys that disagree with ${parent}${what}`, n.n!));
  }
  return checks;
}
