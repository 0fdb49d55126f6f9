/**
 * device_heartbeats for one day and one range of devices: a beat every 5 minutes from installation
 * (or the day's start) to the device's last signal (last_seen_at, a grid tick), except while its
 * service history has it out of service, so online devices beat all day and a device's last beat is
 * its last_seen_at. Signal strength drifts as an AR(1) series per device. Uptime is the time since
 * the device's last restart: a reboot (per-device events drawn by (device, day) hashes, so every day
 * of the window agrees on them), the end of a service episode, or its installation; never more than
 * its age. The firmware reported is the one its history has installed by then.
 */

import { type Alloc, HEAP, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import { Stream, type StreamState } from '../../../rng/stream.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { releaseOn } from './buildSchedule.js';
import { FIVE_MINUTES_MICROS } from './context.js';
import type { DeviceView } from './deviceView.js';
import { hashUniform } from './hash.js';
import { firmwareAt, lastServiceRestart, outFrom, outTo, type ServiceSchedule } from './serviceSchedule.js';

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
const DEGRADED_BELOW_DBM = -85;

/** Time of the device's reboot on `day` (µs), or NaN if it did not reboot that day. */
export function rebootOn(seed: number, rebootPerDay: number, d: number, day: number): number {
  if (hashUniform(seed, d, day, REBOOT) >= rebootPerDay) return Number.NaN;
  return day * MICROS_PER_DAY + Math.floor(hashUniform(seed, d, day, REBOOT_TIME) * MICROS_PER_DAY);
}

/** The device's last reboot at or before `at`, or its installation. */
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

/** Out-of-service windows of device d that overlap [from, to), as [start, end, …] µs. */
function downtime(s: ServiceSchedule, d: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = s.first[d]!; k < s.first[d + 1]!; k++) {
    const a = outFrom(s, k);
    if (a >= to) break;
    const b = outTo(s, k);
    if (b > from) out.push(a, b);
  }
  return out;
}

function down(windows: readonly number[], t: number): boolean {
  for (let i = 0; i < windows.length; i += 2) if (t >= windows[i]! && t < windows[i + 1]!) return true;
  return false;
}

/** First tick and last tick (µs) device `d` may beat on `day`, and its out-of-service windows then. */
function span(view: DeviceView, s: ServiceSchedule, d: number, day: number): [number, number, number[]] {
  const dayStart = day * MICROS_PER_DAY;
  const first = Math.max(
    dayStart,
    Math.ceil(view.installedAt[d]! / FIVE_MINUTES_MICROS) * FIVE_MINUTES_MICROS,
  );
  const last = Math.min(dayStart + MICROS_PER_DAY - FIVE_MINUTES_MICROS, view.lastSeenAt[d]!);
  return [first, last, last < first ? [] : downtime(s, d, first, last + 1)];
}

/** Beats of device `d` on `day`: every tick from its first to its last, but while out of service. */
export function beatsOn(view: DeviceView, s: ServiceSchedule, d: number, day: number): number {
  const [first, last, windows] = span(view, s, d, day);
  if (last < first) return 0;
  // Most devices are in service all day: count their ticks at once.
  if (!windows.length) return Math.floor((last - first) / FIVE_MINUTES_MICROS) + 1;
  let n = 0;
  for (let t = first; t <= last; t += FIVE_MINUTES_MICROS) if (!down(windows, t)) n++;
  return n;
}

export function generateHeartbeats(
  cfg: Config['device_heartbeats'],
  seed: number,
  view: DeviceView,
  schedule: ServiceSchedule,
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
    const [first, last, windows] = span(view, schedule, d, shard.day);
    if (last < first) continue;
    const installed = view.installedAt[d]!;
    const factory = releaseOn(Math.floor(installed / MICROS_PER_DAY));
    // Start each device-day from the stationary distribution, so a day needs nothing from the one before.
    let x = mean + sd * signalStream.normal();
    let restart = Math.max(
      lastRestart(seed, cfg.reboot_per_day, installed, d, first),
      lastServiceRestart(schedule, d, first),
    );
    const reboot = rebootOn(seed, cfg.reboot_per_day, d, shard.day);
    let fw = firmwareAt(schedule, d, factory, first);
    for (let t = first; t <= last; t += FIVE_MINUTES_MICROS) {
      if (windows.length && down(windows, t)) continue;
      if (reboot <= t && reboot > restart) restart = reboot;
      if (windows.length) {
        // Back from an episode today: it restarted then, perhaps with new firmware.
        restart = Math.max(restart, lastServiceRestart(schedule, d, t));
        fw = firmwareAt(schedule, d, factory, t);
      }
      device[i] = d + 1;
      location[i] = view.locationId[d]!;
      account[i] = view.accountId[d]!;
      setInt64(tsView, i, t);
      signal[i] = Math.round(x * 10) / 10;
      status[i] = x < DEGRADED_BELOW_DBM ? 1 : 0;
      uptime[i] = Math.floor((t - restart) / 1_000_000);
      firmware[i] = fw;
      x = mean + persistence * (x - mean) + innovation * signalStream.normal();
      i++;
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
