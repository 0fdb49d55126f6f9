/**
 * Realism of the catalogue and its after-sales: log-normal prices and margins per category as
 * configured, return rates by category, J-shaped ratings, lower for returned items. Skipped on
 * samples too small to settle.
 */
import { type CheckContext, type CheckResult, row } from '../../../validate/check.js';
import { gated } from '../../../validate/gate.js';
import { ecommerceExpected } from '../plan/expected.js';

export async function productRealism({ con, has, manifest }: CheckContext): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const { categories } = ecommerceExpected(manifest);
  if (has('products')) {
    const rows = (
      await con.runAndReadAll(
        `SELECT category AS c, count(*) AS n, avg(ln(price)) AS mu, stddev_samp(ln(price)) AS sd, avg(1 - cost / price) AS margin FROM products GROUP BY 1`,
      )
    ).getRowObjectsJson();
    let worst = 0;
    let n = Number.POSITIVE_INFINITY;
    let marginOff = 0;
    for (const r of rows) {
      const want = categories[String(r.c)]!;
      n = Math.min(n, Number(r.n));
      // Charm endings lift prices by up to a dollar: compare on the log scale with room for it.
      worst = Math.max(
        worst,
        Math.abs(Number(r.mu) - Math.log(want.price_median)),
        Math.abs(Number(r.sd) - want.price_sigma),
      );
      marginOff = Math.max(marginOff, Math.abs(Number(r.margin) - want.margin));
    }
    out.push(
      gated(
        'log price per category: mean and sd off the configured log-normal by at most',
        '≤ 0.2',
        worst,
        worst <= 0.2,
        n,
        150,
      ),
    );
    out.push(
      gated(
        'mean margin per category off the configured margin by at most',
        '≤ 0.03',
        marginOff,
        marginOff <= 0.03,
        n,
        150,
      ),
    );
  }
  if (has('order_items') && has('orders') && has('products')) {
    const rows = (
      await con.runAndReadAll(
        `SELECT p.category AS c, count(*) AS n, avg(i.is_returned::INT) AS rate
       FROM order_items i JOIN orders o USING (order_id) JOIN products p USING (product_id)
       WHERE o.status IN ('delivered', 'returned') GROUP BY 1`,
      )
    ).getRowObjectsJson();
    // Within 15 % of the configured rate, plus three binomial standard errors of the sample.
    let off = 0;
    let n = Number.POSITIVE_INFINITY;
    for (const r of rows) {
      const want = categories[String(r.c)]!.return_rate;
      const items = Number(r.n);
      n = Math.min(n, items);
      off = Math.max(
        off,
        Math.abs(Number(r.rate) - want) / (0.15 * want + 3 * Math.sqrt((want * (1 - want)) / items)),
      );
    }
    out.push(
      gated(
        'return rate per category off the configured rate, in tolerances (15 % + 3 σ)',
        '≤ 1',
        off,
        off <= 1,
        n,
        1000,
      ),
    );
  }
  if (has('reviews')) {
    const r = await row(
      con,
      `SELECT count(*) AS n, ${[1, 2, 3, 4, 5].map((s) => `avg((rating = ${s})::INT) AS r${s}`).join(', ')} FROM reviews`,
    );
    const j = r.r5! > r.r4! && r.r4! > r.r3! && r.r1! > r.r2!;
    out.push(gated('ratings J-shaped (5 > 4 > 3 stars, 1 > 2)', 'yes', j ? 1 : 0, j, r.n!, 2000));
  }
  if (has('reviews') && has('order_items')) {
    const r = await row(
      con,
      `SELECT avg(rating) FILTER (WHERE i.is_returned) AS back, avg(rating) FILTER (WHERE NOT i.is_returned) AS kept,
              count(*) FILTER (WHERE i.is_returned) AS n
       FROM reviews r JOIN order_items i ON i.order_id = r.order_id AND i.product_id = r.product_id`,
    );
    const gap = r.kept! - r.back!;
    out.push(gated('mean rating of kept items over returned ones', '≥ 1', gap, gap >= 1, r.n!, 300));
  }
  return out;
}
