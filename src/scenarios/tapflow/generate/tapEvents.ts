/**
 * One tap_events shard: `rows` pours of one UTC day, rows [firstRow, firstRow + rows) of the day's
 * `dayRows`. Row r's time is the day's intraday distribution at quantile (r + jitter) / dayRows, so
 * times ascend across rows and shards without sorting, and any shard is generated on its own.
 */

import { type Alloc, HEAP, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { DayShard } from '../../../generate/dayShard.js';
import { DayWindows } from '../../../generate/dayWindows.js';
import { cumulate, pickCumulative, pickCumulativeIn, Stream } from '../../../rng/stream.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../../../time/calendar.js';
import type { ZoneOffsets } from '../../../time/zoneOffsets.js';
import type { Config } from '../config.js';
import { ANOMALY_TYPES, BEVERAGES, VENUES } from '../vocabulary.js';
import { dayCutoff } from './context.js';
import { type DeviceView, deviceFade, pouringDays } from './deviceView.js';
import { dayShape, GROUPS } from './profiles.js';
import { type ServiceSchedule, serviceOnDay } from './serviceSchedule.js';
import { eventFactor, type StadiumCalendar } from './stadiumEvents.js';
import type { TapBeverages, TapLines } from './tapLines.js';
import { type WearCache, wearFactor } from './wear.js';

/** One tap_events shard: a day's chunk with its own stream (see DayShard). */
export type TapShard = DayShard;

export interface TapContext {
  readonly events: Config['tap_events'];
  readonly offsets: ZoneOffsets;
  /** The simulation's last day (RunContext.endDay): it and later days end at their last tick. */
  readonly endDay: number;
  /** Index of 'online' in the device status enum. */
  readonly online: number;
  readonly pouring: PouringWindows;
  /** Activity left at the churn of a fading account (config accounts.churn.fade_floor). */
  readonly fadeFloor: number;
  readonly schedule: ServiceSchedule;
  /** Where each device is in its wear cycle (a per-worker cache). */
  readonly wear: WearCache;
  /** Beverages' hourly tilts (tapLines.ts). */
  readonly lines: TapLines;
  /** What each tap pours on a day (tapLines.ts). */
  readonly beverages: TapBeverages;
  /** Stadiums' event calendars (stadiumEvents.ts). */
  readonly stadiums: StadiumCalendar;
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
  portion: 10,
} as const;
/** Pressure at which a beverage's flow_ml_s is given. */
const NOMINAL_PSI = 12.5;

const TEMP_HIGH = ANOMALY_TYPES.indexOf('temperature_high');
const TEMP_LOW = ANOMALY_TYPES.indexOf('temperature_low');
const PRESSURE_HIGH = ANOMALY_TYPES.indexOf('pressure_high');
const STADIUM = VENUES.indexOf('stadium');

/** Devices pouring on `day`, grouped by (zone, venue), each group with cumulative rates (fading accounts pour less). */
export function poursOnDay(ctx: TapContext, view: DeviceView, day: number) {
  const devices: Int32Array[] = [];
  const cumulative: Float64Array[] = [];
  const total = new Float64Array(GROUPS);
  const fade = deviceFade(view, ctx.fadeFloor);
  // A tap is off on a day a technician's episode touches.
  const factor = (d: number, on: number) => (serviceOnDay(ctx.schedule, d, on) ? 0 : fade(d, on));
  for (let g = 0; g < GROUPS; g++) {
    const pouring = ctx.pouring.groups[g]!.on(day, factor);
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
  const cutoff = dayCutoff(day, ctx.endDay);
  const shape = dayShape(ev, ctx.offsets, day, cutoff, active);

  // Each pouring tap's beverage today, and per (group, beverage) its taps with cumulative weights: one
  // set for the hours that are still yesterday's local date, one for today's (they differ only for
  // stadiums, whose taps pour on their event dates).
  const B = BEVERAGES.length;
  // Scratch comes from `alloc` too: a worker's arena reuses it shard after shard (no garbage, no fresh pages).
  const lineFirst = alloc.i32(GROUPS * B + 1);
  let tapCount = 0;
  for (let g = 0; g < GROUPS; g++) tapCount += pours.devices[g]!.length;
  const tapBeverage = alloc.u8(tapCount);
  for (let g = 0, t = 0; g < GROUPS; g++) {
    const members = pours.devices[g]!;
    for (let j = 0; j < members.length; j++, t++) {
      const d = members[j]!;
      const b = ctx.beverages.on(d, view.venue[d]!, view.installedAt[d]!, day);
      tapBeverage[t] = b;
      lineFirst[g * B + b + 1]!++;
    }
  }
  for (let k = 0; k < GROUPS * B; k++) lineFirst[k + 1]! += lineFirst[k]!;
  const lineTaps = alloc.i32(tapCount);
  const lineWeight = [alloc.f64(GROUPS * B), alloc.f64(GROUPS * B)];
  const lineCum = [alloc.f64(tapCount), alloc.f64(tapCount)];
  const fill = alloc.i32(GROUPS * B);
  fill.set(lineFirst.subarray(0, GROUPS * B));
  for (let g = 0, t = 0; g < GROUPS; g++) {
    const members = pours.devices[g]!;
    const cum = pours.cumulative[g]!;
    const stadium = g % VENUES.length === STADIUM;
    for (let j = 0; j < members.length; j++, t++) {
      const d = members[j]!;
      const k = g * B + tapBeverage[t]!;
      const w = cum[j]! - (j > 0 ? cum[j - 1]! : 0);
      const at = fill[k]!++;
      lineTaps[at] = d;
      for (let p = 0; p < 2; p++) {
        const event = stadium ? eventFactor(ctx.stadiums, view.locationId[d]!, day - 1 + p) : 1;
        lineWeight[p]![k]! += w * event;
        lineCum[p]![at] = lineWeight[p]![k]!;
      }
    }
  }
  // Per UTC hour: the day's cumulative weight, the cumulative weight of each group within it, and
  // each group's cumulative line weights then (worked out once per shard, not per pour). A (group,
  // beverage) weighs its taps' weight on that local date (0: yesterday's) × the beverage's tilt at that local hour.
  const hourCum = new Float64Array(24);
  const groupCum = alloc.f64(24 * GROUPS);
  const hourLineCum = alloc.f64(24 * GROUPS * B);
  const localDate = Uint8Array.from(shape.localPrev, (prev) => (prev ? 0 : 1));
  const tilt = ctx.lines.tiltByHour;
  let acc = 0;
  for (let u = 0; u < 24; u++) {
    let inHour = 0;
    for (let g = 0; g < GROUPS; g++) {
      if (pours.total[g]! > 0) {
        const weight = lineWeight[localDate[g * 24 + u]!]!;
        const tilts = ((g % VENUES.length) * 24 + shape.localHour[g * 24 + u]!) * B;
        const lines = g * B;
        const out = (u * GROUPS + g) * B;
        let w = 0;
        for (let b = 0; b < B; b++) hourLineCum[out + b] = w += weight[lines + b]! * tilt[tilts + b]!;
        inHour += w * shape.weights[g * 24 + u]!;
      }
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

  // Tap: a group by its weight in that hour, a beverage line by its weight then, a tap of that line by its rate.
  const groupStream = new Stream(state, SLOT.group);
  const hourGroups = Array.from({ length: 24 }, (_, h) => groupCum.subarray(h * GROUPS, (h + 1) * GROUPS));
  const deviceStream = new Stream(state, SLOT.device);
  const beverageStream = new Stream(state, SLOT.beverage);
  for (let i = 0; i < n; i++) {
    const h = hourOf[i]!;
    const g = pickCumulative(hourGroups[h]!, groupStream.next());
    const lines = (h * GROUPS + g) * B;
    const b = pickCumulativeIn(hourLineCum, lines, lines + B, beverageStream.next());
    const k = g * B + b;
    const from = lineFirst[k]!;
    // Cumulative weights restart at each line, so its slice is a cumulative table of its own.
    const d =
      lineTaps[
        from +
          pickCumulativeIn(lineCum[localDate[g * 24 + h]!]!, from, lineFirst[k + 1]!, deviceStream.next())
      ]!;
    device[i] = d + 1;
    location[i] = view.locationId[d]!;
    account[i] = view.accountId[d]!;
    beverage[i] = b;
  }

  const portions = BEVERAGES.map((b) => {
    const p = ev.pour[b];
    return { sizes: p.portions, cumulative: cumulate(p.weights), flow: p.flow_ml_s };
  });
  let kindCum = 0;
  const kinds = Float64Array.from(ANOMALY_TYPES, (k) => (kindCum += ev.anomaly.types[k]));

  // Volume: a portion of the beverage ± 4 % (redrawn inside 20–200 ml), or a top-up below it.
  const portionStream = new Stream(state, SLOT.portion);
  const volumeStream = new Stream(state, SLOT.volume);
  for (let i = 0; i < n; i++) {
    const p = portions[beverage[i]!]!;
    const portion = p.sizes[pickCumulative(p.cumulative, portionStream.next())]!;
    let v: number;
    if (portionStream.next() < ev.partial_share) v = 20 + volumeStream.next() * (portion - 20);
    else
      do v = portion * (1 + 0.04 * volumeStream.normal());
      while (v < 20 || v > 200);
    volume[i] = Math.round(v * 10) / 10;
  }

  // Anomaly odds: the device's base odds × its wear factor (the same wear cycle all day: no pours on
  // a day with a service episode).
  const anomalyStream = new Stream(state, SLOT.anomaly);
  const kindStream = new Stream(state, SLOT.anomalyKind);
  const valid = alloc.u8(n);
  const wear = alloc.f64(n);
  const dayMid = dayStart + MICROS_PER_DAY / 2;
  for (let i = 0; i < n; i++) {
    const d = device[i]! - 1;
    const x = ctx.wear.of(d, dayMid);
    wear[i] = x;
    if (anomalyStream.next() < Math.min(0.9, view.anomalyP[d]! * wearFactor(x))) {
      anomaly[i] = 1;
      valid[i] = 1;
      anomalyType[i] = pickCumulative(kinds, kindStream.next());
    }
  }

  // Readings: normal pours inside 2–6 °C and 10–15 psi (truncated normals, redrawn, never clipped;
  // the line warms as a cycle wears on); anomalies outside, by a smooth excursion. Flow ∝ √pressure.
  const tempStream = new Stream(state, SLOT.temperature);
  const pressureStream = new Stream(state, SLOT.pressure);
  const flowStream = new Stream(state, SLOT.duration);
  const t = ev.temperature_c;
  const pr = ev.pressure_psi;
  for (let i = 0; i < n; i++) {
    const x = wear[i]!;
    const tMean = t.mean + t.wear * x * x;
    let temp: number;
    let psi: number;
    do temp = tMean + t.sd * tempStream.normal();
    while (temp < 2 || temp > 6);
    do psi = pr.mean + pr.sd * pressureStream.normal();
    while (psi < 10 || psi > 15);
    if (anomaly[i]) {
      const k = anomalyType[i]!;
      const e = -Math.log(1 - tempStream.next()); // excursion size, exponential
      if (k === TEMP_HIGH) temp = 6.1 + 1.4 * e;
      else if (k === TEMP_LOW) temp = 1.9 - 0.7 * Math.min(e, 8);
      else if (k === PRESSURE_HIGH) psi = 15.1 + 2.5 * e;
      else psi = 9.9 - 1.8 * Math.min(e, 4.5);
    }
    temperature[i] = Math.round(temp * 100) / 100;
    pressure[i] = Math.round(psi * 100) / 100;
    const flow =
      portions[beverage[i]!]!.flow * Math.sqrt(pressure[i]! / NOMINAL_PSI) * (1 + 0.03 * flowStream.normal());
    duration[i] = Math.round((volume[i]! / flow) * 1000);
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
