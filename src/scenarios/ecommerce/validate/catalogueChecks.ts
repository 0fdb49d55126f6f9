/** Customers and products: unique emails and SKUs, SKUs that name the category, brands of one category, segments that follow the orders. */

import { type CheckContext, type CheckResult, GROUP, row, zero } from '../../../validate/check.js';
import { CATALOG } from '../generate/catalog.js';
import { ecommerceExpected } from '../plan/expected.js';
import { CATEGORIES } from '../vocabulary.js';

const CODES = `CASE category ${CATEGORIES.map((c) => `WHEN '${c}' THEN '${CATALOG[c].code}'`).join(' ')} END`;

export async function catalogueChecks({ con, has, manifest }: CheckContext): Promise<CheckResult[]> {
  const g = GROUP.business;
  const out: CheckResult[] = [];
  if (has('customers')) {
    const r = await row(con, 'SELECT count(*) - count(DISTINCT email) AS dup FROM customers');
    out.push(zero(g, 'customers sharing an email', r.dup!));
  }
  if (has('products')) {
    const r = await row(
      con,
      `SELECT (SELECT count(*) - count(DISTINCT sku) FROM products) AS dup,
              (SELECT count(*) FROM products WHERE NOT starts_with(sku, ${CODES} || '-')) AS wrong,
              (SELECT count(*) FROM (SELECT brand FROM products GROUP BY brand HAVING count(DISTINCT category) > 1)) AS brands,
              (SELECT count(*) FROM products WHERE try(json(attributes)) IS NULL OR json_type(attributes) <> 'OBJECT') AS attributes`,
    );
    out.push(zero(g, 'products sharing a SKU', r.dup!));
    out.push(zero(g, 'SKUs not starting with their category code', r.wrong!));
    out.push(zero(g, 'brands in more than one category', r.brands!));
    out.push(zero(g, 'products whose attributes are not a JSON object', r.attributes!));
  }
  if (has('customers') && has('orders')) {
    const { segments: s, time } = ecommerceExpected(manifest);
    const recent = time.end_us - s.new_days * 86_400_000_000;
    const r = await row(
      con,
      `WITH n AS (SELECT customer_id, count(*) AS k FROM orders GROUP BY 1)
       SELECT count(*) AS n FROM customers c LEFT JOIN n USING (customer_id)
       WHERE c.segment <> CASE WHEN coalesce(n.k, 0) >= ${s.vip_min_orders} THEN 'vip'
                               WHEN coalesce(n.k, 0) >= ${s.regular_min_orders} THEN 'regular'
                               WHEN epoch_us(c.registered_at) >= ${recent} THEN 'new'
                               WHEN n.k = 1 THEN 'one_time' ELSE 'inactive' END`,
    );
    out.push(zero(g, 'customers whose segment disagrees with their orders', r.n!));
  }
  return out;
}
