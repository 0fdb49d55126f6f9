/**
 * Contract rule 1, customers and signups: one signup per customer, its email built from the name and
 * unique, the signup at or before the customer's first order; and names from a pool bigger than the
 * seed's 79 first names.
 */
import { type CheckContext, type CheckResult, GROUP, row, zero } from '../../../validate/check.js';
import { gated } from '../../../validate/gate.js';

/** The first name as the email holds it: lower-case ASCII letters only. */
const FOLDED = "regexp_replace(lower(strip_accents(c.first_name)), '[^a-z]', '', 'g')";

export async function customerChecks({ con, has }: CheckContext): Promise<CheckResult[]> {
  const g = GROUP.business;
  const out: CheckResult[] = [];
  if (has('raw_customers') && has('raw_signups')) {
    const r = await row(
      con,
      `SELECT (SELECT count(*) FROM raw_customers c WHERE NOT EXISTS (SELECT 1 FROM raw_signups s WHERE s.user_id = c.id)) AS unsigned,
              (SELECT count(*) - count(DISTINCT user_id) FROM raw_signups) AS twice,
              (SELECT count(*) - count(DISTINCT user_email) FROM raw_signups) AS shared,
              (SELECT count(*) FROM raw_signups s JOIN raw_customers c ON c.id = s.user_id
                WHERE NOT starts_with(split_part(s.user_email, '@', 1), ${FOLDED})) AS unnamed,
              (SELECT count(DISTINCT first_name) FROM raw_customers) AS names,
              (SELECT count(*) FROM raw_customers) AS customers`,
    );
    out.push(
      zero(g, 'customers without a signup', r.unsigned!),
      zero(g, 'customers with more than one signup', r.twice!),
      zero(g, 'signup emails used more than once', r.shared!),
      zero(g, 'signup emails not built from the customer’s first name', r.unnamed!),
      gated('distinct first names (the seed had 79)', '> 79', r.names!, r.names! > 79, r.customers!, 500),
    );
  }
  if (has('raw_signups') && has('raw_orders')) {
    const r = await row(
      con,
      `SELECT count(*) AS n FROM (SELECT user_id, min(order_date) AS first FROM raw_orders GROUP BY 1) o
       JOIN raw_signups s USING (user_id) WHERE o.first < s.signup_date`,
    );
    out.push(zero(g, 'customers whose first order is before their signup', r.n!));
  }
  return out;
}
