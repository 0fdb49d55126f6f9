/**
 * Who is active on a day: users created before it, who have logged in by then (never-logged-in users
 * have no activity), up to their last login, while their account has not churned.
 */
import { MICROS_PER_DAY } from '../time/calendar.js';
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

/** Users active on `day` and the cumulative of their weights (by role). */
export function activeUsersOn(users: UserView, day: number, endDay: number, roleWeight: ArrayLike<number>) {
  const ids: number[] = [];
  for (let u = 0; u < users.count; u++) {
    const [first, last] = activeDays(users, u, endDay);
    if (day >= first && day <= last && roleWeight[users.role[u]!]! > 0) ids.push(u);
  }
  const members = Int32Array.from(ids);
  const cumulative = new Float64Array(members.length);
  let acc = 0;
  for (let i = 0; i < members.length; i++) cumulative[i] = acc += roleWeight[users.role[members[i]!]!]!;
  return { members, cumulative };
}
