/**
 * Pours per tap controller-day (issue 13, item 11): the seeds' totals make it 1–2 at any scale,
 * where a real tap pours hundreds; the manifest's expected answers say so, and the files must give
 * exactly that number (rows over the tap-days the taps were pouring).
 */
import { type CheckContext, type CheckResult, GROUP, near, rowChecks } from '../../../validate/check.js';
import { tapflowExpected } from '../plan/expected.js';

export async function volumeChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { has, manifest } = ctx;
  const expected = tapflowExpected(manifest).metrics.pours_per_tap_day;
  if (!has('tap_events') || !has('devices') || expected === undefined) return [];
  const { start_us, end_us } = tapflowExpected(manifest).time;
  return rowChecks(
    ctx,
    `WITH days AS (SELECT r::DATE AS day FROM range(make_timestamptz(${start_us}), make_timestamptz(${end_us}), INTERVAL 1 DAY) x(r)),
          taps AS (SELECT CAST(installed_at AS DATE) + 1 AS first_day,
                          CAST(last_seen_at AS DATE) + (status = 'online')::INT AS end_day
                   FROM devices WHERE device_type = 'tap_controller')
     SELECT (SELECT count(*) FROM tap_events)::DOUBLE
          / nullif((SELECT count(*) FROM days JOIN taps ON days.day >= taps.first_day AND days.day < taps.end_day), 0) AS pours`,
    (r) => [
      near(
        GROUP.business,
        'pours per pouring tap controller-day (the seeds’ totals: 1–2, a real tap pours hundreds)',
        r.pours!,
        expected,
        expected * 1e-6,
      ),
    ],
  );
}
