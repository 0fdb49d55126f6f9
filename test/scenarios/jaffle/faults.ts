/**
 * Planted faults covering every check of the jaffle pack (contract rules 1–5, the shop's rhythm and
 * the row rules): the tables a fault breaks, each as a query over its clean rows (`clean_<table>`),
 * and the checks that must then fail. A value a fault needs is picked from the clean data first.
 */
import type { Planted } from './planted.js';
import { when } from './planted.js';

export interface Fault {
  readonly checks: readonly string[];
  readonly plant: (p: Planted) => Promise<Record<string, string>> | Record<string, string>;
}

/** The same query over both session tables (`$t` is the table). */
const bothSessions = (sql: string) =>
  Object.fromEntries(
    ['website_sessions', 'app_sessions'].map((t) => [t, sql.replaceAll('$t', `clean_${t}`)]),
  );
const firstOrderUser = (p: Planted) => p.pick('SELECT user_id FROM clean_raw_orders ORDER BY id LIMIT 1');
const newest = (p: Planted) => p.pick('SELECT max(id) FROM clean_raw_orders');
const twoPaid = (p: Planted) =>
  p.pick('SELECT order_id FROM clean_raw_payments GROUP BY 1 HAVING count(*) = 2 ORDER BY 1 LIMIT 1');
/** An ad with three days or more, and its second day. */
const longAd = '(SELECT ad_id FROM clean_google_ads GROUP BY 1 HAVING count(*) >= 3 ORDER BY 1 LIMIT 1)';

const one = (table: string, select: string) => ({ [table]: select });

