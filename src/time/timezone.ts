/**
 * UTC offsets of the US time zones the dataset uses. The rules (DST from the second Sunday of
 * March to the first Sunday of November, at 02:00 local) are fixed for 2007 onwards, so a small
 * table replaces ICU data that could differ between Node builds.
 */
import { MICROS_PER_HOUR, MS_PER_DAY, nthWeekdayOfMonth, yearOf } from './calendar.js';

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

/** Offset from UTC in whole hours at the instant `utcMicros`. */
export function offsetHoursAt(zone: ZoneRule, utcMicros: number): number {
  if (!zone.observesDst) return zone.standardHours;
  const year = yearOf(Math.floor(utcMicros / (MS_PER_DAY * 1000)));
  const startDay = nthWeekdayOfMonth(year, 2, SUNDAY, 2);
  const endDay = nthWeekdayOfMonth(year, 10, SUNDAY, 1);
  const start = startDay * MS_PER_DAY * 1000 + (2 - zone.standardHours) * MICROS_PER_HOUR;
  const end = endDay * MS_PER_DAY * 1000 + (2 - zone.standardHours - 1) * MICROS_PER_HOUR;
  return utcMicros >= start && utcMicros < end ? zone.standardHours + 1 : zone.standardHours;
}
