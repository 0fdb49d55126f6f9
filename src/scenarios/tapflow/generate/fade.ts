/** The fade before a churn: activity falls linearly from its level to `floor` of it between the fade's start and the churn. */
import { MICROS_PER_DAY } from '../../../time/calendar.js';

/** Activity factor at `t` (µs) of an account fading from `from` to its churn at `to` (NaN: not fading). */
export function fadeAt(from: number, to: number, floor: number, t: number): number {
  if (!(t > from)) return 1;
  return 1 - (1 - floor) * Math.min(1, (t - from) / (to - from));
}

/** The factor at the middle of a UTC day. */
export function fadeOnDay(from: number, to: number, floor: number, day: number): number {
  return fadeAt(from, to, floor, (day + 0.5) * MICROS_PER_DAY);
}
