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
import { DAY_US, inWindows } from './windows.js';

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
  // One scan: counts per beverage (the flow correlation is per beverage), summed over them.
  await measure(
    `WITH b AS (SELECT
       count(*) FILTER (WHERE is_anomaly <> (temperature_c NOT BETWEEN 2 AND 6 OR pressure_psi NOT BETWEEN 10 AND 15)
                           OR (anomaly_type = 'temperature_high' AND temperature_c <= 6)
                           OR (anomaly_type = 'temperature_low' AND temperature_c >= 2)
                           OR (anomaly_type = 'pressure_high' AND pressure_psi <= 15)
                           OR (anomaly_type = 'pressure_low' AND pressure_psi >= 10)) AS flag,
       count(temperature_c) AS temps, count(pressure_psi) AS psis, count(volume_ml) AS volumes,
       count(*) FILTER (WHERE temperature_c IN (2, 6)) AS temp_bound,
       count(*) FILTER (WHERE pressure_psi IN (10, 15)) AS psi_bound,
       count(*) FILTER (WHERE volume_ml IN (20, 200)) AS volume_bound,
       count(*) FILTER (WHERE NOT is_anomaly) AS normal,
       corr(volume_ml / duration_ms, sqrt(pressure_psi)) FILTER (WHERE NOT is_anomaly) AS c
     FROM tap_events GROUP BY beverage_type)
     SELECT coalesce(sum(flag), 0) AS flag, sum(temp_bound) / sum(temps) AS temp_bound, sum(psi_bound) / sum(psis) AS psi_bound,
            sum(volume_bound) / sum(volumes) AS volume_bound, min(c) FILTER (WHERE normal > 1000) AS flow
     FROM b`,
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
    const { start_us, end_us, heartbeat_days } = tapflowExpected(manifest).time;
    const pours = 'SELECT device_id, epoch_us(event_ts) AS ts, is_anomaly::INT AS anomaly FROM tap_events';
    // The 30 days before and after each technician's visit, as windows of their own.
    const around = `WITH v AS (${DOWNTIME}), visits AS (SELECT * FROM v WHERE trigger <> 'remote' AND resolved_at IS NOT NULL)
      SELECT device_id, epoch_us(down_from) - ${30 * DAY_US} AS f, epoch_us(down_from) AS t, true AS before FROM visits
      UNION ALL SELECT device_id, epoch_us(down_to), epoch_us(down_to) + ${30 * DAY_US}, false FROM visits`;
    const weeks = { widthUs: 7 * DAY_US, fromUs: start_us, toUs: end_us };
    await measure(
      `SELECT
         (SELECT avg(anomaly) FILTER (WHERE before) / nullif(avg(anomaly) FILTER (WHERE NOT before), 0)
            FROM ${inWindows(pours, around, weeks)}) AS build_up,
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
    const down = `SELECT device_id, epoch_us(down_from) AS f, epoch_us(down_to) AS t FROM (${DOWNTIME})`;
    const days = { widthUs: DAY_US, fromUs: start_us, toUs: end_us };
    // Heartbeats cover the last days only: buckets over those days keep the windows' lists short.
    const beatDays = { ...days, fromUs: end_us - heartbeat_days * DAY_US };
    const beats = has('device_heartbeats')
      ? `+ (SELECT count(*) FROM ${inWindows('SELECT device_id, epoch_us(heartbeat_ts) AS ts FROM device_heartbeats', down, beatDays)})`
      : '';
    await measure(`SELECT (SELECT count(*) FROM ${inWindows(pours, down, days)}) ${beats} AS n`, (r) => [
      zero(g, 'pours or heartbeats while the device was out of service (alarm or work until resolved)', r.n!),
    ]);
  }
  return checks;
}
