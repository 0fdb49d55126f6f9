/** Group 5: shares and ratios against the manifest's expected values, each with a stated tolerance. */

import {
  answered,
  type CheckContext,
  type CheckResult,
  GROUP,
  MIN_SHARE_SCALE,
  near,
  rowChecks,
  skipped,
} from '../../../validate/check.js';
import { PEAK_HOURS, tapflowExpected } from '../plan/expected.js';
import { REGION_NAMES, TIERS } from '../vocabulary.js';
import { tapHours } from './tapHours.js';

async function shareChecks(
  ctx: CheckContext,
  table: string,
  column: string,
  expected: Readonly<Record<string, number>>,
  tolerance: number,
): Promise<CheckResult[]> {
  return answered(
    ctx,
    async () => {
      const rows = (
        await ctx.con.runAndReadAll(
          `SELECT ${column} AS k, count(*) / sum(count(*)) OVER () AS share FROM ${table} GROUP BY 1`,
        )
      ).getRowObjectsJson();
      return new Map(rows.map((r) => [String(r.k), Number(r.share)]));
    },
    (measured) =>
      Object.entries(expected).map(([k, share]) =>
        near(GROUP.distributions, `${table}.${column} = ${k}`, measured.get(k) ?? 0, share, tolerance),
      ),
    new Map<string, number>(),
  );
}

export async function distributionChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { manifest, has } = ctx;
  const g = GROUP.distributions;
  const m = tapflowExpected(manifest).metrics;
  if (manifest.scale < MIN_SHARE_SCALE) {
    return [
      skipped(
        g,
        'shares and ratios',
        `scale ≥ ${MIN_SHARE_SCALE}x`,
        `samples too small at ${manifest.scale}x`,
      ),
    ];
  }
  const checks: CheckResult[] = [];
  const measure = async (
    sql: string | (() => Promise<string>),
    judge: (r: Record<string, number>) => CheckResult[],
  ) => {
    checks.push(...(await rowChecks(ctx, sql, judge)));
  };
  if (has('accounts')) {
    checks.push(
      ...(await shareChecks(
        ctx,
        'accounts',
        'tier',
        Object.fromEntries(TIERS.map((t) => [t, m.tier_shares[t]!])),
        0.02,
      )),
    );
    await measure('SELECT avg(health_score) AS mean FROM accounts', (h) => [
      near(g, 'accounts.health_score mean', h.mean!, m.health_score_mean, 0.03),
    ]);
  }
  if (has('devices')) {
    checks.push(...(await shareChecks(ctx, 'devices', 'device_type', m.device_type_shares, 0.02)));
    await measure(
      `SELECT avg((status = 'online')::INT) AS online, avg((status = 'maintenance')::INT) AS maint FROM devices`,
      (d) => [
        near(g, 'devices.status = online', d.online!, m.devices_online_share, 0.02),
        near(g, 'devices.status = maintenance', d.maint!, m.devices_maintenance_share, 0.015),
      ],
    );
  }
  if (has('users')) checks.push(...(await shareChecks(ctx, 'users', 'role', m.role_shares, 0.03)));
  if (has('locations')) {
    checks.push(
      ...(await shareChecks(
        ctx,
        'locations',
        'region',
        Object.fromEntries(REGION_NAMES.map((r) => [r, m.region_shares[r]!])),
        0.04,
      )),
    );
  }
  if (has('tap_events') && has('locations')) {
    // Local time of each pour from its location's IANA zone, per (zone, UTC hour): see tapHours.ts.
    // Only the business time range's hours count, as the grid of local hours used to.
    const { start_us, end_us } = tapflowExpected(manifest).time;
    const first = Math.floor(start_us / 3_600_000_000);
    const hours = Math.ceil((end_us - start_us) / 3_600_000_000);
    await measure(
      async () =>
        `SELECT sum(n) FILTER (WHERE hour(lt) IN (${PEAK_HOURS.join(', ')})) / sum(n) AS peak,
                (sum(n) FILTER (WHERE isodow(lt) >= 6) / 2.0) / (sum(n) FILTER (WHERE isodow(lt) <= 5) / 5.0) AS weekend,
                sum(anomalies) / sum(n) AS anomaly
         FROM ${await tapHours(ctx)} WHERE utc_hour >= ${first} AND utc_hour < ${first + hours}`,
      (t) => [
        near(g, 'share of pours in local peak hours (11–14 h, 18–23 h)', t.peak!, m.peak_hour_share, 0.03),
        near(
          g,
          'weekend / weekday pours per day (local)',
          t.weekend!,
          m.weekend_weekday_ratio,
          0.1 * m.weekend_weekday_ratio,
        ),
        near(g, 'share of anomalous pours', t.anomaly!, m.anomaly_share, 0.005),
      ],
    );
  }
  if (has('tap_events') && has('devices')) {
    // Pours per pouring tap controller-day, summer (Jun–Aug) over winter (Dec–Feb): growth cancels out.
    await measure(
      `WITH deltas AS (
         SELECT CAST(installed_at AS DATE) + 1 AS day, 1 AS delta FROM devices WHERE device_type = 'tap_controller'
         UNION ALL
         SELECT CAST(last_seen_at AS DATE) + (status = 'online')::INT AS day, -1 FROM devices WHERE device_type = 'tap_controller'),
       changes AS (SELECT day, sum(sum(delta)) OVER (ORDER BY day) AS base FROM deltas GROUP BY day),
       pours AS (SELECT DATE '1970-01-01' + (epoch_us(event_ts) // 86400000000)::INTEGER AS day, count(*) AS n FROM tap_events GROUP BY 1),
       daily AS (SELECT p.day, p.n, c.base FROM pours p ASOF JOIN changes c ON p.day >= c.day)
       SELECT (sum(n) FILTER (WHERE month(day) IN (6, 7, 8)) / sum(base) FILTER (WHERE month(day) IN (6, 7, 8)))
            / (sum(n) FILTER (WHERE month(day) IN (12, 1, 2)) / sum(base) FILTER (WHERE month(day) IN (12, 1, 2))) AS ratio
       FROM daily`,
      (s) => [
        near(
          g,
          'summer / winter pours per tap controller-day',
          s.ratio!,
          m.summer_winter_ratio,
          0.15 * m.summer_winter_ratio,
        ),
      ],
    );
  }
  return checks;
}
