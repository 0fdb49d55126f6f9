/**
 * Churn over the whole history, with a fade before it (issue 13, item 4): the pooled monthly churn
 * is the seeds' 2–3 %, in the older history as in the last year; churners stop growing, pour less,
 * use the dashboard less and lose devices in the months before they leave.
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

const YEAR_US = 365 * 86_400_000_000;

/** Pooled monthly churn over month starts in [from, to): Σ churned in the month / Σ active at its start. */
function pooledChurnSql(startUs: number, fromUs: number, toUs: number, endUs: number): string {
  return `(WITH m AS (SELECT r AS ms, least(r + INTERVAL 1 MONTH, make_timestamptz(${endUs})) AS me
                      FROM range(date_trunc('month', make_timestamptz(${startUs})), make_timestamptz(${endUs}), INTERVAL 1 MONTH) x(r)
                      WHERE r >= make_timestamptz(${fromUs}) AND r < make_timestamptz(${toUs}))
           SELECT sum((SELECT count(*) FROM accounts a WHERE a.churned_at >= m.ms AND a.churned_at < m.me))::DOUBLE
                / nullif(sum((SELECT count(*) FROM accounts a WHERE a.created_at < m.ms AND (a.churned_at IS NULL OR a.churned_at >= m.ms))), 0)
           FROM m)`;
}

/** Churners' activity per day in the 30 days before the churn over the same in days 180–120 before it. */
function fadeSql(table: string, time: string): string {
  return `(WITH c AS (SELECT account_id, churned_at FROM accounts
                      WHERE churned_at IS NOT NULL AND created_at < churned_at - INTERVAL 180 DAY)
           SELECT (count(*) FILTER (WHERE x.${time} >= c.churned_at - INTERVAL 30 DAY) / 30.0)
                / nullif(count(*) FILTER (WHERE x.${time} >= c.churned_at - INTERVAL 180 DAY AND x.${time} < c.churned_at - INTERVAL 120 DAY) / 60.0, 0)
           FROM ${table} x JOIN c USING (account_id))`;
}

export async function churnChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { has, manifest } = ctx;
  if (!has('accounts')) return [];
  const g = GROUP.business;
  const within = (name: string, value: number, lo: number, hi: number) =>
    shareWithin(manifest.scale, g, name, value, lo, hi);
  const { start_us, end_us } = tapflowExpected(manifest).time;
  const lastYear = end_us - YEAR_US;
  const checks: CheckResult[] = [];
  const measure = async (sql: string, judge: (r: Record<string, number>) => CheckResult[]) => {
    checks.push(...(await rowChecks(ctx, sql, judge)));
  };
  await measure(
    `SELECT ${pooledChurnSql(start_us, start_us, end_us, end_us)} AS all_time,
            ${pooledChurnSql(start_us, start_us, lastYear, end_us)} AS earlier,
            ${pooledChurnSql(start_us, lastYear, end_us, end_us)} AS last_year`,
    (r) => [
      within('pooled monthly churn over the history (seeds: 2–3 %)', r.all_time!, 0.02, 0.03),
      within('pooled monthly churn before the last 12 months', r.earlier!, 0.0125, 0.0375),
      within('pooled monthly churn in the last 12 months', r.last_year!, 0.0125, 0.0375),
    ],
  );
  if (has('devices') && has('locations') && has('users')) {
    await measure(
      `SELECT
         (SELECT count(*) FROM devices d JOIN accounts a USING (account_id) WHERE d.installed_at > a.churned_at - INTERVAL 30 DAY)
       + (SELECT count(*) FROM locations l JOIN accounts a USING (account_id) WHERE l.opened_at > a.churned_at - INTERVAL 30 DAY)
       + (SELECT count(*) FROM users u JOIN accounts a USING (account_id) WHERE u.created_at > a.churned_at - INTERVAL 30 DAY) AS grew,
         (SELECT avg((d.last_seen_at < a.churned_at - INTERVAL 1 DAY)::INT) FROM devices d JOIN accounts a USING (account_id)
          WHERE a.churned_at IS NOT NULL) AS silent`,
      (r) => [
        zero(g, 'venues, devices or users added in the 30 days before their account churned', r.grew!),
        within('churned accounts’ devices silent a day or more before the churn', r.silent!, 0.2, 1),
      ],
    );
  }
  if (has('tap_events')) {
    await measure(`SELECT ${fadeSql('tap_events', 'event_ts')} AS ratio`, (r) => [
      within(
        'churners’ pours per day, last 30 days before the churn over 6–4 months before',
        r.ratio!,
        0,
        0.75,
      ),
    ]);
  }
  if (has('feature_usage')) {
    await measure(`SELECT ${fadeSql('feature_usage', 'used_at')} AS ratio`, (r) => [
      within(
        'churners’ feature use per day, last 30 days before the churn over 6–4 months before',
        r.ratio!,
        0,
        0.75,
      ),
    ]);
  }
  return checks;
}
