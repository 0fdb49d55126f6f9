/** Heartbeats report the firmware of the device's latest update before them (each update reigns until the next). */
import { describe, expect, it } from 'vitest';
import { maintenanceChecks } from '../../../../src/scenarios/tapflow/validate/maintenanceChecks.js';
import { measured, rows } from './synthetic.js';

const at = (t: string) => `TIMESTAMPTZ '${t}+00'`;

const tables = (beats: string[]) => ({
  devices: rows('device_id, device_type, status, installed_at, last_seen_at, firmware_version', [
    `1, 'sensor', 'online', ${at('2024-01-01 00:00:00')}, ${at('2025-06-25 23:55:00')}, '2.2.0'`,
  ]),
  device_maintenance: rows(
    'device_id, maintenance_type, trigger, notes, reported_at, performed_at, resolved_at, firmware_version',
    [
      `1, 'firmware_update', 'remote', 'update', ${at('2025-06-20 00:00:00')}, ${at('2025-06-20 00:00:00')}, ${at('2025-06-20 00:10:00')}, '2.1.0'`,
      `1, 'firmware_update', 'remote', 'update', ${at('2025-06-25 06:00:00')}, ${at('2025-06-25 06:00:00')}, ${at('2025-06-25 06:10:00')}, '2.2.0'`,
    ],
  ),
  device_heartbeats: rows('device_id, heartbeat_ts, firmware_version', beats),
});

const reported = 'devices or heartbeats reporting other firmware than their last update installed';

describe('firmware reported by heartbeats', () => {
  const good = [
    `1, ${at('2025-06-19 12:00:00')}, '1.0.0'`, // before any update: nothing to compare with
    `1, ${at('2025-06-24 23:00:00')}, '2.1.0'`,
    `1, ${at('2025-06-25 06:10:00')}, '2.2.0'`, // the instant the update resolved
    `1, ${at('2025-06-25 23:55:00')}, '2.2.0'`,
  ];

  it('agree with the update in force', async () => {
    expect((await measured(maintenanceChecks, tables(good)))[reported]).toBe('0');
  });

  it('count beats reporting a release before or after its reign', async () => {
    const bad = [`1, ${at('2025-06-25 06:09:59')}, '2.2.0'`, `1, ${at('2025-06-21 00:00:00')}, '2.2.0'`];
    expect((await measured(maintenanceChecks, tables([...good, ...bad])))[reported]).toBe('2');
  });
});
