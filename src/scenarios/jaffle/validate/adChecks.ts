/**
 * Contract rule 5, ads: an ad runs one flight (consecutive days, one campaign and medium); its clicks
 * are at least the sessions that name it that day; spend is paced by weekday as configured; and
 * campaigns that spend more bring more sessions. The manifest's ground truth agrees with the data:
 * each campaign's spend is its rows' cost, and its orders through a click are at most the orders
 * whose customer visited through one of its ads 1–24 hours before.
 */
import { type CheckContext, type CheckResult, GROUP, result, row, zero } from '../../../validate/check.js';
import { gatedWithin } from '../../../validate/gate.js';
import { jaffleExpected } from '../plan/expected.js';
import { AD_TABLES, ADS, nearTarget, SESSION_TABLES, SESSIONS, windowDays } from './sources.js';

export async function adChecks({ con, has, manifest }: CheckContext): Promise<CheckResult[]> {
  if (!AD_TABLES.every(has)) return [];
  const g = GROUP.business;
  const e = jaffleExpected(manifest);
  const out: CheckResult[] = [];
  const f = await row(
    con,
    `SELECT count(*) AS n FROM (SELECT ad_id, count(*) AS k, max(date) - min(date) + 1 AS span,
                                       count(DISTINCT utm_campain) AS campaigns, count(DISTINCT utm_medium) AS media
                                FROM ${ADS} GROUP BY 1)
     WHERE k <> span OR campaigns > 1 OR media > 1`,
  );
  out.push(zero(g, 'ads whose rows are not one flight (a gap, or two campaigns or media)', f.n!));

  // Spend by weekday: Friday and Saturday against Monday–Thursday, per ad row, as the pacing says.
  const pace = e.ads_weekday;
  const target = (pace[4]! + pace[5]!) / 2 / ((pace[0]! + pace[1]! + pace[2]! + pace[3]!) / 4);
  const w = await row(
    con,
    `SELECT avg(cost) FILTER (WHERE isodow(date) IN (5, 6)) AS hi, avg(cost) FILTER (WHERE isodow(date) <= 4) AS lo,
            var_samp(cost) FILTER (WHERE isodow(date) IN (5, 6)) AS vhi, var_samp(cost) FILTER (WHERE isodow(date) <= 4) AS vlo,
            count(*) FILTER (WHERE isodow(date) IN (5, 6)) AS nhi, count(*) FILTER (WHERE isodow(date) <= 4) AS nlo
     FROM ${ADS}`,
  );
  const ratio = w.hi! / w.lo!;
  const se = ratio * Math.sqrt(w.vhi! / w.nhi! / w.hi! ** 2 + w.vlo! / w.nlo! / w.lo! ** 2);
  out.push(
    nearTarget(
      GROUP.distributions,
      'ad cost a row, Friday–Saturday over Monday–Thursday',
      ratio,
      target,
      se,
      0.05,
      Math.min(w.nhi!, w.nlo!),
    ),
  );

  const truth = Object.entries(e.campaigns);
  const spend = await con.runAndReadAll(
    `SELECT utm_campain AS c, sum(cost)::BIGINT AS spend FROM ${ADS} GROUP BY 1`,
  );
  const spent = new Map(spend.getRowObjectsJson().map((r) => [String(r.c), Number(r.spend)]));
  const wrong = truth.filter(([name, t]) => (spent.get(name) ?? 0) !== t.spend).map(([name]) => name);
  out.push(
    result(
      g,
      'each campaign’s spend in the manifest = the cost of its rows',
      'all equal',
      wrong.join(', ') || 'all equal',
      !wrong.length,
    ),
  );
  if (!SESSION_TABLES.every(has)) return out;
  const c = await row(
    con,
    `SELECT count(*) AS n FROM (SELECT s.ad_id, s.started_at::DATE AS d, count(*) AS k FROM ${SESSIONS} s WHERE s.ad_id IS NOT NULL GROUP BY 1, 2) s
     JOIN ${ADS} a ON a.ad_id = s.ad_id AND a.date = s.d WHERE a.clicks < s.k`,
  );
  out.push(zero(g, 'ad days with fewer clicks than sessions naming the ad', c.n!));
  const r = await row(
    con,
    `WITH a AS (SELECT DISTINCT ad_id, utm_campain FROM ${ADS}),
          s AS (SELECT a.utm_campain, count(*) AS sessions FROM ${SESSIONS} x JOIN a USING (ad_id) GROUP BY 1),
          p AS (SELECT utm_campain, sum(cost) AS spend FROM ${ADS} GROUP BY 1)
     SELECT corr(p.spend, coalesce(s.sessions, 0)) AS r, count(*) AS campaigns FROM p LEFT JOIN s USING (utm_campain)`,
  );
  out.push(
    gatedWithin(
      'correlation of campaign spend with its sessions',
      r.r!,
      0.5,
      1,
      windowDays(manifest) >= 14 ? r.campaigns! : 0,
      6,
    ),
  );
  if (has('raw_orders')) {
    // Visits through an ad first (a few thousand), then the orders 1–24 hours after each.
    const clicked = await con.runAndReadAll(
      `WITH a AS (SELECT DISTINCT ad_id, utm_campain FROM ${ADS}),
            s AS (SELECT x.customer_id, x.started_at, a.utm_campain FROM ${SESSIONS} x JOIN a USING (ad_id))
       SELECT s.utm_campain AS c, count(DISTINCT o.id) AS orders FROM s
       JOIN raw_orders o ON o.user_id = s.customer_id AND o.order_date BETWEEN s.started_at + INTERVAL 1 HOUR AND s.started_at + INTERVAL 24 HOUR
       GROUP BY 1`,
    );
    const reached = new Map(clicked.getRowObjectsJson().map((x) => [String(x.c), Number(x.orders)]));
    const over = truth
      .filter(([name, t]) => t.clicked_orders > (reached.get(name) ?? 0))
      .map(([name]) => name);
    out.push(
      result(
        g,
        'campaigns credited (manifest) with more clicked orders than orders after a visit through their ads',
        'none',
        over.join(', ') || 'none',
        !over.length,
      ),
    );
  }
  return out;
}
