/** Group 3: every ordering rule of SPEC.md "Time" and of the fact tables, and partitions = UTC days or months. */
import { partitionColumn } from '../schema/partitioning.js';
import { TABLES } from '../schema/tables.js';
import { type CheckContext, type CheckResult, GROUP, rowChecks, zero } from './check.js';

/** Rules checked in one scan of `from` (`c` is the table itself): [check name, violation condition]. */
interface RuleScan {
  readonly table: string;
  readonly needs: readonly string[];
  readonly from: string;
  readonly rules: readonly (readonly [string, string])[];
}

const SCANS: readonly RuleScan[] = [
  {
    table: 'locations',
    needs: ['accounts'],
    from: 'locations c JOIN accounts a USING (account_id)',
    rules: [['locations opened before their account was created', 'c.opened_at < a.created_at']],
  },
  {
    table: 'devices',
    needs: ['locations'],
    from: 'devices c JOIN locations l USING (location_id)',
    rules: [
      ['devices installed before their location opened', 'c.installed_at < l.opened_at'],
      ['devices last seen before installation', 'c.last_seen_at < c.installed_at'],
    ],
  },
  {
    table: 'users',
    needs: ['accounts'],
    from: 'users c JOIN accounts a USING (account_id)',
    rules: [
      ['users created before their account', 'c.created_at < a.created_at'],
      ['users whose last login precedes their creation', 'c.last_login_at < c.created_at'],
    ],
  },
  {
    table: 'accounts',
    needs: [],
    from: 'accounts c',
    rules: [
      [
        'churned_at null exactly when active, and after creation',
        "(c.status = 'churned') <> (c.churned_at IS NOT NULL) OR c.churned_at < c.created_at",
      ],
    ],
  },
  {
    table: 'subscriptions',
    needs: ['accounts'],
    from: 'subscriptions c JOIN accounts a USING (account_id)',
    rules: [
      [
        'subscriptions starting before their account or ending before they start',
        'c.started_at < a.created_at OR c.ended_at < c.started_at',
      ],
      ['subscriptions with ended_at null unless active', "(c.status = 'active') <> (c.ended_at IS NULL)"],
    ],
  },
  {
    table: 'tap_events',
    needs: ['devices', 'accounts'],
    from: 'tap_events c JOIN devices d USING (device_id) JOIN accounts a ON a.account_id = c.account_id',
    rules: [
      [
        'tap events outside their device’s life (installed_at … last_seen_at)',
        'c.event_ts < d.installed_at OR c.event_ts > d.last_seen_at',
      ],
      ['tap events after their account churned', 'c.event_ts > a.churned_at'],
    ],
  },
  {
    table: 'device_heartbeats',
    needs: ['devices'],
    from: 'device_heartbeats c JOIN devices d USING (device_id)',
    rules: [
      [
        'heartbeats outside their device’s life or off the 5-minute grid',
        'c.heartbeat_ts < d.installed_at OR c.heartbeat_ts > d.last_seen_at OR epoch_us(c.heartbeat_ts) % 300000000 <> 0',
      ],
    ],
  },
  {
    table: 'device_maintenance',
    needs: ['devices'],
    from: 'device_maintenance c JOIN devices d USING (device_id)',
    rules: [
      [
        'maintenance before installation, or resolved before performed',
        'c.performed_at < d.installed_at OR c.resolved_at < c.performed_at',
      ],
    ],
  },
  {
    table: 'feature_usage',
    needs: ['users', 'accounts'],
    from: 'feature_usage c JOIN users u USING (user_id) JOIN accounts a ON a.account_id = c.account_id',
    rules: [
      [
        'feature use before the user existed or by a user who never logged in',
        'c.used_at < u.created_at OR u.last_login_at IS NULL',
      ],
      ['feature use after the account churned', 'c.used_at > a.churned_at'],
    ],
  },
  {
    table: 'page_views',
    needs: ['users', 'accounts'],
    from: 'page_views c JOIN users u USING (user_id) JOIN accounts a ON a.account_id = c.account_id',
    rules: [
      [
        'page views before the user existed or by a user who never logged in',
        'c.viewed_at < u.created_at OR u.last_login_at IS NULL',
      ],
      ['page views after the account churned', 'c.viewed_at > a.churned_at'],
    ],
  },
];

const SESSIONS = `SELECT count(*) FROM (
    SELECT session_id, count(DISTINCT user_id) AS users,
           count(*) FILTER (WHERE prev_seq >= session_seq OR prev_at > viewed_at) AS disorder
    FROM (SELECT session_id, user_id, session_seq, viewed_at,
                 lag(session_seq) OVER w AS prev_seq, lag(viewed_at) OVER w AS prev_at
          FROM page_views WINDOW w AS (PARTITION BY session_id ORDER BY session_seq))
    GROUP BY session_id) WHERE users > 1 OR disorder > 0`;

export async function timeChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { manifest, has } = ctx;
  const checks: CheckResult[] = [];
  const { start_us, end_us } = manifest.expected.time;
  for (const t of TABLES.filter((x) => has(x.name))) {
    // One scan per table: its partition and time-range checks (facts) with its ordering rules.
    const scan = SCANS.find((s) => s.table === t.name && s.needs.every(has));
    const named: [string, string][] = [];
    if (t.partition) {
      const { source } = t.partition;
      const by = manifest.partition_by === 'month' ? 'month' : 'day';
      const column = partitionColumn(t.name, by);
      // Day numbers by integer arithmetic: exact for UTC, and far cheaper than a time-zone-aware cast.
      const dayNumber = `epoch_us(c.${source}) // 86400000000`;
      named.push([
        `${t.name} rows outside their ${column} partition (UTC)`,
        by === 'day'
          ? `c.${column} - DATE '1970-01-01' <> ${dayNumber}`
          : `c.${column} <> strftime(DATE '1970-01-01' + (${dayNumber})::INTEGER, '%Y-%m')`,
      ]);
      named.push([
        `${t.name} rows outside the business time range`,
        `epoch_us(c.${source}) < ${start_us} OR epoch_us(c.${source}) >= ${end_us}`,
      ]);
    }
    named.push(...(scan?.rules ?? []).map(([n, c]) => [n, c] as [string, string]));
    if (!named.length) continue;
    checks.push(
      ...(await rowChecks(
        ctx,
        `SELECT ${named.map(([, cond], i) => `count(*) FILTER (WHERE ${cond}) AS v${i}`).join(', ')} FROM ${scan?.from ?? `${t.name} c`}`,
        (r) => named.map(([name], i) => zero(GROUP.time, name, r[`v${i}`]!)),
      )),
    );
  }
  if (has('page_views'))
    checks.push(
      ...(await rowChecks(ctx, `SELECT (${SESSIONS}) AS n`, (r) => [
        zero(GROUP.time, 'sessions with more than one user, or views out of order', r.n!),
      ])),
    );
  return checks;
}
