/**
 * Times fit their windows (issue 13, item 1): no pile of rows on one instant (what clamping onto a
 * window's bound produces), no child placed exactly on its parent's bound, and no heartbeat reporting
 * an uptime longer than the device has existed.
 */
import {
  type CheckContext,
  type CheckResult,
  GROUP,
  result,
  rowChecks,
  zero,
} from '../../../validate/check.js';

/** Timestamps that are drawn per row: a pile of equal values can only come from clamping. */
const DRAWN_TIMES: readonly (readonly [string, string])[] = [
  ['accounts', 'created_at'],
  ['locations', 'opened_at'],
  ['devices', 'installed_at'],
  ['users', 'created_at'],
];

/**
 * Random second-resolution times collide by chance (at 100x, a few triples among 2.5M installs over
 * five years); a clamp piles hundreds or thousands. So a pile may hold at most 3 rows, or 1 in 10,000.
 */
export function pileLimit(rows: number): number {
  return Math.max(3, Math.ceil(rows / 10_000));
}

export async function windowChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { has } = ctx;
  const g = GROUP.time;
  const checks: CheckResult[] = [];
  for (const [table, column] of DRAWN_TIMES) {
    if (!has(table)) continue;
    checks.push(
      ...(await rowChecks(
        ctx,
        `SELECT coalesce(max(n), 0) AS pile, (SELECT count(*) FROM ${table}) AS rows
         FROM (SELECT count(*) AS n FROM ${table} GROUP BY ${column})`,
        (r) => [
          result(
            g,
            `most ${table} sharing one ${column} (a pile on one instant)`,
            `≤ ${Number.isNaN(r.rows!) ? 3 : pileLimit(r.rows!)}`,
            String(r.pile),
            r.pile! <= pileLimit(r.rows!),
          ),
        ],
      )),
    );
  }
  if (has('devices') && has('locations') && has('accounts') && has('users')) {
    checks.push(
      ...(await rowChecks(
        ctx,
        `SELECT
           (SELECT count(*) FROM devices d JOIN locations l USING (location_id) WHERE d.installed_at = l.opened_at)
         + (SELECT count(*) FROM locations l JOIN accounts a USING (account_id) WHERE l.opened_at = a.created_at OR l.opened_at = a.churned_at)
         + (SELECT count(*) FROM users WHERE last_login_at = created_at) AS n`,
        (r) => [
          zero(
            g,
            'times exactly on their window’s bound (installed at opening, opened at creation, last login at creation)',
            r.n!,
          ),
        ],
      )),
    );
  }
  if (has('device_heartbeats') && has('devices')) {
    checks.push(
      ...(await rowChecks(
        ctx,
        `SELECT count(*) AS n FROM device_heartbeats h JOIN devices d USING (device_id)
         WHERE h.uptime_s > (epoch_us(h.heartbeat_ts) - epoch_us(d.installed_at)) // 1000000`,
        (r) => [zero(g, 'heartbeats reporting an uptime longer than the device’s age', r.n!)],
      )),
    );
  }
  return checks;
}
