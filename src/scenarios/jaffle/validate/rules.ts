/**
 * The jaffle pack's row rules that the engine counts in its own scans: a payment's order_date is its
 * order's; names, emails and password hashes as the contract shapes them; amounts in whole dollars;
 * visits after the visitor's signup, at most two hours long, their utm_source and ad_id together
 * and of one platform; ads' costs, clicks and impressions.
 */

import type { PackChecks, Rule } from '../../../scenario/scenarioPack.js';
import { AD_PREFIX, PLATFORMS } from '../vocabulary.js';

export const DENORMALISED: PackChecks['denormalised'] = [
  {
    table: 'raw_payments',
    via: 'order_id',
    columns: ['order_date'],
    mismatch: 'c.order_date <> P.order_date',
    what: ' (order_date)',
  },
];

/** Visit rules of either session table (joined to the visitor's signup as `su`). */
const visitRules: readonly Rule[] = [
  ['sessions before their customer signed up', 'c.started_at < su.signup_date'],
  [
    'sessions that end before they start or last over 2 hours',
    'c.ended_at < c.started_at OR c.ended_at > c.started_at + INTERVAL 2 HOUR',
  ],
  [
    'sessions whose ad_id does not belong to their utm_source (or one without the other)',
    `(c.utm_source IS NULL) <> (c.ad_id IS NULL) OR ${PLATFORMS.map(
      (p, i) => `(c.utm_source = '${p}' AND NOT regexp_full_match(c.ad_id, '${AD_PREFIX[i]}[1-9][0-9]*'))`,
    ).join(' OR ')}`,
  ],
];

const sessions = (table: string, prefix: string): NonNullable<PackChecks['ordering']>[number] => ({
  table,
  needs: ['raw_signups'],
  from: `${table} c LEFT JOIN raw_signups su ON su.user_id = c.customer_id`,
  rules: [
    ...visitRules,
    [
      `${table} ids not ${prefix}1, ${prefix}2, …`,
      `NOT regexp_full_match(c.session_id, '${prefix}[1-9][0-9]*')`,
    ],
  ],
});

const ads = (p: number): NonNullable<PackChecks['ordering']>[number] => ({
  table: `${PLATFORMS[p]}_ads`,
  needs: [],
  from: `${PLATFORMS[p]}_ads c`,
  rules: [
    [
      `${PLATFORMS[p]}_ads ids not ${AD_PREFIX[p]}1, ${AD_PREFIX[p]}2, …`,
      `NOT regexp_full_match(c.ad_id, '${AD_PREFIX[p]}[1-9][0-9]*')`,
    ],
    [
      `${PLATFORMS[p]}_ads rows with a cost below one dollar or negative clicks`,
      'c.cost < 1 OR c.clicks < 0',
    ],
    [
      `${PLATFORMS[p]}_ads rows with fewer than 10 impressions a click`,
      'c.impressions < 10 * c.clicks OR c.impressions < 1',
    ],
  ],
});

export const ORDERING: PackChecks['ordering'] = [
  {
    table: 'raw_customers',
    needs: [],
    from: 'raw_customers c',
    rules: [
      ['customers with a blank first name', "trim(c.first_name) = ''"],
      [
        'customers whose last name is not an initial like P.',
        "NOT regexp_full_match(c.last_name, '[A-Z]\\.')",
      ],
    ],
  },
  {
    table: 'raw_signups',
    needs: [],
    from: 'raw_signups c',
    rules: [
      [
        'signups whose hashed_password is not 64 hex characters',
        "NOT regexp_full_match(c.hashed_password, '[0-9a-f]{64}')",
      ],
      [
        'signups whose email is not a lower-case address',
        "NOT regexp_full_match(c.user_email, '[a-z0-9._]+@[a-z0-9-]+(\\.[a-z0-9-]+)+')",
      ],
    ],
  },
  {
    table: 'raw_payments',
    needs: [],
    from: 'raw_payments c',
    rules: [
      [
        'payments that are not a positive number of whole dollars (in cents)',
        'c.amount <= 0 OR c.amount % 100 <> 0',
      ],
    ],
  },
  sessions('website_sessions', 'w'),
  sessions('app_sessions', 'a'),
  ...PLATFORMS.map((_, p) => ads(p)),
];
