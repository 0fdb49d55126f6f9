/**
 * UTC offsets of the US time zones the dataset uses. The rules (DST from the second Sunday of
 * March to the first Sunday of November, at 02:00 local) are fixed for 2007 onwards, so a small
 * table replaces ICU data that could differ between Node builds.
 */
import { MICROS_PER_DAY, MICROS_PER_HOUR, nthWeekdayOfMonth, yearOf } from './calendar.js';

export interface ZoneRule {
  readonly name: string;
  /** Standard-time offset from UTC in hours (negative west of Greenwich). */
  readonly standardHours: number;
  readonly observesDst: boolean;
}

export const ZONES: readonly ZoneRule[] = [
  { name: 'America/New_York', standardHours: -5, observesDst: true },
  { name: 'America/Detroit', standardHours: -5, observesDst: true },
  { name: 'America/Indiana/Indianapolis', standardHours: -5, observesDst: true },
  { name: 'America/Chicago', standardHours: -6, observesDst: true },
  { name: 'America/Denver', standardHours: -7, observesDst: true },
  { name: 'America/Phoenix', standardHours: -7, observesDst: false },
  { name: 'America/Los_Angeles', standardHours: -8, observesDst: true },
];

export function zoneIndex(name: string): number {
  const i = ZONES.findIndex((z) => z.name === name);
  if (i < 0)
    throw new Error(`unsupported time zone ${name}; supported: ${ZONES.map((z) => z.name).join(', ')}`);
  return i;
}

const SUNDAY = 6;

/** Bounds by (standard offset, year): offsetHoursAt runs in generators' hot loops. */
const boundsCache = new Map<number, readonly [number, number]>();

/** [start, end) of daylight time in `year` as UTC µs: 02:00 local on both switch days; undefined without DST. */
export function dstBounds(zone: ZoneRule, year: number): readonly [number, number] | undefined {
  if (!zone.observesDst) return undefined;
  const key = year * 100 + zone.standardHours;
  let bounds = boundsCache.get(key);
  if (!bounds) {
    const start =
      nthWeekdayOfMonth(year, 2, SUNDAY, 2) * MICROS_PER_DAY + (2 - zone.standardHours) * MICROS_PER_HOUR;
    const end =
      nthWeekdayOfMonth(year, 10, SUNDAY, 1) * MICROS_PER_DAY + (1 - zone.standardHours) * MICROS_PER_HOUR;
    bounds = [start, end];
    boundsCache.set(key, bounds);
  }
  return bounds;
}

/** Offset from UTC in whole hours at the instant `utcMicros`. */
export function offsetHoursAt(zone: ZoneRule, utcMicros: number): number {
  const dst = dstBounds(zone, yearOf(Math.floor(utcMicros / MICROS_PER_DAY)));
  return dst && utcMicros >= dst[0] && utcMicros < dst[1] ? zone.standardHours + 1 : zone.standardHours;
}
