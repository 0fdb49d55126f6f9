/**
 * Noise that looks like noise (issue 13, item 10): dashboard views per active user-day are skewed
 * (mostly 2–10, many more 2s than 9s); time on a page depends on the page and the role and spreads
 * like a lognormal, not a uniform; API access and CSV exports are gated by the plan the account is on
 * at that moment; machine traffic runs around the clock, by device count.
 */
import {
  type CheckContext,
  type CheckResult,
  GROUP,
  rowChecks,
  shareWithin,
  zero,
} from '../../../validate/check.js';
import { tapflowExpected } from '../plan/expected.js';

export async function noiseChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { has, manifest } = ctx;
  const g = GROUP.business;
  const within = (name: string, value: number, lo: number, hi: number) =>
    shareWithin(manifest.scale, g, name, value, lo, hi);
  const checks: CheckResult[] = [];
  const measure = async (sql: string, judge: (r: Record<string, number>) => CheckResult[]) => {
    checks.push(...(await rowChecks(ctx, sql, judge)));
  };
  if (has('feature_usage')) {
    await measure(
      // One scan of feature_usage: dashboard views and API calls per user-day (n: the user-day's views).
      `WITH d AS (SELECT user_id, used_at::DATE AS day, count(*) FILTER (WHERE feature = 'dashboard_view') AS n,
                         count(*) FILTER (WHERE feature = 'api_call') AS calls,
                         count(*) FILTER (WHERE feature = 'api_call' AND hour(used_at) BETWEEN 4 AND 9) AS night_calls
                  FROM feature_usage WHERE feature IN ('dashboard_view', 'api_call') GROUP BY ALL)
       SELECT avg((n BETWEEN 2 AND 10)::INT) FILTER (WHERE n > 0) AS typical,
              count(*) FILTER (WHERE n = 2) / nullif(count(*) FILTER (WHERE n = 9), 0) AS skew,
              sum(night_calls) / nullif(sum(calls), 0) AS night
       FROM d`,
      (r) => [
        within('active user-days with 2–10 dashboard views', r.typical!, 0.55, 0.95),
        within('user-days with 2 dashboard views over those with 9 (skewed, not flat)', r.skew!, 2, 1e9),
        within('API calls between 04:00 and 10:00 UTC (US night: machine traffic)', r.night!, 0.15, 0.35),
      ],
    );
  }
  if (has('page_views') && has('users')) {
    await measure(
      `WITH p AS (SELECT page_path, median(duration_ms) AS med, quantile_cont(duration_ms, 0.9) AS p90
                  FROM page_views GROUP BY 1 HAVING count(*) > 100)
       SELECT max(med) / min(med) AS pages, min(p90 / med) AS spread,
              (SELECT median(duration_ms) FILTER (WHERE u.role = 'admin') / median(duration_ms) FILTER (WHERE u.role = 'staff')
                 FROM page_views v JOIN users u USING (user_id)) AS roles
       FROM p`,
      (r) => [
        within('median time on the slowest page over the fastest', r.pages!, 3, 1e9),
        within('time on a page, 90th percentile over median, least spread page', r.spread!, 2, 1e9),
        within('median time on a page, admins over staff', r.roles!, 1.2, 1e9),
      ],
    );
  }
  if (has('feature_usage') && has('subscriptions')) {
    const plans = tapflowExpected(manifest).plans;
    const list = (pick: (p: (typeof plans)[number]) => boolean) =>
      plans
        .filter(pick)
        .map((p) => `'${p.name.replaceAll("'", "''")}'`)
        .join(', ') || "''";
    await measure(
      `WITH f AS (SELECT f.feature, s.plan FROM feature_usage f LEFT JOIN subscriptions s
                  ON s.account_id = f.account_id AND f.used_at >= s.started_at AND (s.ended_at IS NULL OR f.used_at < s.ended_at)
                  WHERE f.feature IN ('api_call', 'export_csv'))
       SELECT count(*) FILTER (WHERE feature = 'api_call' AND (plan IS NULL OR plan NOT IN (${list((p) => p.api)})))
            + count(*) FILTER (WHERE feature = 'export_csv' AND (plan IS NULL OR plan NOT IN (${list((p) => p.exports)}))) AS n
       FROM f`,
      (r) => [zero(g, 'API calls or CSV exports by accounts whose plan then did not include them', r.n!)],
    );
  }
  if (has('feature_usage') && has('devices')) {
    await measure(
      `WITH calls AS (SELECT account_id, count(*) AS n FROM feature_usage WHERE feature = 'api_call' GROUP BY 1),
            fleet AS (SELECT account_id, count(*) AS n FROM devices GROUP BY 1)
       SELECT corr(c.n, f.n) AS r FROM calls c JOIN fleet f USING (account_id)`,
      (r) => [
        within('API calls per account against its devices: correlation (accounts that call)', r.r!, 0.3, 1),
      ],
    );
  }
  return checks;
}
