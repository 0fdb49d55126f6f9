/**
 * Who is active on a day: users created before it, who have logged in by then (never-logged-in users
 * have no activity), up to their last login, while their account has not churned.
 */

import { DayWindows } from '../../../generate/dayWindows.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import { fadeOnDay } from './fade.js';
import type { UserView } from './userView.js';

/** First and last UTC day (inclusive) a user can be active; first > last if never. */
export function activeDays(users: UserView, u: number, endDay: number): [number, number] {
  const login = users.lastLoginAt[u]!;
  if (Number.isNaN(login)) return [1, 0];
  const churned = users.churnedAt[u]!;
  const first = Math.floor(users.createdAt[u]! / MICROS_PER_DAY) + 1;
  const until = Number.isNaN(churned) ? endDay : Math.floor(churned / MICROS_PER_DAY) - 1;
  return [first, Math.min(Math.floor(login / MICROS_PER_DAY), until)];
}

/** Users active on a day, weighted by role (`roleWeight`, indexed by role) × their account's engagement, built once per worker. */
export function activeUsers(users: UserView, endDay: number, roleWeight: ArrayLike<number>): DayWindows {
  const first = new Int32Array(users.count);
  const last = new Int32Array(users.count);
  for (let u = 0; u < users.count; u++) [first[u], last[u]] = activeDays(users, u, endDay);
  return new DayWindows(
    first,
    last,
    Float64Array.from(users.role, (r, u) => roleWeight[r]! * users.activity[u]!),
  );
}

/** A user's activity factor on a day: 1, or less while the account fades before churning. */
export function userFade(users: UserView, floor: number): (u: number, day: number) => number {
  return (u, day) => fadeOnDay(users.fadeStart[u]!, users.churnedAt[u]!, floor, day);
}
