/**
 * The contract's inventory rule: one sale movement per item of every order (quantity = −item
 * quantity; stock leaves when the order is placed, whatever later happens to it), and for a
 * canceled order's item an adjustment putting it back at canceled_at, so only orders not canceled
 * keep their stock; one return movement per returned item, and stock_after equal to the running
 * sum of quantity per product (never negative: group 3).
 */
import { type CheckContext, type CheckResult, GROUP, result, row, zero } from '../../../validate/check.js';
import { ecommerceExpected } from '../plan/expected.js';

export async function inventoryChecks({ con, has, manifest }: CheckContext): Promise<CheckResult[]> {
  const g = GROUP.business;
  const out: CheckResult[] = [];
  if (has('inventory_movements')) {
    const r = await row(
      con,
      `SELECT count(*) FILTER (WHERE running <> stock_after) AS drift, count(*) FILTER (WHERE movement_type = 'restock') AS restocks
       FROM (SELECT movement_type, stock_after, sum(quantity) OVER (PARTITION BY product_id ORDER BY movement_id) AS running FROM inventory_movements)`,
    );
    out.push(zero(g, 'movements whose stock_after is not the running sum of quantity', r.drift!));
    const planned = ecommerceExpected(manifest).restocks;
    out.push(
      result(g, 'restocks = plan (exact)', String(planned), String(r.restocks), r.restocks === planned),
    );
  }
  if (has('inventory_movements') && has('orders') && has('order_items')) {
    const r = await row(
      con,
      `WITH m AS (SELECT order_id, product_id, movement_type AS t, count(*) AS n, sum(quantity) AS q
                  FROM inventory_movements WHERE order_id IS NOT NULL GROUP BY ALL),
            i AS (SELECT i.order_id, i.product_id, i.quantity, i.is_returned, o.status FROM order_items i JOIN orders o USING (order_id))
       SELECT (SELECT count(*) FROM i LEFT JOIN m ON m.order_id = i.order_id AND m.product_id = i.product_id AND m.t = 'sale'
               WHERE m.n IS NULL OR m.n > 1 OR m.q <> -i.quantity) AS sales,
              (SELECT count(*) FROM i JOIN orders o USING (order_id) WHERE i.status = 'canceled' AND NOT EXISTS (
                 SELECT 1 FROM inventory_movements a WHERE a.movement_type = 'adjustment' AND a.order_id IS NULL
                   AND a.product_id = i.product_id AND a.moved_at = o.canceled_at AND a.quantity = i.quantity)) AS releases,
              (SELECT count(*) FROM i LEFT JOIN m ON m.order_id = i.order_id AND m.product_id = i.product_id AND m.t = 'return'
               WHERE i.is_returned <> (m.n IS NOT NULL) OR m.n > 1 OR m.q <> i.quantity) AS returns,
              (SELECT count(*) FROM m LEFT JOIN i USING (order_id, product_id) WHERE i.order_id IS NULL) AS strays`,
    );
    out.push(zero(g, 'items without exactly one sale movement of −quantity', r.sales!));
    out.push(zero(g, 'items of canceled orders not put back by an adjustment at canceled_at', r.releases!));
    out.push(zero(g, 'items whose return movements disagree with is_returned', r.returns!));
    out.push(zero(g, 'sale or return movements of no order item', r.strays!));
  }
  if (has('order_items') && has('orders')) {
    const r = await row(
      con,
      `SELECT count(*) AS n FROM order_items i JOIN orders o USING (order_id) WHERE i.is_returned AND o.status <> 'returned'`,
    );
    out.push(zero(g, 'returned items of orders not returned', r.n!));
  }
  return out;
}
