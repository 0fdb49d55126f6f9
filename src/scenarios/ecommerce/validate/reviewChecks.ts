/** Verified reviews: the author bought the product in that order, and wrote after it was delivered. */
import { type CheckContext, type CheckResult, GROUP, row, zero } from '../../../validate/check.js';

export async function reviewChecks({ con, has }: CheckContext): Promise<CheckResult[]> {
  if (!(has('reviews') && has('orders') && has('order_items'))) return [];
  const r = await row(
    con,
    `SELECT count(*) AS n FROM reviews r LEFT JOIN orders o USING (order_id)
       LEFT JOIN order_items i ON i.order_id = r.order_id AND i.product_id = r.product_id
     WHERE r.verified_purchase AND (i.order_id IS NULL OR o.delivered_at IS NULL OR r.created_at < o.delivered_at)`,
  );
  return [zero(GROUP.business, 'verified reviews of an item not in the order, or before its delivery', r.n!)];
}
