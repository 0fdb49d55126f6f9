/**
 * device_heartbeats for one day and one range of devices: a beat every 5 minutes from installation
 * (or the day's start) to the device's last signal (last_seen_at, a grid tick), so online devices
 * beat all day and a device's last beat is its last_seen_at. Signal strength drifts as an AR(1)
 * series per device; uptime grows by the interval and restarts on the odd reboot.
 */

import { type Alloc, HEAP, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import { Stream, type StreamState } from '../../../rng/stream.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { FIVE_MINUTES_MICROS } from './context.js';
import type { DeviceView } from './deviceView.js';

export interface BeatShard {
  readonly day: number;
  /** Devices [deviceStart, deviceEnd) (0-based indexes). */
  readonly deviceStart: number;
  readonly deviceEnd: number;
  readonly rows: number;
  readonly state: StreamState;
}

const SLOT = { signal: 0, uptime: 1 } as const;
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
  const uptimeStream = new Stream(shard.state, SLOT.uptime);
  const { mean, sd, persistence } = cfg.signal_dbm;
  const innovation = sd * Math.sqrt(1 - persistence * persistence);
  const rebootP = cfg.reboot_per_day / (MICROS_PER_DAY / FIVE_MINUTES_MICROS);
  const step = FIVE_MINUTES_MICROS / 1_000_000;
  let i = 0;
  for (let d = shard.deviceStart; d < shard.deviceEnd; d++) {
    const [first, beats] = beatsOn(view, d, shard.day);
    if (beats === 0) continue;
    // Start each device-day from the stationary distribution, so a day needs nothing from the one before.
    let x = mean + sd * signalStream.normal();
    let up = Math.floor(uptimeStream.next() * 30 * 86_400);
    for (let k = 0; k < beats; k++, i++) {
      device[i] = d + 1;
      location[i] = view.locationId[d]!;
      account[i] = view.accountId[d]!;
      setInt64(tsView, i, first + k * FIVE_MINUTES_MICROS);
      signal[i] = Math.round(x * 10) / 10;
      status[i] = x < DEGRADED_BELOW_DBM ? 1 : 0;
      uptime[i] = up;
      firmware[i] = view.firmware[d]!;
      x = mean + persistence * (x - mean) + innovation * signalStream.normal();
      up = uptimeStream.next() < rebootP ? 0 : up + step;
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
