/**
 * Local times for field work: the next working-hours slot, and a window of a local day. Offsets follow
 * the same US rules as time/timezone.ts, with each (zone, year)'s DST bounds worked out once: the
 * service histories ask millions of times.
 */
import { MICROS_PER_DAY, MICROS_PER_HOUR, MS_PER_DAY, weekdayOf } from '../../../time/calendar.js';
import { dstBounds, ZONES } from '../../../time/timezone.js';

const FIRST_YEAR = 1970;
const YEAR_START = Float64Array.from({ length: 232 }, (_, i) => Date.UTC(FIRST_YEAR + i, 0, 1) / MS_PER_DAY);
const bounds = new Map<number, readonly [number, number] | undefined>();

function yearOfDay(day: number): number {
  let i = Math.min(YEAR_START.length - 1, Math.max(0, Math.floor(day / 365.2425)));
  while (i > 0 && YEAR_START[i]! > day) i--;
  while (i + 1 < YEAR_START.length && YEAR_START[i + 1]! <= day) i++;
  return FIRST_YEAR + i;
}

/** Whole-hour UTC offset of zone `z` (index into ZONES) at `utcMicros`. */
function offsetAt(z: number, utcMicros: number): number {
  const year = yearOfDay(Math.floor(utcMicros / MICROS_PER_DAY));
  const key = z * 4096 + year;
  if (!bounds.has(key)) bounds.set(key, dstBounds(ZONES[z]!, year));
  const dst = bounds.get(key);
  const std = ZONES[z]!.standardHours;
  return dst && utcMicros >= dst[0] && utcMicros < dst[1] ? std + 1 : std;
}

/** Local working time on or after `t`: a working day (Mon–Fri) in [h0, h1) local, `u` through the window. */
export function workingTime(zone: number, t: number, h0: number, h1: number, u: number): number {
  for (let day = Math.floor((t + offsetAt(zone, t) * MICROS_PER_HOUR) / MICROS_PER_DAY); ; day++) {
    if (weekdayOf(day) > 4) continue;
    const noon = day * MICROS_PER_DAY + 12 * MICROS_PER_HOUR;
    const offset = offsetAt(zone, noon - offsetAt(zone, noon) * MICROS_PER_HOUR);
    const open = day * MICROS_PER_DAY + (h0 - offset) * MICROS_PER_HOUR;
    const close = day * MICROS_PER_DAY + (h1 - offset) * MICROS_PER_HOUR;
    const from = Math.max(open, t + MICROS_PER_HOUR);
    if (from < close) return from + u * (close - from);
  }
}

/** A local time in [h0, h1) on the local day holding `t`. */
export function localWindow(zone: number, t: number, h0: number, h1: number, u: number): number {
  const offset = offsetAt(zone, t);
  const day = Math.floor((t + offset * MICROS_PER_HOUR) / MICROS_PER_DAY);
  return day * MICROS_PER_DAY + (h0 + u * (h1 - h0) - offset) * MICROS_PER_HOUR;
}
