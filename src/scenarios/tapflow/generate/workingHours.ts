/** Local times for field work: the next working-hours slot, and a window of a local day. */
import { MICROS_PER_DAY, MICROS_PER_HOUR, weekdayOf } from '../../../time/calendar.js';
import { offsetHoursAt, ZONES } from '../../../time/timezone.js';

/** Local working time on or after `t`: a working day (Mon–Fri) in [h0, h1) local, `u` through the window. */
export function workingTime(zone: number, t: number, h0: number, h1: number, u: number): number {
  const rule = ZONES[zone]!;
  for (let day = Math.floor((t + offsetHoursAt(rule, t) * MICROS_PER_HOUR) / MICROS_PER_DAY); ; day++) {
    if (weekdayOf(day) > 4) continue;
    const noon = day * MICROS_PER_DAY + 12 * MICROS_PER_HOUR;
    const offset = offsetHoursAt(rule, noon - offsetHoursAt(rule, noon) * MICROS_PER_HOUR);
    const open = day * MICROS_PER_DAY + (h0 - offset) * MICROS_PER_HOUR;
    const close = day * MICROS_PER_DAY + (h1 - offset) * MICROS_PER_HOUR;
    const from = Math.max(open, t + MICROS_PER_HOUR);
    if (from < close) return from + u * (close - from);
  }
}

/** A local time in [h0, h1) on the local day holding `t`. */
export function localWindow(zone: number, t: number, h0: number, h1: number, u: number): number {
  const rule = ZONES[zone]!;
  const offset = offsetHoursAt(rule, t);
  const day = Math.floor((t + offset * MICROS_PER_HOUR) / MICROS_PER_DAY);
  return day * MICROS_PER_DAY + (h0 + u * (h1 - h0) - offset) * MICROS_PER_HOUR;
}
