/**
 * Realism of behaviour: conversion by source and device, evening and weekend peaks, Black Friday
 * and December, mobile sessions shorter, the repeat-purchase curve, baskets and order values by
 * channel. Each is measured on the files and skipped when its sample is too small.
 */
import { type CheckContext, type CheckResult, row, scalar } from '../../../validate/check.js';
import { gated, gatedWithin } from '../../../validate/gate.js';
import { ecommerceExpected } from '../plan/expected.js';

export async function trafficRealism({ con, has, manifest }: CheckContext): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  const expected = ecommerceExpected(manifest);
  if (has('sessions')) {
    const r = await row(
      con,
      `SELECT count(*) AS n, avg(converted::INT) AS conversion,
              count(*) FILTER (WHERE hour(started_at) >= 23 OR hour(started_at) < 5) AS evening,
              count(*) FILTER (WHERE hour(started_at) BETWEEN 7 AND 12) AS morning
       FROM sessions`,
    );
    out.push(
      gatedWithin(
        'web conversion rate (converted sessions / sessions)',
        r.conversion!,
        0.01,
        0.04,
        r.n!,
        5000,
      ),
    );
    out.push(
      gated(
        'sessions in the US evening (23–05 h UTC) over the US night (07–13 h UTC)',
        '≥ 2',
        r.evening! / r.morning!,
        r.evening! / r.morning! >= 2,
        r.n!,
        5000,
      ),
    );
    const s = (
      await con.runAndReadAll(
        `SELECT traffic_source AS k, count(*) AS n, avg(converted::INT) AS c FROM sessions GROUP BY 1 HAVING count(*) >= 2000`,
      )
    ).getRowObjectsJson();
    const rates = s.map((x) => Number(x.c));
    const spread = rates.length ? Math.max(...rates) / Math.max(1e-9, Math.min(...rates)) : Number.NaN;
    out.push(
      gated('conversion by traffic source: best over worst', '≥ 2', spread, spread >= 2, rates.length, 2),
    );
    const d = await row(
      con,
      `SELECT count(*) FILTER (WHERE device_type = 'mobile') AS mobile_n, count(*) FILTER (WHERE device_type = 'desktop') AS desktop_n,
              avg(converted::INT) FILTER (WHERE device_type = 'desktop') / avg(converted::INT) FILTER (WHERE device_type = 'mobile') AS ratio,
              median(duration_s) FILTER (WHERE device_type = 'mobile' AND duration_s > 0) / median(duration_s) FILTER (WHERE device_type = 'desktop' AND duration_s > 0) AS shorter
       FROM sessions`,
    );
    const n = Math.min(d.mobile_n!, d.desktop_n!);
    out.push(gated('conversion: desktop over mobile', '≥ 1.3', d.ratio!, d.ratio! >= 1.3, n, 2000));
    out.push(
      gated('median session duration: mobile over desktop', '< 0.9', d.shorter!, d.shorter! < 0.9, n, 2000),
    );
    const w = await row(
      con,
      `SELECT avg(n) FILTER (WHERE isodow(d) >= 6) / avg(n) FILTER (WHERE isodow(d) < 6) AS ratio, count(*) AS days
       FROM (SELECT started_at::DATE AS d, count(*) AS n FROM sessions GROUP BY 1)`,
    );
    // Four weeks at least, and enough sessions that a day's count is not noise.
    const weeks = w.days! >= 28 ? r.n! : 0;
    out.push(
      gated('sessions per weekend day over per weekday', '≥ 1.05', w.ratio!, w.ratio! >= 1.05, weeks, 20_000),
    );
  }
  if (has('orders')) {
    const days = `(SELECT ordered_at::DATE AS d, count(*) AS n FROM orders GROUP BY 1)`;
    for (const bf of expected.black_fridays) {
      const r = await row(
        con,
        `SELECT (SELECT n FROM ${days} WHERE d = DATE '${bf}') / median(n) AS ratio, count(*) AS days, sum(n) AS orders
         FROM ${days} WHERE d BETWEEN DATE '${bf}' - 28 AND DATE '${bf}' - 1`,
      );
      // All 28 days before it in the window, and enough orders for a median day to mean something.
      const n = r.days === 28 ? r.orders! : 0;
      const name = `orders on Black Friday ${bf} over the median day of the 4 weeks before`;
      out.push(gated(name, '≥ 1.8', r.ratio!, r.ratio! >= 1.8, n, 300));
    }
    const dec = await row(
      con,
      `SELECT avg(n) FILTER (WHERE month(d) = 12 AND day(d) <= 20) / avg(n) FILTER (WHERE month(d) <= 10) AS ratio,
              least(count(*) FILTER (WHERE month(d) = 12 AND day(d) <= 20), count(*) FILTER (WHERE month(d) <= 10)) AS days,
              sum(n) FILTER (WHERE month(d) = 12 AND day(d) <= 20) AS december
       FROM ${days}`,
    );
    // Both periods in the window (20 days each at least), and enough December orders.
    const december = dec.days! >= 20 ? dec.december! : 0;
    const name = 'orders per day in December (1–20) over January–October';
    out.push(gated(name, '≥ 1.2', dec.ratio!, dec.ratio! >= 1.2, december, 400));
    const c = await row(
      con,
      `WITH k AS (SELECT customer_id, count(*) AS k FROM orders GROUP BY 1),
            h AS (SELECT k, count(*) AS buyers FROM k GROUP BY 1)
       SELECT (SELECT count(*) FROM k) AS buyers, (SELECT sum(k) FROM k) AS orders,
              (SELECT arg_max(k, buyers) FROM h) AS mode,
              (SELECT max(k) FROM k) AS most,
              (SELECT sum(k) FROM (SELECT k FROM k ORDER BY k DESC LIMIT (SELECT ceil(count(*) / 10) FROM k))) AS top`,
    );
    out.push(gated('orders per buyer: most common count', '1', c.mode!, c.mode === 1, c.orders!, 5000));
    const top = c.top! / c.orders!;
    out.push(gatedWithin('share of orders placed by the top 10 % of buyers', top, 0.3, 0.7, c.orders!, 5000));
    out.push(gatedWithin('most orders by one buyer in the window', c.most!, 10, 400, c.orders!, 5000));
    if (has('order_items')) {
      const ch = await scalar(
        con,
        `WITH o AS (SELECT channel, count(*) AS n, avg(total) AS aov, avg(k) AS lines
                    FROM orders JOIN (SELECT order_id, count(*) AS k FROM order_items GROUP BY 1) USING (order_id) GROUP BY 1)
         SELECT CASE WHEN min(n) < 300 OR count(*) < 4 THEN NULL ELSE
           ((SELECT aov FROM o WHERE channel = 'phone') > (SELECT aov FROM o WHERE channel = 'web')
            AND (SELECT aov FROM o WHERE channel = 'web') > (SELECT aov FROM o WHERE channel = 'marketplace')
            AND (SELECT lines FROM o WHERE channel = 'marketplace') < (SELECT lines FROM o WHERE channel = 'web'))::INT END
         FROM o`,
      );
      out.push(
        gated(
          'order value phone > web > marketplace, marketplace baskets smallest',
          'yes',
          ch,
          ch === 1,
          Number.isNaN(ch) ? 0 : 300,
          300,
        ),
      );
    }
  }
  return out;
}
