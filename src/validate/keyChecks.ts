/** Group 1: primary keys unique, every foreign key resolves, denormalised keys equal their source. */
import { TABLES } from '../schema/tables.js';
import { type CheckContext, type CheckResult, GROUP, rowChecks, zero } from './check.js';

/** Denormalised keys: through the foreign key `via`, the parent's `columns` must agree (`P` is the parent). */
const DENORMALISED: readonly {
  table: string;
  via: string;
  columns: readonly string[];
  mismatch: string;
  what?: string;
}[] = [
  { table: 'devices', via: 'location_id', columns: ['account_id'], mismatch: 'c.account_id <> P.account_id' },
  {
    table: 'tap_events',
    via: 'device_id',
    columns: ['location_id', 'account_id', 'device_type'],
    mismatch:
      "c.location_id <> P.location_id OR c.account_id <> P.account_id OR P.device_type <> 'tap_controller'",
    what: ' (or not from a tap controller)',
  },
  {
    table: 'device_heartbeats',
    via: 'device_id',
    columns: ['location_id', 'account_id'],
    mismatch: 'c.location_id <> P.location_id OR c.account_id <> P.account_id',
  },
  {
    table: 'device_maintenance',
    via: 'device_id',
    columns: ['location_id', 'account_id'],
    mismatch: 'c.location_id <> P.location_id OR c.account_id <> P.account_id',
  },
  {
    table: 'feature_usage',
    via: 'user_id',
    columns: ['account_id'],
    mismatch: 'c.account_id <> P.account_id',
  },
  { table: 'page_views', via: 'user_id', columns: ['account_id'], mismatch: 'c.account_id <> P.account_id' },
  {
    table: 'feature_usage',
    via: 'location_id',
    columns: ['account_id'],
    mismatch: 'c.account_id <> P.account_id',
  },
];

/** One scan per table: duplicate keys, every foreign key's orphans and every denormalised key together. */
export async function keyChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { has } = ctx;
  const checks: CheckResult[] = [];
  for (const t of TABLES.filter((x) => has(x.name))) {
    const fks = t.foreignKeys.filter((fk) => has(fk.references.split('.')[0]!));
    const denormalised = DENORMALISED.filter(
      (d) => d.table === t.name && fks.some((fk) => fk.column === d.via),
    );
    const joins = fks.map((fk, i) => {
      const [parent, key] = fk.references.split('.') as [string, string];
      const extra = [...new Set(denormalised.filter((d) => d.via === fk.column).flatMap((d) => d.columns))];
      return `LEFT JOIN (SELECT ${[`${key} AS k`, ...extra].join(', ')} FROM ${parent}) p${i} ON c.${fk.column} = p${i}.k`;
    });
    const measures = [
      `count(*) - count(DISTINCT (${t.primaryKey
        .split(',')
        .map((k) => `c.${k.trim()}`)
        .join(', ')})) AS dup`,
      ...fks.map(
        (fk, i) => `count(*) FILTER (WHERE c.${fk.column} IS NOT NULL AND p${i}.k IS NULL) AS o${i}`,
      ),
      ...denormalised.map((d, j) => {
        const p = `p${fks.findIndex((fk) => fk.column === d.via)}`;
        return `count(*) FILTER (WHERE ${p}.k IS NOT NULL AND (${d.mismatch.replaceAll('P.', `${p}.`)})) AS d${j}`;
      }),
    ];
    checks.push(
      ...(await rowChecks(ctx, `SELECT ${measures.join(', ')} FROM ${t.name} c ${joins.join(' ')}`, (r) => [
        zero(GROUP.keys, `${t.name} duplicate keys (${t.primaryKey})`, r.dup!),
        ...fks.map((fk, i) =>
          zero(GROUP.keys, `${t.name}.${fk.column} → ${fk.references} orphans`, r[`o${i}`]!),
        ),
        ...denormalised.map((d, j) => {
          const parent = fks.find((fk) => fk.column === d.via)!.references.split('.')[0];
          return zero(GROUP.keys, `${t.name} keys that disagree with ${parent}${d.what ?? ''}`, r[`d${j}`]!);
        }),
      ])),
    );
  }
  return checks;
}
