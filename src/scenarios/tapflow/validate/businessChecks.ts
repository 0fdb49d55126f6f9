/** Group 4: the seed documents' business rules, with their thresholds, over the files. */
import {
  type CheckContext,
  type CheckResult,
  GROUP,
  rowChecks,
  shareWithin,
  zero,
} from '../../../validate/check.js';
import { type TapflowExpected, tapflowExpected } from '../plan/expected.js';

/** SQL for the plan a device count buys, and that plan's price, from the manifest's plan table. */
function planSql(expected: TapflowExpected, count: string): { plan: string; price: string } {
  const plans = [...expected.plans].sort((a, b) => b.min_devices - a.min_devices);
  const pick = (value: (p: (typeof plans)[number]) => string) =>
    `CASE ${plans.map((p) => `WHEN ${count} >= ${p.min_devices} THEN ${value(p)}`).join(' ')} END`;
  return { plan: pick((p) => `'${p.name.replaceAll("'", "''")}'`), price: pick((p) => String(p.price)) };
}

export async function businessChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { manifest, has } = ctx;
  const checks: CheckResult[] = [];
  const measure = async (sql: string, judge: (r: Record<string, number>) => CheckResult[]) => {
    checks.push(...(await rowChecks(ctx, sql, judge)));
  };
  const g = GROUP.business;
  const within = (name: string, value: number, lo: number, hi: number) =>
    shareWithin(manifest.scale, g, name, value, lo, hi);
  const expected = tapflowExpected(manifest);
  const { end_us, heartbeat_days } = expected.time;
  if (has('devices')) {
    await measure(`SELECT avg((status = 'maintenance')::INT) AS maintenance FROM devices`, (d) => [
      within('share of devices in maintenance', d.maintenance!, 0.05, 0.1),
    ]);
  }
  if (has('device_heartbeats') && has('devices')) {
    const windowStart = end_us - heartbeat_days * 86_400_000_000;
    const businessTick = end_us - 6 * 3_600_000_000; // 18:00 UTC: 14:00 in New York, 11:00 in Los Angeles
    await measure(
      `SELECT
         (SELECT count(*) FROM device_heartbeats h JOIN devices d USING (device_id) WHERE d.installed_at <= make_timestamptz(${windowStart}))::DOUBLE
           / nullif((SELECT count(*) FROM devices WHERE installed_at <= make_timestamptz(${windowStart})) * ${heartbeat_days * 288}, 0) AS uptime,
         (SELECT count(DISTINCT device_id) FROM device_heartbeats WHERE heartbeat_ts = make_timestamptz(${businessTick}))::DOUBLE
           / nullif((SELECT count(*) FROM devices WHERE installed_at <= make_timestamptz(${businessTick})), 0) AS business_online`,
      (h) => [
        within('device uptime over the heartbeat window (beats received / expected)', h.uptime!, 0.75, 1),
        within(
          'devices online in business hours (reporting at 18:00 UTC on the last day)',
          h.business_online!,
          0.8,
          0.9,
        ),
      ],
    );
    await measure(
      `SELECT count(*) FILTER (WHERE h.last_beat <> d.last_seen_at) AS last_beat_mismatch,
              count(*) FILTER (WHERE d.status = 'online' AND d.installed_at <= make_timestamptz(${windowStart})
                               AND (h.last_beat IS NULL OR h.last_beat <> make_timestamptz(${end_us - 300_000_000}))) AS online_silent
       FROM devices d LEFT JOIN (SELECT device_id, max(heartbeat_ts) AS last_beat FROM device_heartbeats GROUP BY 1) h USING (device_id)`,
      (s) => [
        zero(g, 'devices whose last heartbeat is not their last_seen_at', s.last_beat_mismatch!),
        zero(g, 'online devices not beating at the last tick', s.online_silent!),
      ],
    );
  }
  if (has('locations')) {
    await measure(`SELECT avg((operational_status = 'operational')::INT) AS ok FROM locations`, (l) => [
      within('share of locations fully operational', l.ok!, 0.7, 1),
    ]);
  }
  if (has('locations') && has('devices')) {
    await measure(
      `SELECT count(*) AS n FROM locations l LEFT JOIN (SELECT location_id, count(*) AS c FROM devices GROUP BY 1) d USING (location_id)
       WHERE l.device_count <> coalesce(d.c, 0)`,
      (n) => [zero(g, 'locations whose device_count differs from their devices', n.n!)],
    );
  }
  if (has('devices') && has('accounts')) {
    await measure(
      `SELECT count(*) FILTER (WHERE d.status <> 'offline' OR d.last_seen_at > a.churned_at) AS n
       FROM devices d JOIN accounts a USING (account_id) WHERE a.status = 'churned'`,
      (n) => [zero(g, 'devices of churned accounts still reporting after the churn', n.n!)],
    );
  }
  if (has('tap_events')) {
    await measure(
      'SELECT avg(is_anomaly::INT) AS share, count(*) FILTER (WHERE is_anomaly <> (anomaly_type IS NOT NULL)) AS mismatch FROM tap_events',
      (a) => [
        within('share of anomalous pours', a.share!, 0.02, 0.05),
        zero(g, 'pours whose anomaly_type disagrees with is_anomaly', a.mismatch!),
      ],
    );
  }
  if (has('device_maintenance') && has('devices')) {
    await measure(
      `SELECT
         (SELECT count(*) FROM devices d WHERE d.status = 'maintenance' AND NOT EXISTS
            (SELECT 1 FROM device_maintenance m WHERE m.device_id = d.device_id AND m.resolved_at IS NULL)) AS without_open,
         (SELECT count(*) FROM device_maintenance m JOIN devices d USING (device_id) WHERE m.resolved_at IS NULL AND d.status <> 'maintenance') AS stray_open`,
      (m) => [
        zero(g, 'devices in maintenance without an open work order', m.without_open!),
        zero(g, 'open work orders on devices not in maintenance', m.stray_open!),
      ],
    );
  }
  if (has('subscriptions') && has('accounts') && has('devices')) {
    const byCount = planSql(expected, 'c.devices');
    const own = planSql(expected, 's.device_count');
    await measure(
      `WITH c AS (SELECT account_id, count(*) AS devices FROM devices GROUP BY 1),
            active AS (SELECT * FROM subscriptions WHERE status = 'active')
       SELECT
         (SELECT sum(s.mrr) FROM active s)::DOUBLE / nullif((SELECT sum(${byCount.price}) FROM accounts a JOIN c USING (account_id) WHERE a.status = 'active'), 0) AS mrr_ratio,
         (SELECT count(*) FROM accounts a WHERE (SELECT count(*) FROM active s WHERE s.account_id = a.account_id) <> (a.status = 'active')::INT) AS wrong_active,
         (SELECT count(*) FROM subscriptions s WHERE s.plan <> ${own.plan} OR s.mrr <> ${own.price}) AS mispriced,
         (SELECT count(*) FROM active s JOIN c USING (account_id) WHERE s.plan <> ${byCount.plan}) AS wrong_plan,
         (SELECT count(*) FROM accounts a LEFT JOIN (SELECT account_id, sum(mrr) AS m FROM active GROUP BY 1) s USING (account_id) WHERE a.mrr <> coalesce(s.m, 0)) AS account_mrr`,
      (r) => [
        within('MRR over what device counts imply', r.mrr_ratio!, 0.95, 1.05),
        zero(g, 'accounts without exactly one active subscription (none if churned)', r.wrong_active!),
        zero(g, 'subscriptions priced or planned against their own device_count', r.mispriced!),
        zero(g, 'active subscriptions on the wrong plan for the account’s devices', r.wrong_plan!),
        zero(g, 'accounts whose mrr is not the sum of their active subscriptions', r.account_mrr!),
      ],
    );
  }
  return checks;
}
