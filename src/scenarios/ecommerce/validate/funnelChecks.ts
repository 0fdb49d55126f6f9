/**
 * The contract's funnel rule: a converted session has exactly one purchase event, after an
 * add_to_cart, at the ordered_at of the one order naming it; other sessions have no purchase and no
 * order. A web order's items are what its session put in the cart. Sessions' page_views, landing
 * page and event positions agree with their events.
 */
import { type CheckContext, type CheckResult, GROUP, result, row, zero } from '../../../validate/check.js';
import { ecommerceExpected } from '../plan/expected.js';

const EVENTS = `SELECT session_id,
    count(*) FILTER (WHERE event_type = 'purchase') AS purchases,
    max(event_ts) FILTER (WHERE event_type = 'purchase') AS purchase_ts,
    min(event_ts) FILTER (WHERE event_type = 'add_to_cart') AS first_add,
    count(*) FILTER (WHERE event_type NOT IN ('add_to_cart', 'remove_from_cart')) AS pages,
    count(*) AS n, min(position) AS lo, max(position) AS hi, count(DISTINCT position) AS distinct_positions,
    arg_min(page_url, position) AS landing
  FROM clickstream_events GROUP BY session_id`;

export async function funnelChecks({ con, has, manifest }: CheckContext): Promise<CheckResult[]> {
  const g = GROUP.business;
  const out: CheckResult[] = [];
  const expected = ecommerceExpected(manifest);
  if (has('sessions')) {
    const r = await row(con, 'SELECT count(*) FILTER (WHERE converted) AS n FROM sessions');
    out.push(
      result(
        g,
        'converted sessions = plan (exact)',
        String(expected.sessions.converted),
        String(r.n),
        r.n === expected.sessions.converted,
      ),
    );
  }
  if (has('sessions') && has('clickstream_events') && has('orders')) {
    const r = await row(
      con,
      `WITH e AS (${EVENTS})
       SELECT count(*) FILTER (WHERE s.converted AND (e.purchases IS DISTINCT FROM 1 OR o.ordered_at IS DISTINCT FROM e.purchase_ts)) AS bad_purchase,
              count(*) FILTER (WHERE NOT s.converted AND e.purchases > 0) AS stray_purchase,
              count(*) FILTER (WHERE s.converted AND (e.first_add IS NULL OR e.first_add > e.purchase_ts)) AS no_cart,
              count(*) FILTER (WHERE e.session_id IS NULL OR e.pages <> s.page_views OR e.landing <> s.landing_page) AS summary,
              count(*) FILTER (WHERE e.lo <> 1 OR e.hi <> e.n OR e.distinct_positions <> e.n) AS positions
       FROM sessions s LEFT JOIN e USING (session_id) LEFT JOIN orders o ON o.order_id = s.order_id`,
    );
    out.push(
      zero(
        g,
        'converted sessions without exactly one purchase event at their order’s ordered_at',
        r.bad_purchase!,
      ),
    );
    out.push(zero(g, 'sessions with a purchase event but not converted', r.stray_purchase!));
    out.push(zero(g, 'converted sessions whose first add_to_cart is not before the purchase', r.no_cart!));
    out.push(zero(g, 'sessions whose page_views or landing_page disagree with their events', r.summary!));
    out.push(zero(g, 'sessions whose event positions are not 1..n', r.positions!));
    const o = await row(
      con,
      `SELECT (SELECT count(*) FROM orders o LEFT JOIN sessions s ON s.session_id = o.session_id
               WHERE o.channel = 'web' AND (s.order_id IS DISTINCT FROM o.order_id OR NOT s.converted)) AS orphan,
              (SELECT count(*) FROM (SELECT session_id FROM orders WHERE session_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1)) AS twice`,
    );
    out.push(
      zero(
        g,
        'web orders not placed by a converted session naming them, or sessions with two orders',
        o.orphan! + o.twice!,
      ),
    );
  }
  if (has('clickstream_events')) {
    const r = await row(
      con,
      `SELECT count(*) AS n FROM (SELECT event_ts, lag(event_ts) OVER (PARTITION BY session_id ORDER BY position) AS prev FROM clickstream_events) WHERE prev > event_ts`,
    );
    out.push(zero(g, 'events whose position disagrees with their time order', r.n!));
  }
  if (has('clickstream_events') && has('orders') && has('order_items')) {
    const r = await row(
      con,
      `SELECT count(*) AS n FROM order_items i JOIN orders o USING (order_id)
       LEFT JOIN (SELECT DISTINCT session_id, product_id FROM clickstream_events WHERE event_type = 'add_to_cart') a
         ON a.session_id = o.session_id AND a.product_id = i.product_id
       WHERE o.channel = 'web' AND a.session_id IS NULL`,
    );
    out.push(zero(g, 'web order items their session never added to the cart', r.n!));
  }
  return out;
}
