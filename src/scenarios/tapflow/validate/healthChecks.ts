/**
 * Health means something (issue 13, item 9): derived from behaviour, it sits lower for accounts that
 * churned, and among active accounts it rises with pours and dashboard use and falls with anomalies
 * and offline devices (measured over the last 90 days of the files); its mean is the configured one,
 * and no score is clipped onto 0 or 1.
 */
import {
  type CheckContext,
  type CheckResult,
  GROUP,
  near,
  rowChecks,
  shareWithin,
  zero,
} from '../../../validate/check.js';
import { tapflowExpected } from '../plan/expected.js';

export async function healthChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { has, manifest } = ctx;
  if (!has('accounts')) return [];
  const g = GROUP.business;
  const within = (name: string, value: number, lo: number, hi: number) =>
    shareWithin(manifest.scale, g, name, value, lo, hi);
  const { metrics, time } = tapflowExpected(manifest);
  const checks = await rowChecks(
    ctx,
    `SELECT avg(health_score) AS mean,
            count(*) FILTER (WHERE health_score <= 0 OR health_score >= 1) AS bounds,
            avg(health_score) FILTER (WHERE status = 'active') - avg(health_score) FILTER (WHERE status = 'churned') AS gap
     FROM accounts`,
    (r) => [
      near(
        g,
        'accounts.health_score mean (derived from behaviour, exact by construction)',
        r.mean!,
        metrics.health_score_mean,
        0.005,
      ),
      zero(g, 'health scores at or beyond 0 or 1 (clipped)', r.bounds!),
      within('health: active accounts’ mean minus churned accounts’ (at their churn)', r.gap!, 0.1, 1),
    ],
  );
  if (has('tap_events') && has('devices') && has('feature_usage') && has('users')) {
    const since = `make_timestamptz(${time.end_us}) - INTERVAL 90 DAY`;
    checks.push(
      ...(await rowChecks(
        ctx,
        `WITH taps AS (SELECT account_id, avg(is_anomaly::INT) AS anomalies, count(*) / count(DISTINCT device_id) AS pours
                       FROM tap_events WHERE event_ts >= ${since} GROUP BY 1),
              fleet AS (SELECT account_id, avg((status = 'offline')::INT) AS offline FROM devices GROUP BY 1),
              use AS (SELECT account_id, count(*) AS uses FROM feature_usage WHERE used_at >= ${since} AND feature <> 'api_call' GROUP BY 1),
              seats AS (SELECT account_id, count(*) AS users FROM users GROUP BY 1)
         SELECT corr(a.health_score, t.anomalies) AS anomalies, corr(a.health_score, t.pours) AS pours,
                corr(a.health_score, f.offline) AS offline, corr(a.health_score, coalesce(u.uses, 0) / s.users) AS dashboard
         FROM accounts a JOIN taps t USING (account_id) JOIN fleet f USING (account_id) JOIN seats s USING (account_id)
              LEFT JOIN use u USING (account_id)
         WHERE a.status = 'active'`,
        (r) => [
          within(
            'health vs anomaly share, active accounts, last 90 days: −correlation',
            -r.anomalies!,
            0.1,
            1,
          ),
          within('health vs pours per tap, active accounts, last 90 days: correlation', r.pours!, 0.1, 1),
          within('health vs share of devices offline, active accounts: −correlation', -r.offline!, 0.1, 1),
          within(
            'health vs dashboard use per user, active accounts, last 90 days: correlation',
            r.dashboard!,
            0.1,
            1,
          ),
        ],
      )),
    );
  }
  return checks;
}
