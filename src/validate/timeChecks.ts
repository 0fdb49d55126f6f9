/** Group 3: every ordering rule of SPEC.md "Time" and of the fact tables, and partitions = UTC dates. */
import { TABLES } from '../schema/tables.js';
import { type CheckContext, type CheckResult, GROUP, row, zero } from './check.js';

/** [needs, name, SQL counting violations]. */
const RULES: readonly [readonly string[], string, string][] = [
  [
    ['locations', 'accounts'],
    'locations opened before their account was created',
    'SELECT count(*) FROM locations l JOIN accounts a USING (account_id) WHERE l.opened_at < a.created_at',
  ],
  [
    ['devices', 'locations'],
    'devices installed before their location opened',
    'SELECT count(*) FROM devices d JOIN locations l USING (location_id) WHERE d.installed_at < l.opened_at',
  ],
  [
    ['devices'],
    'devices last seen before installation',
    'SELECT count(*) FROM devices WHERE last_seen_at < installed_at',
  ],
  [
    ['users', 'accounts'],
    'users created before their account',
    'SELECT count(*) FROM users u JOIN accounts a USING (account_id) WHERE u.created_at < a.created_at',
  ],
  [
    ['users'],
    'users whose last login precedes their creation',
    'SELECT count(*) FROM users WHERE last_login_at < created_at',
  ],
  [
    ['accounts'],
    'churned_at null exactly when active, and after creation',
    "SELECT count(*) FROM accounts WHERE (status = 'churned') <> (churned_at IS NOT NULL) OR churned_at < created_at",
  ],
  [
    ['subscriptions', 'accounts'],
    'subscriptions starting before their account or ending before they start',
    'SELECT count(*) FROM subscriptions s JOIN accounts a USING (account_id) WHERE s.started_at < a.created_at OR s.ended_at < s.started_at',
  ],
  [
    ['subscriptions'],
    'subscriptions with ended_at null unless active',
    "SELECT count(*) FROM subscriptions WHERE (status = 'active') <> (ended_at IS NULL)",
  ],
  [
    ['tap_events', 'devices'],
    'tap events outside their device’s life (installed_at … last_seen_at)',
    'SELECT count(*) FROM tap_events e JOIN devices d USING (device_id) WHERE e.event_ts < d.installed_at OR e.event_ts > d.last_seen_at',
  ],
  [
    ['tap_events', 'accounts'],
    'tap events after their account churned',
    'SELECT count(*) FROM tap_events e JOIN accounts a USING (account_id) WHERE e.event_ts > a.churned_at',
  ],
  [
    ['device_heartbeats', 'devices'],
    'heartbeats outside their device’s life or off the 5-minute grid',
    'SELECT count(*) FROM device_heartbeats h JOIN devices d USING (device_id) WHERE h.heartbeat_ts < d.installed_at OR h.heartbeat_ts > d.last_seen_at OR epoch_us(h.heartbeat_ts) % 300000000 <> 0',
  ],
  [
    ['device_maintenance', 'devices'],
    'maintenance before installation, or resolved before performed',
    'SELECT count(*) FROM device_maintenance m JOIN devices d USING (device_id) WHERE m.performed_at < d.installed_at OR m.resolved_at < m.performed_at',
  ],
  [
    ['feature_usage', 'users'],
    'feature use before the user existed or by a user who never logged in',
    'SELECT count(*) FROM feature_usage f JOIN users u USING (user_id) WHERE f.used_at < u.created_at OR u.last_login_at IS NULL',
  ],
  [
    ['feature_usage', 'accounts'],
    'feature use after the account churned',
    'SELECT count(*) FROM feature_usage f JOIN accounts a USING (account_id) WHERE f.used_at > a.churned_at',
  ],
  [
    ['page_views', 'users'],
    'page views before the user existed or by a user who never logged in',
    'SELECT count(*) FROM page_views p JOIN users u USING (user_id) WHERE p.viewed_at < u.created_at OR u.last_login_at IS NULL',
  ],
  [
    ['page_views', 'accounts'],
    'page views after the account churned',
    'SELECT count(*) FROM page_views p JOIN accounts a USING (account_id) WHERE p.viewed_at > a.churned_at',
  ],
  [
    ['page_views'],
    'sessions with more than one user, or views out of order',
    `SELECT count(*) FROM (
      SELECT session_id, count(DISTINCT user_id) AS users,
             count(*) FILTER (WHERE prev_seq >= session_seq OR prev_at > viewed_at) AS disorder
      FROM (SELECT session_id, user_id, session_seq, viewed_at,
                   lag(session_seq) OVER w AS prev_seq, lag(viewed_at) OVER w AS prev_at
            FROM page_views WINDOW w AS (PARTITION BY session_id ORDER BY session_seq))
      GROUP BY session_id) WHERE users > 1 OR disorder > 0`,
  ],
];

export async function timeChecks({ con, manifest, has }: CheckContext): Promise<CheckResult[]> {
  const checks: CheckResult[] = [];
  const { start_us, end_us } = manifest.expected.time;
  for (const t of TABLES.filter((x) => has(x.name) && x.partition)) {
    const { column, source } = t.partition!;
    const r = await row(
      con,
      // Day numbers by integer arithmetic: exact for UTC, and far cheaper than a time-zone-aware cast.
      `SELECT count(*) FILTER (WHERE ${column} - DATE '1970-01-01' <> epoch_us(${source}) // 86400000000) AS off,
              count(*) FILTER (WHERE epoch_us(${source}) < ${start_us} OR epoch_us(${source}) >= ${end_us}) AS outside
       FROM ${t.name}`,
    );
    checks.push(zero(GROUP.time, `${t.name} rows outside their ${column} partition (UTC)`, r.off!));
    checks.push(zero(GROUP.time, `${t.name} rows outside the business time range`, r.outside!));
  }
  for (const [needs, name, sql] of RULES) {
    if (needs.every(has)) checks.push(zero(GROUP.time, name, (await row(con, `SELECT (${sql}) AS n`)).n!));
  }
  return checks;
}