export const FAULTS: readonly Fault[] = [
  // 1. Customers and signups.
  {
    checks: ['customers without a signup'],
    plant: () => one('raw_signups', 'SELECT * FROM clean_raw_signups WHERE id <> 5'),
  },
  {
    checks: ['customers with more than one signup'],
    plant: () =>
      one(
        'raw_signups',
        'SELECT * FROM clean_raw_signups UNION ALL SELECT * REPLACE (id + 1000000 AS id) FROM clean_raw_signups WHERE id = 5',
      ),
  },
  {
    checks: ['signup emails used more than once'],
    plant: () =>
      one(
        'raw_signups',
        when(
          'raw_signups',
          'id = 7',
          'user_email',
          '(SELECT user_email FROM clean_raw_signups WHERE id = 8)',
        ),
      ),
  },
  {
    checks: ['signup emails not built from the customer’s first name'],
    plant: () => one('raw_signups', when('raw_signups', 'id = 9', 'user_email', "'qqq9@gmail.com'")),
  },
  {
    checks: ['customers whose first order is before their signup'],
    plant: async (p) =>
      one(
        'raw_signups',
        when(
          'raw_signups',
          `user_id = ${await firstOrderUser(p)}`,
          'signup_date',
          "TIMESTAMPTZ '2024-06-30 23:00:00+00'",
        ),
      ),
  },
  {
    checks: ['distinct first names (the seed had 79)'],
    plant: () =>
      one('raw_customers', "SELECT * REPLACE ('Name' || (id % 79) AS first_name) FROM clean_raw_customers"),
  },
  {
    checks: ['customers with a blank first name'],
    plant: () => one('raw_customers', when('raw_customers', 'id = 3', 'first_name', "'  '")),
  },
  {
    checks: ['customers whose last name is not an initial like P.'],
    plant: () => one('raw_customers', when('raw_customers', 'id = 3', 'last_name', "'Smith'")),
  },
  {
    checks: ['signups whose hashed_password is not 64 hex characters'],
    plant: () => one('raw_signups', when('raw_signups', 'id = 3', 'hashed_password', "'secret'")),
  },
  {
    checks: ['signups whose email is not a lower-case address'],
    plant: () => one('raw_signups', when('raw_signups', 'id = 3', 'user_email', 'upper(user_email)')),
  },
  // 2. Orders.
  {
    checks: ['orders still placed 48 hours or more after (the longest time to ship)'],
    plant: () => one('raw_orders', when('raw_orders', 'id = 1', 'status', "'placed'")),
  },
  {
    checks: ['orders shipped sooner than shipping takes, or still shipped after the longest delivery'],
    plant: () => one('raw_orders', when('raw_orders', 'id = 1', 'status', "'shipped'")),
  },
  {
    checks: ['orders completed within 6 hours (before shipping and delivery could)'],
    plant: async (p) =>
      one('raw_orders', when('raw_orders', `id = ${await newest(p)}`, 'status', "'completed'")),
  },
  {
    checks: ['orders in a return before they could be completed and the return asked or refunded'],
    plant: async (p) =>
      one('raw_orders', when('raw_orders', `id = ${await newest(p)}`, 'status', "'returned'")),
  },
  {
    checks: ['orders with a status outside placed, shipped, completed, return_pending, returned'],
    plant: () => one('raw_orders', when('raw_orders', 'id = 2', 'status', "'lost'")),
  },
  {
    checks: ['share of completed orders that went to a return'],
    plant: () =>
      one(
        'raw_orders',
        when(
          'raw_orders',
          "status = 'completed' AND order_date < TIMESTAMPTZ '2024-06-25 00:00:00+00'",
          'status',
          "'returned'",
        ),
      ),
  },
  {
    // Every buyer orders about as often: no regulars, nobody once.
    checks: [
      'share of orders placed by the top 20 % of buyers (a month or more)',
      'share of buyers who ordered once (a month or more)',
    ],
    plant: () => one('raw_orders', 'SELECT * REPLACE (1 + id % 400 AS user_id) FROM clean_raw_orders'),
  },
  // 3. Payments.
  {
    checks: ['orders without a payment'],
    plant: () => one('raw_payments', 'SELECT * FROM clean_raw_payments WHERE order_id <> 1'),
  },
  {
    checks: ['orders with more than two payments'],
    plant: () =>
      one(
        'raw_payments',
        'SELECT * FROM clean_raw_payments UNION ALL SELECT * REPLACE (id + 1000000 AS id) FROM clean_raw_payments WHERE order_id = 2 UNION ALL SELECT * REPLACE (id + 2000000 AS id) FROM clean_raw_payments WHERE order_id = 2',
      ),
  },
  {
    checks: ['orders paid twice without a coupon or gift card'],
    plant: async (p) =>
      one(
        'raw_payments',
        when('raw_payments', `order_id = ${await twoPaid(p)}`, 'payment_method', "'credit_card'"),
      ),
  },
  {
    checks: ['orders whose payments do not sum to a menu value ($3–$120)'],
    plant: () => one('raw_payments', when('raw_payments', 'id = 1', 'amount', '100000000')),
  },
  {
    checks: ['payments that are not a positive number of whole dollars (in cents)'],
    plant: () => one('raw_payments', when('raw_payments', 'id = 1', 'amount', 'amount + 1')),
  },
  {
    checks: ['share of payments by credit_card', 'share of payments by bank_transfer'],
    plant: () =>
      one(
        'raw_payments',
        when('raw_payments', "payment_method = 'bank_transfer'", 'payment_method', "'credit_card'"),
      ),
  },
  {
    checks: ['share of payments by coupon', 'share of payments by gift_card'],
    plant: () =>
      one('raw_payments', when('raw_payments', "payment_method = 'gift_card'", 'payment_method', "'coupon'")),
  },
  {
    checks: ['raw_payments keys that disagree with raw_orders (order_date)'],
    plant: () =>
      one('raw_payments', when('raw_payments', 'id = 4', 'order_date', 'order_date + INTERVAL 1 SECOND')),
  },
  // 4. Sessions and attribution.
  {
    checks: [
      'orders without a visit of their customer 1–24 hours before',
      'ordering customers with no visit before their first order',
    ],
    plant: async (p) => bothSessions(`SELECT * FROM $t WHERE customer_id <> ${await firstOrderUser(p)}`),
  },
  {
    checks: ['orders with a visit 1–24 h before on their own day ≥ those converting so (plan)'],
    plant: () => bothSessions('SELECT * REPLACE (started_at - INTERVAL 23 HOUR AS started_at) FROM $t'),
  },
  {
    checks: ['orders with a visit 1–24 h before on the day before ≥ those converting so (plan)'],
    plant: () =>
      bothSessions(
        'SELECT * REPLACE (CASE WHEN hour(started_at) >= 12 THEN started_at + INTERVAL 11 HOUR ELSE started_at END AS started_at) FROM $t',
      ),
  },
  {
    checks: [
      'sessions whose utm_source is not of their channel (website: google, facebook; app: facebook, instagram)',
    ],
    plant: () =>
      one('website_sessions', when('website_sessions', "utm_source = 'google'", 'utm_source', "'instagram'")),
  },
  {
    checks: ['sessions naming an ad that was not running that day'],
    plant: () => one('app_sessions', when('app_sessions', "utm_source = 'facebook'", 'ad_id', "'f999999'")),
  },
  {
    checks: ['sessions before their customer signed up'],
    plant: () =>
      one(
        'website_sessions',
        when(
          'website_sessions',
          "session_id = 'w1'",
          'customer_id',
          '(SELECT max(id) FROM clean_raw_customers)',
        ),
      ),
  },
  {
    checks: ['sessions that end before they start or last over 2 hours'],
    plant: () =>
      one(
        'app_sessions',
        when('app_sessions', "session_id = 'a1'", 'ended_at', 'ended_at + INTERVAL 3 HOUR'),
      ),
  },
  {
    checks: ['sessions whose ad_id does not belong to their utm_source (or one without the other)'],
    plant: () => one('website_sessions', when('website_sessions', "utm_source = 'google'", 'ad_id', "'f1'")),
  },
  ...[
    ['website_sessions', 'w'],
    ['app_sessions', 'a'],
  ].map(([t, x]) => ({
    checks: [`${t} ids not ${x}1, ${x}2, …`],
    plant: () => one(t!, when(t!, `session_id = '${x}1'`, 'session_id', "'x1'")),
  })),
  {
    // Each customer visits once, on the website only.
    checks: [
      'visits per visiting customer (two weeks or more)',
      'share of visiting customers on both website and app (two weeks or more)',
    ],
    plant: () => ({
      website_sessions:
        'SELECT * FROM clean_website_sessions QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY started_at) = 1',
      app_sessions: 'SELECT * FROM clean_app_sessions WHERE false',
    }),
  },
  // 5. Ads and the ground truth.
  {
    checks: ['ads whose rows are not one flight (a gap, or two campaigns or media)'],
    plant: () =>
      one(
        'google_ads',
        `SELECT * FROM clean_google_ads WHERE NOT (ad_id = ${longAd} AND date = (SELECT min(date) + 1 FROM clean_google_ads WHERE ad_id = ${longAd}))`,
      ),
  },
  {
    checks: ['ad days with fewer clicks than sessions naming the ad'],
    plant: () => one('facebook_ads', 'SELECT * REPLACE (0 AS clicks) FROM clean_facebook_ads'),
  },
  ...['google', 'facebook', 'instagram'].map((p) => ({
    checks: [
      `${p}_ads rows with fewer than 10 impressions a click`,
      `${p}_ads rows with a cost below one dollar or negative clicks`,
      `${p}_ads ids not ${p[0]}1, ${p[0]}2, …`,
    ],
    plant: () =>
      one(
        `${p}_ads`,
        `SELECT * REPLACE ('x' || ad_id AS ad_id, clicks AS impressions, 0 AS cost) FROM clean_${p}_ads`,
      ),
  })),
  {
    checks: ['ad cost a row, Friday–Saturday over Monday–Thursday'],
    plant: () => one('google_ads', when('google_ads', 'isodow(date) <= 4', 'cost', 'cost * 3')),
  },
  {
    checks: ['each campaign’s spend in the manifest = the cost of its rows'],
    plant: () => one('instagram_ads', 'SELECT * REPLACE (cost + 1 AS cost) FROM clean_instagram_ads'),
  },
  {
    // Spend turned against traffic: the ads with the fewest clicks spend the most.
    checks: ['correlation of campaign spend with its sessions'],
    plant: () =>
      Object.fromEntries(
        ['google_ads', 'facebook_ads', 'instagram_ads'].map((t) => [
          t,
          `SELECT * REPLACE (CAST(1000 / (1 + clicks) AS INTEGER) AS cost) FROM clean_${t}`,
        ]),
      ),
  },
  {
    checks: [
      'campaigns credited (manifest) with more clicked orders than orders after a visit through their ads',
    ],
    plant: () =>
      bothSessions('SELECT * REPLACE (NULL::VARCHAR AS utm_source, NULL::VARCHAR AS ad_id) FROM $t'),
  },
  // The rhythm and the window.
  {
    checks: ['orders, payments, sessions and ad rows outside the window'],
    plant: () =>
      one('raw_orders', when('raw_orders', 'id = 1', 'order_date', 'order_date - INTERVAL 60 DAY')),
  },
  {
    checks: ['share of orders at lunch (11–14 h) and in the evening (17–21 h)'],
    plant: () =>
      one(
        'raw_orders',
        'SELECT * REPLACE (order_date + INTERVAL 3 HOUR AS order_date) FROM clean_raw_orders',
      ),
  },
  {
    checks: ['orders a day, Friday–Saturday over Monday–Thursday (two weeks or more)'],
    plant: () =>
      one(
        'raw_orders',
        'SELECT * FROM clean_raw_orders WHERE isodow(order_date) NOT IN (5, 6) OR id % 2 = 0',
      ),
  },
];
