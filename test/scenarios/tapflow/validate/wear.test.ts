/** Wear around technicians' visits and service windows: exact values on a few hand-made pours. */
import { describe, expect, it } from 'vitest';
import { wearChecks } from '../../../../src/scenarios/tapflow/validate/wearChecks.js';
import { measured, rows } from './synthetic.js';

/** A pour of device `d` at UTC time `at`; anomalous ones read 7 °C. */
const pour = (d: number, at: string, anomaly: boolean) =>
  `${d}, TIMESTAMPTZ '${at}+00', ${anomaly}, ${anomaly ? 7 : 4}, 12, ${anomaly ? "'temperature_high'" : 'NULL'}, 100, 2000, 'beer'`;

const tables = (extra: string[] = []) => ({
  tap_events: rows(
    'device_id, event_ts, is_anomaly, temperature_c, pressure_psi, anomaly_type, volume_ml, duration_ms, beverage_type',
    [
      pour(1, '2024-02-01 12:00:00', true), // 38 days before the visit: outside
      pour(1, '2024-02-20 12:00:00', true), // the 30 days before: 2 of 3 anomalous
      pour(1, '2024-03-01 12:00:00', true),
      pour(1, '2024-03-05 12:00:00', false),
      pour(1, '2024-03-15 12:00:00', false), // the 30 days after: 1 of 2
      pour(1, '2024-03-20 12:00:00', true),
      pour(1, '2024-04-15 12:00:00', true), // 36 days after: outside
      pour(2, '2024-05-01 12:00:00', true), // device 2, in maintenance now: 1 of 4
      pour(2, '2024-05-02 12:00:00', false),
      pour(2, '2024-05-03 12:00:00', false),
      pour(2, '2024-05-04 12:00:00', false),
      ...extra,
    ],
  ),
  devices: rows('device_id, status', [`1, 'online'`, `2, 'maintenance'`]),
  device_maintenance: rows('device_id, trigger, reported_at, performed_at, resolved_at', [
    // A planned visit: out of service from 00:00 to 02:00.
    `1, 'planned', TIMESTAMPTZ '2024-03-09 08:00:00+00', TIMESTAMPTZ '2024-03-10 00:00:00+00', TIMESTAMPTZ '2024-03-10 02:00:00+00'`,
    // An alarm still open: out of service from its report on.
    `2, 'alarm', TIMESTAMPTZ '2025-06-25 10:00:00+00', TIMESTAMPTZ '2025-06-25 12:00:00+00', NULL`,
  ]),
  device_heartbeats: rows('device_id, heartbeat_ts', [
    `1, TIMESTAMPTZ '2025-06-25 11:00:00+00'`,
    `2, TIMESTAMPTZ '2025-06-25 09:55:00+00'`,
  ]),
});

const buildUp = 'anomaly share in the 30 days before a technician’s visit over the 30 days after';
const trait = 'devices now in maintenance: anomaly share over other devices’, before the last 180 days';
const outOfService = 'pours or heartbeats while the device was out of service (alarm or work until resolved)';

describe('wear checks', () => {
  it('measure the anomaly build-up before a visit and the trait of devices in maintenance', async () => {
    const m = await measured(wearChecks, tables());
    expect(m[buildUp]).toBe('1.3333'); // (2/3) / (1/2)
    expect(m[trait]).toBe('0.3500'); // device 2: 1 of 4 anomalous; device 1: 5 of 7
    expect(m[outOfService]).toBe('0');
    expect(m['pours whose is_anomaly or anomaly_type disagrees with their readings']).toBe('0');
  });

  it('measure clipping piles over every beverage, one scan grouped by beverage', async () => {
    // A soda at both bounds of temperature, pressure and volume: 1 of 12 pours, counted across beverages.
    const m = await measured(
      wearChecks,
      tables([`1, TIMESTAMPTZ '2024-01-01 12:00:00+00', false, 2, 15, NULL, 20, 2000, 'soda'`]),
    );
    expect(m['share of pours at exactly 2 or 6 °C (a clipping pile)']).toBe('0.083333');
    expect(m['share of pours at exactly 10 or 15 psi (a clipping pile)']).toBe('0.083333');
    expect(m['share of pours of exactly 20 or 200 ml (a clipping pile)']).toBe('0.083333');
    expect(m['pours whose is_anomaly or anomaly_type disagrees with their readings']).toBe('0');
  });

  it('count pours and heartbeats inside service windows, open ones included', async () => {
    const m = await measured(wearChecks, {
      ...tables([pour(1, '2024-03-10 01:00:00', false), pour(2, '2025-06-25 10:00:00', false)]),
      device_heartbeats: rows('device_id, heartbeat_ts', [
        `1, TIMESTAMPTZ '2025-06-25 11:00:00+00'`,
        `2, TIMESTAMPTZ '2025-06-25 11:00:00+00'`,
      ]),
    });
    expect(m[outOfService]).toBe('3');
    // The pour in the visit's window is in neither 30-day window.
    expect(m[buildUp]).toBe('1.3333');
  });
});
