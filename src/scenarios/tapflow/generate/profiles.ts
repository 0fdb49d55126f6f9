/**
 * Intraday shape of pours. For a UTC day, a (zone, venue) group's weight in UTC hour u is its venue's
 * local-hour profile times its local-weekday factor, so peaks land at local lunch and evening.
 */

import { cumulate } from '../../../rng/stream.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, weekdayOf, yearOf } from '../../../time/calendar.js';
import { ZONES } from '../../../time/timezone.js';
import type { ZoneOffsets } from '../../../time/zoneOffsets.js';
import type { Config } from '../config.js';
import { VENUES } from '../vocabulary.js';

export const GROUPS = ZONES.length * VENUES.length;

export function groupOf(zone: number, venue: number): number {
  return zone * VENUES.length + venue;
}

export interface DayShape {
  /** [group × 24 + u]: weight of UTC hour u for one unit of device rate in that group. */
  readonly weights: Float64Array;
  /** Length of each UTC hour's usable span in µs (shorter when the day is cut off by "now"). */
  readonly spans: Float64Array;
  /** [group × 24 + u]: the local hour (0..23) UTC hour u is in the group's time zone. */
  readonly localHour: Uint8Array;
  /** [group × 24 + u]: 1 if UTC hour u is still the previous local date in the group's zone. */
  readonly localPrev: Uint8Array;
}

/**
 * Hour weights of every group on `day`. `cutoffMicros` ends the usable part of the day (the last
 * 5-minute tick on the final day); hours past it weigh nothing.
 */
export function dayShape(
  ev: Config['tap_events'],
  offsets: ZoneOffsets,
  day: number,
  cutoffMicros: number,
  groups: ArrayLike<number> = [],
): DayShape {
  const dayStart = day * MICROS_PER_DAY;
  const year = yearOf(day);
  const spans = new Float64Array(24);
  for (let u = 0; u < 24; u++) {
    spans[u] = Math.max(0, Math.min(MICROS_PER_HOUR, cutoffMicros - (dayStart + u * MICROS_PER_HOUR)));
  }
  const weights = new Float64Array(GROUPS * 24);
  const localHourOf = new Uint8Array(GROUPS * 24);
  const localPrev = new Uint8Array(GROUPS * 24);
  const only = groups.length ? Array.from(groups) : Array.from({ length: GROUPS }, (_, g) => g);
  for (const g of only) {
    const z = Math.floor(g / VENUES.length);
    const venue = VENUES[g % VENUES.length]!;
    // Normalised so a unit of device rate pours one unit per average day, whatever the profile's scale.
    const hourly = ev.hourly[venue];
    const weekly = ev.weekday[venue];
    const hourSum = hourly.reduce((a, b) => a + b, 0);
    const weekMean = weekly.reduce((a, b) => a + b, 0) / 7;
    for (let u = 0; u < 24; u++) {
      if (spans[u] === 0) continue;
      const at = dayStart + u * MICROS_PER_HOUR;
      const localHours = u + offsets.hoursAt(z, at, year);
      const localHour = ((localHours % 24) + 24) % 24;
      localHourOf[g * 24 + u] = localHour;
      const localDay = day + Math.floor(localHours / 24);
      localPrev[g * 24 + u] = localDay < day ? 1 : 0;
      weights[g * 24 + u] =
        ((hourly[localHour]! / hourSum) * (weekly[weekdayOf(localDay)]! / weekMean) * spans[u]!) /
        MICROS_PER_HOUR;
    }
  }
  return { weights, spans, localHour: localHourOf, localPrev };
}

/**
 * Weights of the 24 UTC hours of `day` for one time zone, from a local hourly profile and local
 * weekday factors; hours past `cutoffMicros` weigh nothing. Used for business-hours activity.
 */
export function localHourWeights(
  hourly: readonly number[],
  weekday: readonly number[],
  offsets: ZoneOffsets,
  zone: number,
  day: number,
  cutoffMicros: number,
): Float64Array {
  const dayStart = day * MICROS_PER_DAY;
  const year = yearOf(day);
  const out = new Float64Array(24);
  for (let u = 0; u < 24; u++) {
    const at = dayStart + u * MICROS_PER_HOUR;
    const span = Math.max(0, Math.min(MICROS_PER_HOUR, cutoffMicros - at));
    if (span === 0) continue;
    const localHours = u + offsets.hoursAt(zone, at, year);
    out[u] =
      hourly[((localHours % 24) + 24) % 24]! *
      weekday[weekdayOf(day + Math.floor(localHours / 24))]! *
      (span / MICROS_PER_HOUR);
  }
  return out;
}

/** Cumulative UTC-hour weights of one day per time zone, computed on first use. */
export function hourTables(
  hourly: readonly number[],
  weekday: readonly number[],
  offsets: ZoneOffsets,
  day: number,
  cutoffMicros: number,
): (zone: number) => Float64Array {
  const cache = new Map<number, Float64Array>();
  return (zone) => {
    let table = cache.get(zone);
    if (!table) {
      table = cumulate(localHourWeights(hourly, weekday, offsets, zone, day, cutoffMicros));
      cache.set(zone, table);
    }
    return table;
  };
}
