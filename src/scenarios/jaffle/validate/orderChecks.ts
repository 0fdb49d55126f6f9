/**
 * Contract rule 2, orders: the status follows the order's age at the end of the window (within the
 * lifecycle's hours: placed, then shipped, then completed; a return only after completion), a few
 * per cent of completed orders returned, and a skewed repeat curve (regulars order often, most
 * customers a few times).
 */
import { type CheckContext, type CheckResult, GROUP, row, zero } from '../../../validate/check.js';
import { gatedWithin } from '../../../validate/gate.js';
import { jaffleExpected } from '../plan/expected.js';
import { windowDays } from './sources.js';

export async function orderChecks({ con, has, manifest }: CheckContext): Promise<CheckResult[]> {
  if (!has('raw_orders')) return [];
  const g = GROUP.business;
  const e = jaffleExpected(manifest);
  const h = e.lifecycle_hours;
  const done = h.ship[0] + h.deliver[0];
  const r = await row(
    con,
    `WITH o AS (SELECT status::VARCHAR AS s, (${e.window.end_us} - epoch_us(order_date)) / 3600e6 AS age FROM raw_orders)
     SELECT count(*) FILTER (WHERE s = 'placed' AND age >= ${h.ship[1]}) AS placed,
            count(*) FILTER (WHERE s = 'shipped' AND (age < ${h.ship[0]} OR age >= ${h.ship[1] + h.deliver[1]})) AS shipped,
            count(*) FILTER (WHERE s = 'completed' AND age < ${done}) AS completed,
            count(*) FILTER (WHERE s = 'return_pending' AND age < ${done + h.return_after[0]}) AS pending,
            count(*) FILTER (WHERE s = 'returned' AND age < ${done + h.return_after[0] + h.refund_after[0]}) AS returned,
            count(*) FILTER (WHERE s NOT IN ('placed', 'shipped', 'completed', 'return_pending', 'returned')) AS unknown,
            count(*) FILTER (WHERE s IN ('completed', 'return_pending', 'returned')) AS finished,
            count(*) FILTER (WHERE s IN ('return_pending', 'returned')) AS returns
     FROM o`,
  );
  const out = [
    zero(g, `orders still placed ${h.ship[1]} hours or more after (the longest time to ship)`, r.placed!),
    zero(
      g,
      'orders shipped sooner than shipping takes, or still shipped after the longest delivery',
      r.shipped!,
    ),
    zero(g, `orders completed within ${done} hours (before shipping and delivery could)`, r.completed!),
    zero(
      g,
      'orders in a return before they could be completed and the return asked or refunded',
      r.pending! + r.returned!,
    ),
    zero(g, 'orders with a status outside placed, shipped, completed, return_pending, returned', r.unknown!),
    gatedWithin(
      'share of completed orders that went to a return',
      r.returns! / r.finished!,
      0.01,
      0.1,
      r.finished!,
      500,
    ),
  ];
  // The repeat curve over a month or more: the top fifth of buyers place most orders, many buy once.
  const c = await row(
    con,
    `WITH c AS (SELECT user_id, count(*) AS n FROM raw_orders GROUP BY 1),
          r AS (SELECT n, row_number() OVER (ORDER BY n DESC, user_id) AS rank, count(*) OVER () AS buyers, sum(n) OVER () AS total FROM c)
     SELECT sum(n) FILTER (WHERE rank <= buyers * 0.2) / any_value(total) AS top, avg((n = 1)::INT) AS once, any_value(buyers) AS buyers FROM r`,
  );
  const buyers = windowDays(manifest) >= 28 ? c.buyers! : 0;
  out.push(
    gatedWithin(
      'share of orders placed by the top 20 % of buyers (a month or more)',
      c.top!,
      0.45,
      0.9,
      buyers,
      300,
    ),
    gatedWithin('share of buyers who ordered once (a month or more)', c.once!, 0.15, 0.7, buyers, 300),
  );
  return out;
}
