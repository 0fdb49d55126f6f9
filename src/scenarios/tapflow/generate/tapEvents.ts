/**
 * One tap_events shard: `rows` pours of one UTC day, rows [firstRow, firstRow + rows) of the day's
 * `dayRows`. Row r's time is the day's intraday distribution at quantile (r + jitter) / dayRows, so
 * times ascend across rows and shards without sorting, and any shard is generated on its own.
 */

import { type Alloc, HEAP, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { DayShard } from '../../../generate/dayShard.js';
import { DayWindows } from '../../../generate/dayWindows.js';
import { pickCumulative, Stream } from '../../../rng/stream.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../../../time/calendar.js';
import type { ZoneOffsets } from '../../../time/zoneOffsets.js';
import { ANOMALY_TYPES, BEVERAGES, type Config, VENUES } from '../config.js';
import { type DeviceView, deviceFade, pouringDays } from './deviceView.js';
import { dayShape, GROUPS } from './profiles.js';

/** One tap_events shard: a day's chunk with its own stream (see DayShard). */
export type TapShard = DayShard;

export interface TapContext {
  readonly events: Config['tap_events'];
  readonly offsets: ZoneOffsets;
  readonly endDay: number;
  readonly lastTickMicros: number;
  /** Index of 'online' in the device status enum. */
  readonly online: number;
  readonly pouring: PouringWindows;
  /** Activity left at the churn of a fading account (config accounts.churn.fade_floor). */
  readonly fadeFloor: number;
}

/** Devices pouring on a day, weighted by their rate, one selection per (zone, venue) group. */
export interface PouringWindows {
  readonly groups: readonly DayWindows[];
}

export function pouringWindows(view: DeviceView, endDay: number, online: number): PouringWindows {
  const first = new Int32Array(view.count).fill(1);
  const last = new Int32Array(view.count);
  const perGroup: number[][] = Array.from({ length: GROUPS }, () => []);
  for (let d = 0; d < view.count; d++) {
    if (view.rate[d] === 0) continue;
    [first[d], last[d]] = pouringDays(view, d, endDay, online);
    if (first[d]! <= last[d]!) perGroup[view.group[d]!]!.push(d);
  }
  return { groups: perGroup.map((m) => new DayWindows(first, last, view.rate, Int32Array.from(m))) };
}

/** Column slots of the shard's stream (never renumber; add new columns at the end). */
const SLOT = {
  time: 0,
  group: 1,
  device: 2,
  beverage: 3,
  volume: 4,
  duration: 5,
  temperature: 6,
  pressure: 7,
  anomaly: 8,
  anomalyKind: 9,
} as const;

const TEMP_HIGH = ANOMALY_TYPES.indexOf('temperature_high');
const TEMP_LOW = ANOMALY_TYPES.indexOf('temperature_low');
const PRESSURE_HIGH = ANOMALY_TYPES.indexOf('pressure_high');

/** Devices pouring on `day`, grouped by (zone, venue), each group with cumulative rates (fading accounts pour less). */
export function poursOnDay(ctx: TapContext, view: DeviceView, day: number) {
  const devices: Int32Array[] = [];
  const cumulative: Float64Array[] = [];
  const total = new Float64Array(GROUPS);
  const fade = deviceFade(view, ctx.fadeFloor);
  for (let g = 0; g < GROUPS; g++) {
    const pouring = ctx.pouring.groups[g]!.on(day, fade);
    devices.push(pouring.ids);
    cumulative.push(pouring.cumulative);
    total[g] = pouring.cumulative.at(-1) ?? 0;
  }
  return { devices, cumulative, total };
}

export function generateTapShard(
  ctx: TapContext,
  view: DeviceView,
  shard: TapShard,
  alloc: Alloc = HEAP,
): Batch {
  const { day, rows: n, dayRows, firstRow, firstId, state } = shard;
  const ev = ctx.events;
  const pours = poursOnDay(ctx, view, day);
  const active = Array.from(pours.total, (t, g) => (t > 0 ? g : -1)).filter((g) => g >= 0);
  const cutoff = day === ctx.endDay ? ctx.lastTickMicros : (day + 1) * MICROS_PER_DAY;
  const shape = dayShape(ev, ctx.offsets, day, cutoff, active);

  // Per UTC hour: the day's cumulative weight, and the cumulative weight of each group within it.
  const hourCum = new Float64Array(24);
  const groupCum = new Float64Array(24 * GROUPS);
  let acc = 0;
  for (let u = 0; u < 24; u++) {
    let inHour = 0;
    for (let g = 0; g < GROUPS; g++) {
      inHour += pours.total[g]! * shape.weights[g * 24 + u]!;
      groupCum[u * GROUPS + g] = inHour;
    }
    hourCum[u] = acc += inHour;
  }
  if (!(acc > 0))
    throw new Error(`tap_events: no device pours on day ${day}, but the plan gave it ${dayRows} rows`);

  const ids = alloc.i64(n);
  const ts = alloc.i64(n);
  const idView = int32Pairs(ids);
  const tsView = int32Pairs(ts);
  const device = alloc.i32(n);
  const location = alloc.i32(n);
  const account = alloc.i32(n);
  const beverage = alloc.u8(n);
  const volume = alloc.f64(n);
  const duration = alloc.i32(n);
  const temperature = alloc.f64(n);
  const pressure = alloc.f64(n);
  const anomaly = alloc.u8(n);
  const anomalyType = alloc.u8(n);
  const hourOf = alloc.u8(n);

  // Time: stratified quantiles of the day's piecewise-uniform hourly density.
  const jitter = new Stream(state, SLOT.time);
  const dayStart = day * MICROS_PER_DAY;
  let u = 0;
  for (let i = 0; i < n; i++) {
    const target = ((firstRow + i + jitter.next()) / dayRows) * acc;
    while (u < 23 && hourCum[u]! <= target) u++;
    const below = u === 0 ? 0 : hourCum[u - 1]!;
    const within = (target - below) / (hourCum[u]! - below);
    hourOf[i] = u;
    setInt64(idView, i, firstId + i);
    setInt64(tsView, i, Math.floor(dayStart + u * MICROS_PER_HOUR + within * shape.spans[u]!));
  }

  // Device: a group by its weight in that hour, then a device by its rate within the group.
  const groupStream = new Stream(state, SLOT.group);
  const hourGroups = Array.from({ length: 24 }, (_, h) => groupCum.subarray(h * GROUPS, (h + 1) * GROUPS));
  const deviceStream = new Stream(state, SLOT.device);
  for (let i = 0; i < n; i++) {
    const h = hourOf[i]!;
    const g = pickCumulative(hourGroups[h]!, groupStream.next());
    const members = pours.devices[g]!;
    const d = members[pickCumulative(pours.cumulative[g]!, deviceStream.next())]!;
    device[i] = d + 1;
    location[i] = view.locationId[d]!;
    account[i] = view.accountId[d]!;
  }

  const beverageCum = VENUES.map((v) => {
    const mix = ev.beverages[v];
    let c = 0;
    return Float64Array.from(BEVERAGES, (b) => (c += mix[b]));
  });
  const beverageStream = new Stream(state, SLOT.beverage);
  for (let i = 0; i < n; i++) {
    beverage[i] = pickCumulative(beverageCum[view.venue[device[i]! - 1]!]!, beverageStream.next());
  }

  const pour = BEVERAGES.map((b) => ev.pour[b]);
  const volumeStream = new Stream(state, SLOT.volume);
  const durationStream = new Stream(state, SLOT.duration);
  for (let i = 0; i < n; i++) {
    const p = pour[beverage[i]!]!;
    // Reflect at the 20–200 ml bounds rather than clip, so no spike of pours sits exactly on a bound.
    let v = p.volume_mean + p.volume_sd * volumeStream.normal();
    if (v > 200) v = 400 - v;
    if (v < 20) v = 40 - v;
    v = Math.min(200, Math.max(20, v));
    volume[i] = Math.round(v * 10) / 10;
    duration[i] = Math.round((volume[i]! / p.flow_ml_s) * 1000 * (0.9 + 0.2 * durationStream.next()));
  }

  const anomalyStream = new Stream(state, SLOT.anomaly);
  const kindStream = new Stream(state, SLOT.anomalyKind);
  let kindCum = 0;
  const kinds = Float64Array.from(ANOMALY_TYPES, (k) => (kindCum += ev.anomaly.types[k]));
  const valid = alloc.u8(n);
  for (let i = 0; i < n; i++) {
    if (anomalyStream.next() < view.anomalyP[device[i]! - 1]!) {
      anomaly[i] = 1;
      valid[i] = 1;
      anomalyType[i] = pickCumulative(kinds, kindStream.next());
    }
  }

  const tempStream = new Stream(state, SLOT.temperature);
  const pressureStream = new Stream(state, SLOT.pressure);
  const t = ev.temperature_c;
  const pr = ev.pressure_psi;
  for (let i = 0; i < n; i++) {
    const zt = tempStream.normal();
    const zp = pressureStream.normal();
    let temp = Math.min(6, Math.max(2, t.mean + t.sd * zt));
    let psi = Math.min(15, Math.max(10, pr.mean + pr.sd * zp));
    if (anomaly[i]) {
      const k = anomalyType[i]!;
      const m = Math.abs(zt) + Math.abs(zp); // magnitude of the excursion, reusing the draws
      if (k === TEMP_HIGH) temp = 6.5 + m * 1.5;
      else if (k === TEMP_LOW) temp = Math.max(-1, 1.8 - m * 0.6);
      else if (k === PRESSURE_HIGH) psi = 16 + m * 3;
      else psi = Math.max(2, 8 - m * 2);
    }
    temperature[i] = Math.round(temp * 100) / 100;
    pressure[i] = Math.round(psi * 100) / 100;
  }

  return {
    table: 'tap_events',
    rows: n,
    columns: {
      event_id: ids,
      event_ts: ts,
      device_id: device,
      location_id: location,
      account_id: account,
      beverage_type: beverage,
      volume_ml: volume,
      duration_ms: duration,
      temperature_c: temperature,
      pressure_psi: pressure,
      is_anomaly: anomaly,
      anomaly_type: anomalyType,
    },
    validity: { anomaly_type: valid },
  };
}
