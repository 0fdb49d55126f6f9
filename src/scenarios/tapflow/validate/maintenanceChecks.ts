/**
 * Maintenance looks like field service (issue 13, item 6): every device type is serviced; technicians
 * work in local working hours on working days, with emergencies outside; resolution time depends on
 * the work; firmware updates change the firmware that devices and heartbeats report; notes vary; and
 * the share of devices out of service through the history matches the snapshot's maintenance share.
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
import { DOWNTIME } from './wearChecks.js';
import { DAY_US, inWindows } from './windows.js';

/** A version string as a list of integers, so versions compare numerically. */
const version = (v: string) => `list_transform(string_split(${v}, '.'), x -> x::INT)`;

export async function maintenanceChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { has, manifest } = ctx;
  if (!has('device_maintenance') || !has('devices')) return [];
  const g = GROUP.business;
  const within = (name: string, value: number, lo: number, hi: number) =>
    shareWithin(manifest.scale, g, name, value, lo, hi);
  const { end_us, heartbeat_days } = tapflowExpected(manifest).time;
  const checks: CheckResult[] = [];
  const measure = async (sql: string, judge: (r: Record<string, number>) => CheckResult[]) => {
    checks.push(...(await rowChecks(ctx, sql, judge)));
  };
  await measure(
    `WITH life AS (SELECT device_type, sum(epoch(least(make_timestamptz(${end_us}), last_seen_at + INTERVAL 1 DAY) - installed_at)) / 86400 / 365.25 AS years
                   FROM devices GROUP BY 1),
          per AS (SELECT d.device_type, count(*) / any_value(l.years) AS rate FROM device_maintenance m
                  JOIN devices d USING (device_id) JOIN life l USING (device_type) GROUP BY 1)
     SELECT (SELECT coalesce(min(rate), 0) FROM per) AS least_rate,
            (SELECT count(*) FROM life) - (SELECT count(*) FROM per) AS unserviced,
            (SELECT median(epoch(resolved_at - performed_at) / 3600) FROM device_maintenance WHERE maintenance_type = 'firmware_update') AS firmware_h,
            (SELECT median(epoch(resolved_at - performed_at) / 3600) FROM device_maintenance WHERE maintenance_type = 'repair') AS repair_h,
            (SELECT median(epoch(resolved_at - performed_at) / 3600) FROM device_maintenance WHERE trigger = 'planned') AS planned_h,
            (SELECT count(DISTINCT notes) FROM device_maintenance) AS notes`,
    (r) => [
      zero(g, 'device types without any maintenance', r.unserviced!),
      within('maintenance entries per device-year, least serviced device type', r.least_rate!, 0.5, 5),
      within('median hours to resolve a firmware update', r.firmware_h!, 0, 1),
      within('median hours to resolve a repair (parts included)', r.repair_h!, 24, 24 * 60),
      within('median hours of a planned visit', r.planned_h!, 0.25, 8),
      within('distinct maintenance notes', r.notes!, 30, 1000),
    ],
  );
  if (has('locations')) {
    await measure(
      `SELECT avg((hour(lt) >= 8 AND hour(lt) < 17 AND isodow(lt) <= 5)::INT) AS share
       FROM (SELECT timezone(l.timezone, m.performed_at) AS lt FROM device_maintenance m JOIN locations l USING (location_id)
             WHERE m.trigger IN ('planned', 'alarm', 'emergency'))`,
      (r) => [
        within('technicians’ work started in local working hours (Mon–Fri 8–17)', r.share!, 0.75, 0.99),
      ],
    );
  }
  // Each firmware update reigns from its resolution until the device's next update: a heartbeat in
  // that window must report its release (the update an as-of join would pick for it).
  const reigns = `SELECT device_id, epoch_us(resolved_at) AS f, firmware_version AS installed,
      coalesce(epoch_us(lead(resolved_at) OVER (PARTITION BY device_id ORDER BY resolved_at)), ${Number.MAX_SAFE_INTEGER}) AS t
    FROM updates`;
  const beatRows = 'SELECT device_id, epoch_us(heartbeat_ts) AS ts, firmware_version FROM device_heartbeats';
  const beatDays = { widthUs: DAY_US, fromUs: end_us - heartbeat_days * DAY_US, toUs: end_us };
  const beats = has('device_heartbeats')
    ? `+ (SELECT count(*) FROM ${inWindows(beatRows, reigns, beatDays)} AND firmware_version <> installed)`
    : '';
  await measure(
    `WITH updates AS (SELECT device_id, resolved_at, firmware_version FROM device_maintenance
                      WHERE maintenance_type = 'firmware_update' AND resolved_at IS NOT NULL)
     SELECT
       (SELECT count(*) FROM devices d ASOF JOIN updates u ON d.device_id = u.device_id AND d.last_seen_at >= u.resolved_at
         WHERE d.firmware_version <> u.firmware_version)
       ${beats} AS reported,
       (SELECT count(*) FROM (SELECT ${version('firmware_version')} AS v,
                                     lag(${version('firmware_version')}) OVER (PARTITION BY device_id ORDER BY resolved_at) AS before
                              FROM updates) WHERE v <= before) AS backwards,
       (SELECT count(*) FROM device_maintenance WHERE (maintenance_type = 'firmware_update') <> (firmware_version IS NOT NULL)) AS unlabelled`,
    (r) => [
      zero(g, 'devices or heartbeats reporting other firmware than their last update installed', r.reported!),
      zero(
        g,
        'firmware updates to an older or the same release, or labelled wrongly',
        r.backwards! + r.unlabelled!,
      ),
    ],
  );
  // History and snapshot agree: out of service at the month-ends of the last two years (reporting
  // devices: installed, and not yet silent for good) as often as devices are in maintenance now.
  await measure(
    `WITH t AS (SELECT r AS t FROM range(make_timestamptz(${end_us}) - INTERVAL 24 MONTH, make_timestamptz(${end_us}), INTERVAL 1 MONTH) x(r)),
          v AS (${DOWNTIME})
     SELECT avg(down::DOUBLE / nullif(live, 0)) AS share FROM (
       SELECT t.t,
              (SELECT count(*) FROM devices d WHERE d.installed_at < t.t AND (d.status <> 'offline' OR d.last_seen_at > t.t)) AS live,
              (SELECT count(DISTINCT device_id) FROM v WHERE v.down_from <= t.t AND v.down_to > t.t AND v.trigger <> 'remote') AS down
       FROM t)`,
    (r) => [
      within('share of reporting devices out of service at month-ends, last 24 months', r.share!, 0.04, 0.09),
    ],
  );
  return checks;
}
