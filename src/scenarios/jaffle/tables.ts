/**
 * The public schema of the jaffle pack (contract: scenarios/jaffle.md), with the column names of the
 * seed's dbt project (its `utm_campain` included). Added: raw_payments.order_date (the order's time,
 * which its partition is cut by) and the ads' impressions and clicks; session utm_source and ad_id
 * are null for a visit no ad brought. Partition folders are `<x>_day=YYYY-MM-DD` (the seed's
 * timestamp columns keep their `_date` names).
 */

import { withChangeLogs } from '../../schema/changeLog.js';
import { col, enumCol, type TableSpec } from '../../schema/tableSpec.js';
import { CHANNEL_SOURCES, MEDIA, PAYMENT_METHODS, PLATFORMS, STATUSES } from './vocabulary.js';

export const RAW_CUSTOMERS: TableSpec = {
  name: 'raw_customers',
  kind: 'dimension',
  // One file that gains the new days' signups: each append writes it anew (earlier rows unchanged).
  mutable: true,
  description: 'Customers, in signup order (the opening base, then the window’s signups).',
  rowsAt1x: '~2,460 before the window + ~41 a day',
  primaryKey: 'id',
  foreignKeys: [],
  bytesPerRow: 12,
  entity: { name: ['first_name', 'last_name'] },
  columns: [
    col('id', 'int32', 'Primary key, 1..N in signup order.'),
    col('first_name', 'string', 'From a pool of ~3,000 English first names.'),
    col('last_name', 'string', 'An initial and a dot, like P.'),
  ],
};

export const RAW_SIGNUPS: TableSpec = {
  name: 'raw_signups',
  kind: 'fact',
  description: 'One signup per customer, at the start of their first visit.',
  rowsAt1x: 'one per customer (~41 a day; ~2,460 before the window)',
  primaryKey: 'id',
  sequence: { column: 'id', time: 'signup_date' },
  partition: { column: 'signup_day', source: 'signup_date' },
  foreignKeys: [{ column: 'user_id', references: 'raw_customers.id' }],
  bytesPerRow: 110,
  columns: [
    col('id', 'int32', 'Sequence 1..N, ascending with signup_date.'),
    col('user_id', 'int32', 'The customer (equal to id: customers are numbered in signup order).'),
    col('user_email', 'string', 'Unique: the first name, the initial and the id, at a common mail domain.'),
    col('hashed_password', 'string', 'sha256 hex (64 characters) of the seed and the id: never the clock.'),
    col('signup_date', 'timestamp', 'When the account was made (whole seconds, UTC).'),
  ],
};

export const RAW_ORDERS: TableSpec = {
  name: 'raw_orders',
  kind: 'fact',
  mutable: true,
  description: 'Orders, with their status as of the end of the window.',
  rowsAt1x: '~310 a day (organic ~175 × growth × weekday, from ads ~135)',
  primaryKey: 'id',
  sequence: { column: 'id', time: 'order_date' },
  partition: { column: 'order_day', source: 'order_date' },
  foreignKeys: [{ column: 'user_id', references: 'raw_customers.id' }],
  bytesPerRow: 12,
  columns: [
    col('id', 'int64', 'Sequence 1..N, ascending with order_date.'),
    col('user_id', 'int32', 'The customer (signed up before, with a visit 1–24 hours before).'),
    col('order_date', 'timestamp', 'When it was placed (whole seconds, UTC).'),
    enumCol('status', STATUSES, 'Stage reached by the end of the window: follows the order’s age.'),
  ],
};

export const RAW_PAYMENTS: TableSpec = {
  name: 'raw_payments',
  kind: 'fact',
  description: 'One or two payments per order (a coupon or gift card covering part).',
  rowsAt1x: '~1.12 per order',
  primaryKey: 'id',
  sequence: { column: 'id', time: 'order_date' },
  partition: { column: 'order_day', source: 'order_date' },
  foreignKeys: [{ column: 'order_id', references: 'raw_orders.id' }],
  bytesPerRow: 10,
  columns: [
    col('id', 'int64', 'Sequence 1..N: each order’s payments in turn, in order id order.'),
    col('order_id', 'int64', 'The order.'),
    enumCol(
      'payment_method',
      PAYMENT_METHODS,
      'credit_card ~50 %, bank_transfer ~30 %, coupon ~10 %, gift_card ~10 %.',
    ),
    col('amount', 'int32', 'Cents, whole dollars; an order’s payments sum to its menu value.'),
    col('order_date', 'timestamp', 'The order’s order_date (added: the partition is the order’s day).'),
  ],
};

function sessions(name: string, prefix: string, channel: number): TableSpec {
  return {
    name,
    kind: 'fact',
    description: `Visits to the ${channel ? 'app' : 'website'}; an ad’s when it came through one.`,
    rowsAt1x: channel ? '~500 a day' : '~625 a day',
    primaryKey: 'session_id',
    partition: { column: 'session_day', source: 'started_at' },
    foreignKeys: [{ column: 'customer_id', references: 'raw_customers.id' }],
    bytesPerRow: 14,
    columns: [
      col('session_id', 'string', `${prefix}1, ${prefix}2, … in started_at order.`),
      col('customer_id', 'int32', 'The visitor (signed up at or before started_at).'),
      col('started_at', 'timestamp', 'Whole seconds, UTC.'),
      col('ended_at', 'timestamp', 'started_at plus the visit’s length (at most 2 hours).'),
      enumCol(
        'utm_source',
        CHANNEL_SOURCES[channel]!,
        'The platform of the ad; null for a visit no ad brought.',
        true,
      ),
      col('ad_id', 'string', 'The ad clicked (running that day); null with utm_source.', true),
    ],
  };
}

export const WEBSITE_SESSIONS = sessions('website_sessions', 'w', 0);
export const APP_SESSIONS = sessions('app_sessions', 'a', 1);

function ads(platform: number): TableSpec {
  const name = PLATFORMS[platform]!;
  return {
    name: `${name}_ads`,
    kind: 'fact',
    description: `${name[0]!.toUpperCase()}${name.slice(1)} ads: one row per ad and day it runs.`,
    rowsAt1x: '~100 ads a day',
    primaryKey: 'ad_id, date',
    partition: { column: 'ad_day', source: 'date' },
    foreignKeys: [],
    bytesPerRow: 16,
    columns: [
      col('ad_id', 'string', `${name[0]}1, ${name[0]}2, … in order of the ads’ first day.`),
      col('date', 'date', 'A day of the ad’s flight.'),
      enumCol('utm_medium', MEDIA, 'The ad’s format.'),
      col('utm_campain', 'string', 'The campaign (sic: the seed’s spelling).'),
      col('cost', 'int32', 'Whole dollars spent that day: the budget’s share, weekday-paced.'),
      col('impressions', 'int32', 'Times shown: clicks / click-through rate (≥ 10 × clicks).'),
      col('clicks', 'int32', 'At least the sessions that name the ad that day.'),
    ],
  };
}

export const GOOGLE_ADS = ads(0);
export const FACEBOOK_ADS = ads(1);
export const INSTAGRAM_ADS = ads(2);

/** With the change logs of the mutable tables (`--changes`) last. */
export const TABLES: readonly TableSpec[] = withChangeLogs([
  RAW_CUSTOMERS,
  RAW_SIGNUPS,
  RAW_ORDERS,
  RAW_PAYMENTS,
  WEBSITE_SESSIONS,
  APP_SESSIONS,
  GOOGLE_ADS,
  FACEBOOK_ADS,
  INSTAGRAM_ADS,
]);
