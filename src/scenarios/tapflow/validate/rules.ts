/** TapFlow's consistency rules: denormalised keys, every "after its parent" rule of SPEC.md "Time", sessions in order. */
import type { PackChecks } from '../../../scenario/scenarioPack.js';
import { type CheckContext, type CheckResult, GROUP, rowChecks, zero } from '../../../validate/check.js';

export const DENORMALISED: PackChecks['denormalised'] = [
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

export const ORDERING: PackChecks['ordering'] = [
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
        'maintenance before installation, reported after performed, or resolved before performed',
        'c.reported_at < d.installed_at OR c.performed_at < c.reported_at OR c.resolved_at < c.performed_at',
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

/** page_views: one user per session, views in order. */
export async function sessionChecks(ctx: CheckContext): Promise<CheckResult[]> {
  if (!ctx.has('page_views')) return [];
  return rowChecks(ctx, `SELECT (${SESSIONS}) AS n`, (r) => [
    zero(GROUP.time, 'sessions with more than one user, or views out of order', r.n!),
  ]);
}
