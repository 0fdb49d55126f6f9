/**
 * device_heartbeats for one day and one range of devices: a beat every 5 minutes from installation
 * (or the day's start) to the device's last signal (last_seen_at, a grid tick), so online devices
 * beat all day and a device's last beat is its last_seen_at. Signal strength drifts as an AR(1)
 * series per device. Uptime is the time since the device's last reboot: reboots are per-device
 * events drawn by (device, day) hashes, so every day of the window agrees on them, and a device that
 * never rebooted reports the time since its installation, never more.
 */

import { type Alloc, HEAP, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import { Stream, type StreamState } from '../../../rng/stream.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { FIVE_MINUTES_MICROS } from './context.js';
import type { DeviceView } from './deviceView.js';
import { hashUniform } from './hash.js';

export interface BeatShard {
  readonly day: number;
  /** Devices [deviceStart, deviceEnd) (0-based indexes). */
  readonly deviceStart: number;
  readonly deviceEnd: number;
  readonly rows: number;
  readonly state: StreamState;
}

const SLOT = { signal: 0 } as const;
/** Keys of the hashed per-device events (hashUniform's third key). */
const REBOOT = 1;
const REBOOT_TIME = 2;

/** Time of the device's reboot on `day` (µs), or NaN if it did not reboot that day. */
export function rebootOn(seed: number, rebootPerDay: number, d: number, day: number): number {
  if (hashUniform(seed, d, day, REBOOT) >= rebootPerDay) return Number.NaN;
  return day * MICROS_PER_DAY + Math.floor(hashUniform(seed, d, day, REBOOT_TIME) * MICROS_PER_DAY);
}

/** The device's last restart at or before `at`: its last reboot, or its installation. */
export function lastRestart(
  seed: number,
  rebootPerDay: number,
  installedAt: number,
  d: number,
  at: number,
): number {
  const installDay = Math.floor(installedAt / MICROS_PER_DAY);
  for (let day = Math.floor(at / MICROS_PER_DAY); day >= installDay; day--) {
    const r = rebootOn(seed, rebootPerDay, d, day);
    if (r <= at && r > installedAt) return r;
  }
  return installedAt;
}
const DEGRADED_BELOW_DBM = -85;

/** First tick and number of beats of device `d` on `day` (0 beats when it does not report that day). */
export function beatsOn(view: DeviceView, d: number, day: number): [number, number] {
  const dayStart = day * MICROS_PER_DAY;
  const first = Math.max(
    dayStart,
    Math.ceil(view.installedAt[d]! / FIVE_MINUTES_MICROS) * FIVE_MINUTES_MICROS,
  );
  const last = Math.min(dayStart + MICROS_PER_DAY - FIVE_MINUTES_MICROS, view.lastSeenAt[d]!);
  return last < first ? [first, 0] : [first, Math.floor((last - first) / FIVE_MINUTES_MICROS) + 1];
}

export function generateHeartbeats(
  cfg: Config['device_heartbeats'],
  seed: number,
  view: DeviceView,
  shard: BeatShard,
  alloc: Alloc = HEAP,
): Batch {
  const n = shard.rows;
  const device = alloc.i32(n);
  const location = alloc.i32(n);
  const account = alloc.i32(n);
  const ts = alloc.i64(n);
  const tsView = int32Pairs(ts);
  const status = alloc.u8(n);
  const signal = alloc.f64(n);
  const uptime = alloc.i32(n);
  const firmware = alloc.u8(n);
  const signalStream = new Stream(shard.state, SLOT.signal);
  const { mean, sd, persistence } = cfg.signal_dbm;
  const innovation = sd * Math.sqrt(1 - persistence * persistence);
  let i = 0;
  for (let d = shard.deviceStart; d < shard.deviceEnd; d++) {
    const [first, beats] = beatsOn(view, d, shard.day);
    if (beats === 0) continue;
    // Start each device-day from the stationary distribution, so a day needs nothing from the one before.
    let x = mean + sd * signalStream.normal();
    let restart = lastRestart(seed, cfg.reboot_per_day, view.installedAt[d]!, d, first);
    const reboot = rebootOn(seed, cfg.reboot_per_day, d, shard.day);
    for (let k = 0; k < beats; k++, i++) {
      const at = first + k * FIVE_MINUTES_MICROS;
      if (reboot <= at && reboot > restart) restart = reboot;
      device[i] = d + 1;
      location[i] = view.locationId[d]!;
      account[i] = view.accountId[d]!;
      setInt64(tsView, i, at);
      signal[i] = Math.round(x * 10) / 10;
      status[i] = x < DEGRADED_BELOW_DBM ? 1 : 0;
      uptime[i] = Math.floor((at - restart) / 1_000_000);
      firmware[i] = view.firmware[d]!;
      x = mean + persistence * (x - mean) + innovation * signalStream.normal();
    }
  }
  if (i !== n) throw new Error(`device_heartbeats: generated ${i} beats for a shard planned with ${n}`);
  return {
    table: 'device_heartbeats',
    rows: n,
    columns: {
      device_id: device,
      heartbeat_ts: ts,
      location_id: location,
      account_id: account,
      status,
      signal_dbm: signal,
      uptime_s: uptime,
      firmware_version: firmware,
    },
    validity: {},
  };
}
