/**
 * Contract rule 3, payments: one or two per order (the second a coupon or gift card covering part),
 * summing to a value the menu allows, and the method mix of the config (credit_card ~50 %,
 * bank_transfer ~30 %, coupon ~10 %, gift_card ~10 %).
 */

import { type CheckContext, type CheckResult, GROUP, row, zero } from '../../../validate/check.js';
import { jaffleExpected } from '../plan/expected.js';
import { PAYMENT_METHODS } from '../vocabulary.js';
import { nearTarget } from './sources.js';

export async function paymentChecks({ con, has, manifest }: CheckContext): Promise<CheckResult[]> {
  if (!has('raw_payments')) return [];
  const g = GROUP.business;
  const e = jaffleExpected(manifest);
  const out: CheckResult[] = [];
  if (has('raw_orders')) {
    const r = await row(
      con,
      `WITH p AS (SELECT order_id, count(*) AS k, sum(amount) AS total,
                         count(*) FILTER (WHERE payment_method IN ('coupon', 'gift_card')) AS partial
                  FROM raw_payments GROUP BY 1)
       SELECT (SELECT count(*) FROM raw_orders o WHERE NOT EXISTS (SELECT 1 FROM raw_payments x WHERE x.order_id = o.id)) AS unpaid,
              count(*) FILTER (WHERE k > 2) AS many,
              count(*) FILTER (WHERE k = 2 AND partial = 0) AS split,
              count(*) FILTER (WHERE total < ${e.order_value.min * 100} OR total > ${e.order_value.max * 100}) AS off
       FROM p`,
    );
    out.push(
      zero(g, 'orders without a payment', r.unpaid!),
      zero(g, 'orders with more than two payments', r.many!),
      zero(g, 'orders paid twice without a coupon or gift card', r.split!),
      zero(
        g,
        `orders whose payments do not sum to a menu value ($${e.order_value.min}–$${e.order_value.max})`,
        r.off!,
      ),
    );
  }
  const m = await row(
    con,
    `SELECT count(*) AS n, ${PAYMENT_METHODS.map((x) => `count(*) FILTER (WHERE payment_method = '${x}') AS "${x}"`).join(', ')} FROM raw_payments`,
  );
  for (const x of PAYMENT_METHODS) {
    const p = e.payment_shares[x]!;
    out.push(
      nearTarget(
        GROUP.distributions,
        `share of payments by ${x}`,
        m[x]! / m.n!,
        p,
        Math.sqrt((p * (1 - p)) / m.n!),
        0.02,
        m.n!,
      ),
    );
  }
  return out;
}
