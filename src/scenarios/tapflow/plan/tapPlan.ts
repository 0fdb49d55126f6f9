/**
 * Plans tap_events: the exact total is apportioned over days by expected volume (installed base ×
 * local weekday and hour profiles × season), then each day is cut into fixed-size chunks. IDs are
 * contiguous in day order, and every shard gets its own stream. Nothing here depends on worker count.
 */

import { dayShards, type FactShardPlan } from '../../../plan/shards.js';
import { MICROS_PER_DAY, monthOf } from '../../../time/calendar.js';
import type { ZoneOffsets } from '../../../time/zoneOffsets.js';
import type { Config } from '../config.js';
import { dayCutoff } from '../generate/context.js';
import { type DeviceView, deviceFade, pouringDays } from '../generate/deviceView.js';
import { dayShape, GROUPS } from '../generate/profiles.js';
import { outFrom, outTo, REMOTE, type ServiceSchedule, serviceOnDay } from '../generate/serviceSchedule.js';
import { LocationEvents, stadiumCalendar } from '../generate/stadiumEvents.js';
import { VENUES } from '../vocabulary.js';
import { apportionAndContinue } from './continuation.js';

const STADIUM = VENUES.indexOf('stadium');

export interface PlanInput {
  readonly events: Config['tap_events'];
  readonly shardRows: number;
  readonly seed: number;
  readonly totalRows: number;
  readonly startDay: number;
  /** The simulation's last day: the total is exact over [startDay, endDay] (RunContext). */
  readonly endDay: number;
  /** The dataset's last day: later days continue at the simulation's rate. */
  readonly lastDay: number;
  readonly offsets: ZoneOffsets;
  readonly online: number;
  /** Activity left at the churn of a fading account (config accounts.churn.fade_floor). */
  readonly fadeFloor: number;
  readonly schedule: ServiceSchedule;
}

/** The first technician's episode of device d touching `day` (each off day is corrected once). */
function firstEpisodeOn(s: ServiceSchedule, d: number, day: number): number {
  const start = day * MICROS_PER_DAY;
  for (let k = s.first[d]!; k < s.first[d + 1]!; k++) {
    if (s.trigger[k] === REMOTE) continue;
    if (outTo(s, k) > start && outFrom(s, k) < start + MICROS_PER_DAY) return k;
  }
  return -1;
}

/** A tap's factor on a day: off if a technician's episode touches it, else its account's fade. */
function dayFactor(
  s: ServiceSchedule,
  fade: (d: number, day: number) => number,
  d: number,
  day: number,
): number {
  return serviceOnDay(s, d, day) ? 0 : fade(d, day);
}

/**
 * Expected relative volume of each day of [startDay, lastDay]: per (zone, venue) group, its pouring
 * taps' rates (difference arrays), corrected day by day for fading accounts and service episodes, over
 * the day's hourly shape. Stadium taps pour only on their event dates: they are summed per group
 * for yesterday's and today's local date, each weighing the UTC hours that fall on it.
 */
