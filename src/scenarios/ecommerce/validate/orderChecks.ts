/** Orders: subtotals that add up their items, money typed DECIMAL(p,2), no stage after now, and the plan's exact counts and revenue. */

import { type CheckContext, type CheckResult, GROUP, result, row, zero } from '../../../validate/check.js';
import { ecommerceExpected } from '../plan/expected.js';
import { CHANNELS, ORDER_STATUSES } from '../vocabulary.js';

const MONEY: readonly [string, readonly string[]][] = [
  ['orders', ['subtotal', 'discount', 'shipping_cost', 'tax', 'total']],
  ['order_items', ['unit_price', 'discount', 'line_total']],
  ['products', ['price', 'cost']],
];

export async function orderChecks({ con, has, manifest }: CheckContext): Promise<CheckResult[]> {
  const g = GROUP.business;
  const out: CheckResult[] = [];
  const expected = ecommerceExpected(manifest);
  let wrongTypes = 0;
  for (const [table, columns] of MONEY) {
    if (!has(table)) continue;
    const types = (await con.runAndReadAll(`DESCRIBE ${table}`)).getRowObjectsJson();
    for (const c of columns) {
      const type = String(types.find((t) => t.column_name === c)?.column_type ?? '');
      if (!/^DECIMAL\(\d+,2\)$/.test(type)) wrongTypes++;
    }
  }
  out.push(zero(g, 'money columns not DECIMAL(p,2)', wrongTypes));
  if (has('orders')) {
    const now = expected.time.end_us;
    const r = await row(
      con,
      `SELECT count(*) FILTER (WHERE greatest(epoch_us(shipped_at), epoch_us(delivered_at), epoch_us(canceled_at), epoch_us(returned_at)) >= ${now}) AS late,
              sum(total) FILTER (WHERE status <> 'canceled')::DOUBLE AS revenue,
              ${CHANNELS.map((c) => `count(*) FILTER (WHERE channel = '${c}') AS "c_${c}"`).join(', ')},
              ${ORDER_STATUSES.map((s) => `count(*) FILTER (WHERE status = '${s}') AS "s_${s}"`).join(', ')}
       FROM orders`,
    );
    out.push(zero(g, 'orders with a stage after the end of the window', r.late!));
    const wrongChannel = CHANNELS.filter((c) => r[`c_${c}`] !== expected.orders.orders_by_channel[c]);
    const wrongStatus = ORDER_STATUSES.filter((s) => r[`s_${s}`] !== expected.orders.orders_by_status[s]);
    out.push(
      result(
        g,
        'orders by channel = plan (exact)',
        'all equal',
        wrongChannel.join(', ') || 'all equal',
        !wrongChannel.length,
      ),
    );
    out.push(
      result(
        g,
        'orders by status = plan (exact)',
        'all equal',
        wrongStatus.join(', ') || 'all equal',
        !wrongStatus.length,
      ),
    );
    const revenue = Math.round(r.revenue! * 100) / 100;
    out.push(
      result(
        g,
        'revenue (Σ total of orders not canceled) = plan (exact)',
        String(expected.orders.revenue),
        String(revenue),
        revenue === expected.orders.revenue,
      ),
    );
  }
  if (has('orders') && has('order_items')) {
    const r = await row(
      con,
      `SELECT count(*) AS n FROM orders o LEFT JOIN (SELECT order_id, sum(line_total) AS s, count(*) AS k FROM order_items GROUP BY 1) i USING (order_id)
       WHERE i.k IS NULL OR o.subtotal <> i.s`,
    );
    out.push(zero(g, 'orders whose subtotal is not the sum of their items (or without items)', r.n!));
  }
  return out;
}
