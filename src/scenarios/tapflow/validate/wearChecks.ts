/**
 * Anomalies are wear, not a trait (issue 13, item 3): they build up towards a technician's visit and
 * drop after it; devices now in maintenance looked like the others in earlier history; a pour is
 * anomalous exactly when a reading is out of range; flow follows pressure; no readings pile onto a
 * range's bound; and nothing pours or reports while its service history has it out of service.
 */
import {
  type CheckContext,
  type CheckResult,
  GROUP,
  result,
  rowChecks,
  shareWithin,
  zero,
} from '../../../validate/check.js';
import { tapflowExpected } from '../plan/expected.js';

/** Out-of-service windows from the maintenance history: from the alarm (or the start of the work) until resolved. */
export const DOWNTIME = `SELECT device_id, CASE WHEN trigger IN ('alarm', 'emergency') THEN reported_at ELSE performed_at END AS down_from,
         coalesce(resolved_at, TIMESTAMPTZ '9999-12-31 00:00:00+00') AS down_to, trigger, resolved_at
  FROM device_maintenance`;

/** A reading on one of its range's bounds may hold at most this share of pours (rounding can land there). */
const BOUND_SHARE = 0.0002;

export async function wearChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { has, manifest } = ctx;
  if (!has('tap_events')) return [];
  const g = GROUP.business;
  const within = (name: string, value: number, lo: number, hi: number) =>
    shareWithin(manifest.scale, g, name, value, lo, hi);
  const checks: CheckResult[] = [];
  const measure = async (sql: string, judge: (r: Record<string, number>) => CheckResult[]) => {
    checks.push(...(await rowChecks(ctx, sql, judge)));
  };
  await measure(
    `SELECT
       count(*) FILTER (WHERE is_anomaly <> (temperature_c NOT BETWEEN 2 AND 6 OR pressure_psi NOT BETWEEN 10 AND 15)
                           OR (anomaly_type = 'temperature_high' AND temperature_c <= 6)
                           OR (anomaly_type = 'temperature_low' AND temperature_c >= 2)
                           OR (anomaly_type = 'pressure_high' AND pressure_psi <= 15)
                           OR (anomaly_type = 'pressure_low' AND pressure_psi >= 10)) AS flag,
       avg((temperature_c IN (2, 6))::INT) AS temp_bound,
       avg((pressure_psi IN (10, 15))::INT) AS psi_bound,
       avg((volume_ml IN (20, 200))::INT) AS volume_bound,
       (SELECT min(c) FROM (SELECT corr(volume_ml / duration_ms, sqrt(pressure_psi)) AS c FROM tap_events
                             WHERE NOT is_anomaly GROUP BY beverage_type HAVING count(*) > 1000)) AS flow
     FROM tap_events`,
    (r) => {
      const bound = (name: string, value: number) =>
        result(g, name, `≤ ${BOUND_SHARE}`, value.toFixed(6), value <= BOUND_SHARE);
      return [
        zero(g, 'pours whose is_anomaly or anomaly_type disagrees with their readings', r.flag!),
        bound('share of pours at exactly 2 or 6 °C (a clipping pile)', r.temp_bound!),
        bound('share of pours at exactly 10 or 15 psi (a clipping pile)', r.psi_bound!),
        bound('share of pours of exactly 20 or 200 ml (a clipping pile)', r.volume_bound!),
        within(
          'flow (ml/ms) against √pressure, normal pours, weakest beverage: correlation',
          r.flow!,
          0.3,
          1,
        ),
      ];
    },
  );
  if (has('device_maintenance') && has('devices')) {
    const { end_us } = tapflowExpected(manifest).time;
    await measure(
      `WITH v AS (${DOWNTIME}), visits AS (SELECT * FROM v WHERE trigger <> 'remote' AND resolved_at IS NOT NULL)
       SELECT
         (SELECT avg(is_anomaly::INT) FROM tap_events e JOIN visits v USING (device_id)
           WHERE e.event_ts >= v.down_from - INTERVAL 30 DAY AND e.event_ts < v.down_from)
         / nullif((SELECT avg(is_anomaly::INT) FROM tap_events e JOIN visits v USING (device_id)
           WHERE e.event_ts >= v.down_to AND e.event_ts < v.down_to + INTERVAL 30 DAY), 0) AS build_up,
         (SELECT avg(is_anomaly::INT) FILTER (WHERE d.status = 'maintenance') / nullif(avg(is_anomaly::INT) FILTER (WHERE d.status <> 'maintenance'), 0)
            FROM tap_events e JOIN devices d USING (device_id) WHERE e.event_ts < make_timestamptz(${end_us}) - INTERVAL 180 DAY) AS trait`,
      (r) => [
        within(
          'anomaly share in the 30 days before a technician’s visit over the 30 days after',
          r.build_up!,
          2,
          1e9,
        ),
        within(
          'devices now in maintenance: anomaly share over other devices’, before the last 180 days',
          r.trait!,
          0.7,
          1.4,
        ),
      ],
    );
    const beats = has('device_heartbeats')
      ? '+ (SELECT count(*) FROM device_heartbeats h JOIN v USING (device_id) WHERE h.heartbeat_ts >= v.down_from AND h.heartbeat_ts < v.down_to)'
      : '';
    await measure(
      `WITH v AS (${DOWNTIME})
       SELECT (SELECT count(*) FROM tap_events e JOIN v USING (device_id) WHERE e.event_ts >= v.down_from AND e.event_ts < v.down_to)
            ${beats} AS n`,
      (r) => [
        zero(
          g,
          'pours or heartbeats while the device was out of service (alarm or work until resolved)',
          r.n!,
        ),
      ],
    );
  }
  return checks;
}
