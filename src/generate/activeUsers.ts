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

/** Every user's active days, worked out once per worker, and scratch for one day's active users. */
export interface ActiveWindows {
  readonly first: Int32Array;
  readonly last: Int32Array;
  readonly members: Int32Array;
  readonly cumulative: Float64Array;
}

export function activeWindows(users: UserView, endDay: number): ActiveWindows {
  const first = new Int32Array(users.count);
  const last = new Int32Array(users.count);
  for (let u = 0; u < users.count; u++) [first[u], last[u]] = activeDays(users, u, endDay);
  return {
    first,
    last,
    members: new Int32Array(users.count),
    cumulative: new Float64Array(users.count),
  };
}

/**
 * Users active on `day` and the cumulative of their weights (by role), as views of the windows'
 * scratch: valid until the next call (generators draw a day's rows before asking for another day).
 */
export function activeUsersOn(
  windows: ActiveWindows,
  users: UserView,
  day: number,
  roleWeight: ArrayLike<number>,
) {
  const { first, last, members, cumulative } = windows;
  let n = 0;
  let acc = 0;
  for (let u = 0; u < users.count; u++) {
    if (day < first[u]! || day > last[u]!) continue;
    const w = roleWeight[users.role[u]!]!;
    if (!(w > 0)) continue;
    members[n] = u;
    cumulative[n++] = acc += w;
  }
  return { members: members.subarray(0, n), cumulative: cumulative.subarray(0, n) };
}
