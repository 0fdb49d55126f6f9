/**
 * The shop's rhythm and the window: orders peak at lunch (11–14 h) and in the evening (17–21 h),
 * Friday and Saturday are the busiest days, and every visit, order, payment and ad row lies inside
 * the window (only signups go back to the shop's opening).
 */
import { type CheckContext, type CheckResult, GROUP, row, zero } from '../../../validate/check.js';
import { gatedWithin } from '../../../validate/gate.js';
import { jaffleExpected } from '../plan/expected.js';
import { AD_TABLES, windowDays } from './sources.js';

const TIMED: readonly [string, string][] = [
  ['raw_orders', 'order_date'],
  ['raw_payments', 'order_date'],
  ['website_sessions', 'started_at'],
  ['app_sessions', 'started_at'],
  ...AD_TABLES.map((t) => [t, 'date'] as [string, string]),
];

export async function rhythmChecks({ con, has, manifest }: CheckContext): Promise<CheckResult[]> {
  const w = jaffleExpected(manifest).window;
  const present = TIMED.filter(([t]) => has(t));
  const out: CheckResult[] = [];
  if (present.length) {
    const outside = present
      .map(
        ([t, c]) =>
          `(SELECT count(*) FROM ${t} WHERE epoch_us(${c}) < ${w.start_us} OR epoch_us(${c}) >= ${w.end_us})`,
      )
      .join(' + ');
    out.push(
      zero(
        GROUP.time,
        'orders, payments, sessions and ad rows outside the window',
        (await row(con, `SELECT ${outside} AS n`)).n!,
      ),
    );
  }
  if (!has('raw_orders')) return out;
  const r = await row(
    con,
    `SELECT count(*) AS n, avg((hour(order_date) BETWEEN 11 AND 13 OR hour(order_date) BETWEEN 17 AND 20)::INT) AS peaks,
            count(*) FILTER (WHERE isodow(order_date) IN (5, 6)) / count(DISTINCT order_date::DATE) FILTER (WHERE isodow(order_date) IN (5, 6)) AS busy,
            count(*) FILTER (WHERE isodow(order_date) <= 4) / count(DISTINCT order_date::DATE) FILTER (WHERE isodow(order_date) <= 4) AS other
     FROM raw_orders`,
  );
  out.push(
    gatedWithin(
      'share of orders at lunch (11–14 h) and in the evening (17–21 h)',
      r.peaks!,
      0.6,
      1,
      r.n!,
      500,
    ),
    gatedWithin(
      'orders a day, Friday–Saturday over Monday–Thursday (two weeks or more)',
      r.busy! / r.other!,
      1.1,
      2,
      windowDays(manifest) >= 14 ? r.n! : 0,
      1500,
    ),
  );
  return out;
}
