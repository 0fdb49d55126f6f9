import { describe, expect, it } from 'vitest';
import {
  beatsOn,
  generateHeartbeats,
  lastRestart,
  rebootOn,
} from '../src/scenarios/tapflow/generate/heartbeats.js';
import { MICROS_PER_DAY } from '../src/time/calendar.js';
import { config, devices, endDay, s0, schedule } from './fixtures.js';

const day0 = endDay - 5;

describe('device_heartbeats', () => {
  it('counts beats on the 5-minute grid from installation to the last signal, but while out of service', () => {
    expect(beatsOn(devices, schedule, 0, endDay)).toBe(288);
    // device 4 was installed at 02:00 on 2025-06-20
    expect(beatsOn(devices, schedule, 3, day0)).toBe(288 - 24);
    // device 5 went into maintenance at 10:02 that day: beats 00:00 … 10:00
    expect(beatsOn(devices, schedule, 4, day0)).toBe(121);
    expect(beatsOn(devices, schedule, 4, endDay)).toBe(0);
    // device 1's alarm at 13:00 20 days before: beats until 12:55, none while waiting for parts,
    // again from its return at 15:00 a week later
    expect(beatsOn(devices, schedule, 0, day0 - 20)).toBe(13 * 12);
    expect(beatsOn(devices, schedule, 0, day0 - 15)).toBe(0);
    expect(beatsOn(devices, schedule, 0, day0 - 12)).toBe(9 * 12);
  });

  it('restarts the uptime when the device comes back from a repair', () => {
    const rows = beatsOn(devices, schedule, 0, day0 - 12);
    const batch = generateHeartbeats(config.device_heartbeats, 42, devices, schedule, {
      day: day0 - 12,
      deviceStart: 0,
      deviceEnd: 1,
      rows,
      state: s0,
    });
    const up = batch.columns.uptime_s as Int32Array;
    expect(Number((batch.columns.heartbeat_ts as BigInt64Array)[0])).toBe(
      (day0 - 12) * MICROS_PER_DAY + 15 * 3_600_000_000,
    );
    expect(up[0]).toBe(0);
    expect(up[12]).toBeLessThanOrEqual(3600);
  });

  it('ends every device’s beats at its last_seen_at and keeps values plausible', () => {
    const rows = [0, 1, 2, 3, 4].reduce((a, d) => a + beatsOn(devices, schedule, d, endDay), 0);
    const batch = generateHeartbeats(config.device_heartbeats, 42, devices, schedule, {
      day: endDay,
      deviceStart: 0,
      deviceEnd: 5,
      rows,
      state: s0,
    });
    const id = batch.columns.device_id as Int32Array;
    const ts = Array.from(batch.columns.heartbeat_ts as BigInt64Array, Number);
    const signal = batch.columns.signal_dbm as Float64Array;
    const status = batch.columns.status as Uint8Array;
    expect(batch.rows).toBe(4 * 288);
    for (let d = 1; d <= 4; d++) {
      const last = Math.max(...ts.filter((_, i) => id[i] === d));
      expect(last).toBe(devices.lastSeenAt[d - 1]);
    }
    for (let i = 0; i < batch.rows; i++) {
      expect(signal[i]).toBeGreaterThan(-110);
      expect(signal[i]).toBeLessThan(-30);
      expect(status[i]).toBe(signal[i]! < -85 ? 1 : 0);
    }
    expect(() =>
      generateHeartbeats(config.device_heartbeats, 42, devices, schedule, {
        day: endDay,
        deviceStart: 0,
        deviceEnd: 5,
        rows: rows + 1,
        state: s0,
      }),
    ).toThrow(/generated 1152 beats for a shard planned with 1153/);
  });

  it('reports the time since the last reboot, or since installation, never more than the device’s age', () => {
    const rows = [0, 1, 2, 3, 4].reduce((a, d) => a + beatsOn(devices, schedule, d, day0), 0);
    const batch = generateHeartbeats(config.device_heartbeats, 42, devices, schedule, {
      day: day0,
      deviceStart: 0,
      deviceEnd: 5,
      rows,
      state: s0,
    });
    const id = batch.columns.device_id as Int32Array;
    const ts = Array.from(batch.columns.heartbeat_ts as BigInt64Array, Number);
    const up = batch.columns.uptime_s as Int32Array;
    for (let i = 0; i < batch.rows; i++) {
      const d = id[i]! - 1;
      const age = (ts[i]! - devices.installedAt[d]!) / 1e6;
      expect(up[i]).toBeLessThanOrEqual(age);
      expect(up[i]).toBe(
        Math.floor((ts[i]! - lastRestart(42, 0.02, devices.installedAt[d]!, d, ts[i]!)) / 1e6),
      );
    }
    // device 4 was installed that morning and has not rebooted since: its uptime is its age
    const first4 = id.indexOf(4);
    expect(up[first4]).toBe((ts[first4]! - devices.installedAt[3]!) / 1e6);
  });

  it('agrees on reboots from any day: a reboot is a hashed per-device event', () => {
    let found = 0;
    const installed = devices.installedAt[4]!; // 300 days before the test day
    for (let day = Math.floor(installed / MICROS_PER_DAY) + 1; day <= endDay; day++) {
      const r = rebootOn(42, 0.02, 4, day);
      if (Number.isNaN(r)) continue;
      found++;
      expect(Math.floor(r / MICROS_PER_DAY)).toBe(day);
      expect(lastRestart(42, 0.02, installed, 4, r + 1)).toBe(r);
      expect(rebootOn(42, 0.02, 4, day)).toBe(r);
    }
    expect(found).toBeGreaterThan(2);
    expect(found).toBeLessThan(20);
  });
});
