/**
 * Contract rule 4, sessions and attribution: every order has a visit of its customer 1–24 hours
 * before it (the converting one among them: by the plan, same_day of them on the order's UTC day,
 * the rest the day before), every ordering customer visited before their first order, each table's
 * utm_source is its channel's platform, a named ad was running that day, and customers come back,
 * on both the website and the app.
 */

import { type CheckContext, type CheckResult, GROUP, result, row, zero } from '../../../validate/check.js';
import { gatedWithin } from '../../../validate/gate.js';
import { jaffleExpected } from '../plan/expected.js';
import { CHANNEL_SOURCES, CHANNELS } from '../vocabulary.js';
import { AD_TABLES, ADS, SESSION_TABLES, SESSIONS, windowDays } from './sources.js';

export async function sessionChecks({ con, has, manifest }: CheckContext): Promise<CheckResult[]> {
  if (!SESSION_TABLES.every(has)) return [];
  const g = GROUP.business;
  const e = jaffleExpected(manifest).conversions;
  const out: CheckResult[] = [];
  if (has('raw_orders')) {
    const r = await row(
      con,
      `WITH m AS (
         SELECT o.id, bool_or(s.started_at::DATE = o.order_date::DATE) AS same, bool_or(s.started_at::DATE < o.order_date::DATE) AS before,
                count(s.session_id) AS k
         FROM raw_orders o LEFT JOIN ${SESSIONS} s
           ON s.customer_id = o.user_id AND s.started_at BETWEEN o.order_date - INTERVAL 24 HOUR AND o.order_date - INTERVAL 1 HOUR
         GROUP BY 1)
       SELECT count(*) FILTER (WHERE k = 0) AS unvisited, count(*) FILTER (WHERE same) AS same, count(*) FILTER (WHERE before) AS before,
              (SELECT count(*) FROM (SELECT user_id, min(order_date) AS first FROM raw_orders GROUP BY 1) f
                WHERE NOT EXISTS (SELECT 1 FROM ${SESSIONS} s WHERE s.customer_id = f.user_id AND s.started_at < f.first)) AS cold
       FROM m`,
    );
    out.push(
      zero(g, 'orders without a visit of their customer 1–24 hours before', r.unvisited!),
      zero(g, 'ordering customers with no visit before their first order', r.cold!),
      result(
        g,
        'orders with a visit 1–24 h before on their own day ≥ those converting so (plan)',
        `≥ ${e.same_day}`,
        String(r.same),
        r.same! >= e.same_day,
      ),
      result(
        g,
        'orders with a visit 1–24 h before on the day before ≥ those converting so (plan)',
        `≥ ${e.orders - e.same_day}`,
        String(r.before),
        r.before! >= e.orders - e.same_day,
      ),
    );
  }
  const platforms = CHANNELS.map((c, i) => {
    const allowed = CHANNEL_SOURCES[i]!.map((p) => `'${p}'`).join(', ');
    return `(SELECT count(*) FROM ${c}_sessions WHERE utm_source::VARCHAR NOT IN (${allowed}))`;
  });
  out.push(
    zero(
      g,
      'sessions whose utm_source is not of their channel (website: google, facebook; app: facebook, instagram)',
      (await row(con, `SELECT ${platforms.join(' + ')} AS n`)).n!,
    ),
  );
  if (AD_TABLES.every(has)) {
    const r = await row(
      con,
      `SELECT count(*) AS n FROM ${SESSIONS} s LEFT JOIN ${ADS} a ON a.ad_id = s.ad_id AND a.date = s.started_at::DATE
       WHERE s.ad_id IS NOT NULL AND a.ad_id IS NULL`,
    );
    out.push(zero(g, 'sessions naming an ad that was not running that day', r.n!));
  }
  const v = await row(
    con,
    `SELECT count(*) AS visitors, avg(n) AS visits, avg((channels = 2)::INT) AS both
     FROM (SELECT customer_id, count(*) AS n, count(DISTINCT channel) AS channels FROM ${SESSIONS} GROUP BY 1)`,
  );
  const visitors = windowDays(manifest) >= 14 ? v.visitors! : 0;
  out.push(
    gatedWithin('visits per visiting customer (two weeks or more)', v.visits!, 2, 100, visitors, 100),
    gatedWithin(
      'share of visiting customers on both website and app (two weeks or more)',
      v.both!,
      0.05,
      0.95,
      visitors,
      100,
    ),
  );
  return out;
}
