/**
 * Subscriptions follow the installed fleet over time (issue 13, item 5): billing starts with the
 * first device, and at every month-end (and now) each active account pays exactly the plan that the
 * devices installed (and not removed) by then buy, so an MRR history charted from the subscriptions is the one the
 * devices imply.
 */
import {
  type CheckContext,
  type CheckResult,
  GROUP,
  rowChecks,
  within,
  zero,
} from '../../../validate/check.js';
import { type TapflowExpected, tapflowExpected } from '../plan/expected.js';

/** SQL for the price a device count buys, from the manifest's plan table. */
export function priceSql(expected: TapflowExpected, count: string): string {
  const plans = [...expected.plans].sort((a, b) => b.min_devices - a.min_devices);
  return `CASE ${plans.map((p) => `WHEN ${count} >= ${p.min_devices} THEN ${p.price}`).join(' ')} END`;
}

export async function billingChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { has, manifest } = ctx;
  if (!has('subscriptions') || !has('devices') || !has('accounts')) return [];
  const g = GROUP.business;
  const expected = tapflowExpected(manifest);
  const { start_us, end_us } = expected.time;
  // Month-ends: the first instant of each month of the history, and now. A subscription is billed at
  // t if it started before t and had not ended before t; devices count if installed before t.
  const sql = `
    WITH t AS (
      SELECT r AS t FROM range(date_trunc('month', make_timestamptz(${start_us})) + INTERVAL 1 MONTH,
                               make_timestamptz(${end_us}), INTERVAL 1 MONTH) x(r)
      UNION ALL SELECT make_timestamptz(${end_us})),
    changes AS (SELECT account_id, installed_at AS ts, 1 AS delta FROM devices
                UNION ALL SELECT account_id, removed_at, -1 FROM devices WHERE removed_at IS NOT NULL),
    fleet AS (SELECT account_id, ts AS installed_at, sum(sum(delta)) OVER (PARTITION BY account_id ORDER BY ts) AS n
              FROM changes GROUP BY account_id, ts),
    grid AS (SELECT t.t, a.account_id FROM t, accounts a WHERE a.churned_at IS NULL OR a.churned_at >= t.t),
    installed AS (SELECT g.t, g.account_id, f.n FROM grid g ASOF JOIN fleet f ON g.account_id = f.account_id AND g.t > f.installed_at),
    billed AS (SELECT t.t, s.account_id, sum(s.mrr)::DOUBLE AS mrr, count(*) AS subs
               FROM t JOIN subscriptions s ON s.started_at < t.t AND (s.ended_at IS NULL OR s.ended_at >= t.t) GROUP BY ALL),
    j AS (SELECT coalesce(i.t, b.t) AS t, coalesce(${priceSql(expected, 'i.n')}, 0)::DOUBLE AS price,
                 coalesce(b.mrr, 0) AS mrr, coalesce(b.subs, 0) AS subs, i.n IS NOT NULL AS live
          FROM installed i FULL JOIN billed b USING (t, account_id)),
    months AS (SELECT t, sum(mrr) / nullif(sum(price), 0) AS ratio FROM j GROUP BY t)
    SELECT
      (SELECT count(*) FROM j WHERE price <> mrr) AS mispriced,
      (SELECT count(*) FROM j WHERE live AND subs <> 1) AS not_one,
      (SELECT coalesce(min(ratio), 1) FROM months) AS worst_low,
      (SELECT coalesce(max(ratio), 1) FROM months) AS worst_high,
      (SELECT count(*) FROM subscriptions s WHERE s.started_at < (SELECT min(installed_at) FROM devices d WHERE d.account_id = s.account_id)) AS before_devices`;
  return rowChecks(ctx, sql, (r) => [
    zero(g, 'account month-ends billed other than the devices installed by then imply', r.mispriced!),
    zero(g, 'account month-ends with installed devices and not exactly one active subscription', r.not_one!),
    within(g, 'MRR over device-count pricing, lowest month-end', r.worst_low!, 0.95, 1.05),
    within(g, 'MRR over device-count pricing, highest month-end', r.worst_high!, 0.95, 1.05),
    zero(g, 'subscriptions starting before the account’s first device', r.before_devices!),
  ]);
}