export function expectedDailyVolume(input: PlanInput, view: DeviceView): Float64Array {
  const { startDay, lastDay } = input;
  const days = lastDay - startDay + 1;
  const rateDiff = new Float64Array(GROUPS * (days + 1));
  const countDiff = new Int32Array(GROUPS * (days + 1));
  const fade = deviceFade(view, input.fadeFloor);
  const s = input.schedule;
  const stadium = [new Float64Array(GROUPS * days), new Float64Array(GROUPS * days)];
  const stadiumEvents = new LocationEvents(stadiumCalendar(input.events, input.seed), startDay - 1, lastDay);
  // Per group, made when a tap of it first needs a correction.
  const correction: (Float64Array | undefined)[] = new Array(GROUPS);
  const correct = (d: number, day: number, factor: number) => {
    const g = view.group[d]!;
    correction[g] ??= new Float64Array(days);
    correction[g][day - startDay]! += view.rate[d]! * (factor - 1);
  };
  for (let d = 0; d < view.count; d++) {
    if (view.rate[d] === 0) continue;
    const [first, last] = pouringDays(view, d, lastDay, input.online);
    if (Math.max(first, startDay) > last) continue;
    const g = view.group[d]!;
    if (view.venue[d] === STADIUM) {
      const events = stadiumEvents.of(view.locationId[d]!);
      for (let day = Math.max(first, startDay); day <= last; day++) {
        const w = view.rate[d]! * dayFactor(s, fade, d, day);
        if (w === 0) continue;
        for (let p = 0; p < 2; p++)
          stadium[p]![g * days + day - startDay]! += w * events[day - startDay + p]!;
      }
      continue;
    }
    const a = Math.max(first, startDay) - startDay;
    const b = last - startDay + 1;
    rateDiff[g * (days + 1) + a]! += view.rate[d]!;
    rateDiff[g * (days + 1) + b]! -= view.rate[d]!;
    countDiff[g * (days + 1) + a]!++;
    countDiff[g * (days + 1) + b]!--;
    // Fading accounts pour less each day before they churn, and a tap is off on a day a technician's
    // episode touches.
    const account = view.accountId[d]! - 1;
    const fadeFrom = Number.isNaN(view.accountFadeStart[account]!)
      ? last + 1
      : Math.max(first, startDay, Math.floor(view.accountFadeStart[account]! / MICROS_PER_DAY));
    for (let day = fadeFrom; day <= last; day++) if (!serviceOnDay(s, d, day)) correct(d, day, fade(d, day));
    for (let k = s.first[d]!; k < s.first[d + 1]!; k++) {
      if (s.trigger[k] === REMOTE) continue;
      const from = outFrom(s, k);
      const to = outTo(s, k);
      const outLast = Math.min(last, Number.isFinite(to) ? Math.floor((to - 1) / MICROS_PER_DAY) : last);
      for (let day = Math.max(first, startDay, Math.floor(from / MICROS_PER_DAY)); day <= outLast; day++)
        if (k === firstEpisodeOn(s, d, day)) correct(d, day, 0);
    }
  }
  const rate = new Float64Array(GROUPS);
  const count = new Int32Array(GROUPS);
  const volume = new Float64Array(days);
  for (let i = 0; i < days; i++) {
    const active: number[] = [];
    for (let g = 0; g < GROUPS; g++) {
      rate[g]! += rateDiff[g * (days + 1) + i]!;
      count[g]! += countDiff[g * (days + 1) + i]!;
      if (count[g]! > 0 || stadium[0]![g * days + i]! > 0 || stadium[1]![g * days + i]! > 0) active.push(g);
    }
    if (!active.length) continue;
    const day = startDay + i;
    const cutoff = dayCutoff(day, input.endDay);
    const shape = dayShape(input.events, input.offsets, day, cutoff, active);
    let v = 0;
    for (const g of active) {
      const r = rate[g]! + (correction[g]?.[i] ?? 0);
      for (let u = 0; u < 24; u++) {
        const event = stadium[shape.localPrev[g * 24 + u] ? 0 : 1]![g * days + i]!;
        v += (r + event) * shape.weights[g * 24 + u]!;
      }
    }
    volume[i] = v * input.events.monthly[monthOf(day)]!;
  }
  return volume;
}

/** Pours per day: the exact total over the simulated days, later days at the same rate per unit of volume. */
export function tapRowsPerDay(input: PlanInput, volume: Float64Array): Int32Array {
  return apportionAndContinue(input.totalRows, volume, input.endDay - input.startDay + 1);
}

/**
 * Shards of tap_events: the exact total apportioned over the simulated days by their expected volume,
 * days past them at the same pours per unit of volume.
 */
export function planTapEvents(input: PlanInput, volume: Float64Array): FactShardPlan[] {
  const perDay = tapRowsPerDay(input, volume);
  return dayShards('tap_events', perDay, input.startDay, input.shardRows, input.seed, 'chunk');
}
