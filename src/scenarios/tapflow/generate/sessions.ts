/**
 * One day's dashboard sessions, shared by page_views (their pages) and feature_usage (the events on
 * those pages): both tables regenerate the same list from the day's own 'sessions' stream and the
 * day's page quota, so they describe the same sessions. A session is one active user's walk (entry
 * page, then a Markov chain over pages) in local business hours; each page is open for a lognormal
 * time around its own median (shorter for staff); detail pages show a device or venue the account
 * had at that moment; CSV export needs a plan that includes it.
 */

import type { Alloc } from '../../../generate/arena.js';
import type { DayWindows } from '../../../generate/dayWindows.js';
import { cumulate, pickCumulative, type Stream, type StreamState, streams } from '../../../rng/stream.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../../../time/calendar.js';
import type { ZoneOffsets } from '../../../time/zoneOffsets.js';
import type { Config } from '../config.js';
import { PAGE_REFERRERS, PAGES, ROLES } from '../vocabulary.js';
import { type AccountPlans, planAt } from './accountPlans.js';
import { userFade } from './activeUsers.js';
import { dayCutoff } from './context.js';
import { hourTables } from './profiles.js';
import type { UserView } from './userView.js';

export interface SessionContext {
  readonly pages: Config['page_views'];
  readonly usage: Config['feature_usage'];
  readonly plans: Config['subscriptions']['plans'];
  readonly offsets: ZoneOffsets;
  /** The simulation's last day (RunContext.endDay): it and later days end at their last tick. */
  readonly endDay: number;
  /** Users active on a day, weighted by role (activeUsers). */
  readonly active: DayWindows;
  readonly fadeFloor: number;
  readonly accountPlans: AccountPlans;
  readonly deviceInstalledAt: Float64Array;
  readonly locationOpenedAt: Float64Array;
}

/** The day's pages, in generation order (sessions one after another). */
export interface DaySessions {
  readonly views: number;
  readonly sessions: number;
  readonly time: Float64Array;
  readonly user: Int32Array;
  readonly session: Int32Array;
  readonly seq: Int32Array;
  readonly page: Uint8Array;
  /** Device or location id (1-based) for detail pages, 0 otherwise. */
  readonly entity: Int32Array;
  readonly referrer: Uint8Array;
  readonly referrerValid: Uint8Array;
  readonly duration: Int32Array;
}

const SLOT = { user: 0, length: 1, page: 2, entity: 3, referrer: 4, time: 5, dwell: 6 } as const;
export const DEVICE_PAGE = PAGES.indexOf('/devices/:id');
export const LOCATION_PAGE = PAGES.indexOf('/locations/:id');
const DEVICES = PAGES.indexOf('/devices');
const LOCATIONS = PAGES.indexOf('/locations');
const REPORTS = PAGES.indexOf('/reports');
const EXPORT = PAGES.indexOf('/reports/export');
const REFERRERS = ['direct', ...PAGE_REFERRERS] as const;
/** Time on a page relative to its median, by role: staff glance, admins dig in. */
const ROLE_DWELL = Float64Array.from(ROLES, (r) => (r === 'admin' ? 1.2 : r === 'manager' ? 1 : 0.75));
const TRIES = 8;

/**
 * One of an account's devices or venues (1-based ids first … first + count − 1) that exists by `t`,
 * found in at most TRIES draws from `draw`; 0 if none was drawn.
 */
export function drawExisting(
  first: number,
  count: number,
  since: ArrayLike<number>,
  t: number,
  draw: Stream,
): number {
  for (let i = 0; i < TRIES && count > 0; i++) {
    const id = first + Math.floor(draw.next() * count);
    if (since[id - 1]! <= t) return id;
  }
  return 0;
}

/** Whether account `a`'s plan at `at` includes exports. */
function exportsAt(ctx: SessionContext, a: number, at: number): boolean {
  const p = planAt(ctx.accountPlans, a, at);
  return p >= 0 && ctx.plans[p]!.exports;
}

export function daySessions(
  ctx: SessionContext,
  users: UserView,
  day: number,
  views: number,
  state: StreamState,
  alloc: Alloc,
): DaySessions {
  const cfg = ctx.pages;
  const active = ctx.active.on(day, userFade(users, ctx.fadeFloor));
  if (views > 0 && !active.ids.length)
    throw new Error(`sessions: no active user on day ${day}, but the plan gave it ${views} page views`);
  const dayStart = day * MICROS_PER_DAY;
  const cutoff = dayCutoff(day, ctx.endDay);
  const hoursFor = hourTables(ctx.usage.hourly, ctx.usage.weekday, ctx.offsets, day, cutoff);
  const entryCum = cumulate(PAGES.map((p) => cfg.entry[p] ?? 0));
  const nextCum = PAGES.map((from) => {
    const w = PAGES.map((to) => cfg.next[from]?.[to] ?? 0);
    return cumulate(w.some((x) => x > 0) ? w : PAGES.map((p) => (p === '/dashboard' ? 1 : 0)));
  });
  const dwell = PAGES.map((p) => cfg.dwell_seconds[p] ?? 30);
  const referrerCum = cumulate(REFERRERS.map((r) => cfg.referrers[r]));
  const continueP = 1 - 1 / cfg.session_pages_mean;
  const s = streams(state, SLOT);
  const out = {
    time: alloc.f64(views),
    user: alloc.i32(views),
    session: alloc.i32(views),
    seq: alloc.i32(views),
    page: alloc.u8(views),
    entity: alloc.i32(views),
    referrer: alloc.u8(views),
    referrerValid: alloc.u8(views),
    duration: alloc.i32(views),
  };
  const [g0, g1] = cfg.gap_seconds;
  // An active user-day has 1 + geometric sessions (mean sessions_per_user_day), each starting in
  // local business hours, never before the user's previous one has ended.
  const more = 1 - 1 / cfg.sessions_per_user_day;
  let i = 0;
  let sessionNo = 0;
  let u = -1;
  let left = 0;
  let starts: number[] = [];
  let previousEnd = 0;
  while (i < views) {
    sessionNo++;
    if (left === 0) {
      u = active.ids[pickCumulative(active.cumulative, s.user.next())]!;
      left = 1;
      while (s.length.next() < more) left++;
      const hours = hoursFor(users.zone[u]!);
      starts = Array.from(
        { length: left },
        () =>
          dayStart + pickCumulative(hours, s.time.next()) * MICROS_PER_HOUR + s.time.next() * MICROS_PER_HOUR,
      ).sort((x, y) => x - y);
      previousEnd = 0;
    }
    const a = users.accountId[u]! - 1;
    const begin = i;
    let t = Math.max(starts[starts.length - left]!, previousEnd + 60_000_000);
    left--;
    let current = pickCumulative(entryCum, s.page.next());
    const r = pickCumulative(referrerCum, s.referrer.next());
    for (let k = 1; i < views; k++, i++) {
      if (current === EXPORT && !exportsAt(ctx, a, t)) current = REPORTS;
      let entity = 0;
      if (current === DEVICE_PAGE) {
        entity = drawExisting(
          users.firstDevice[u]!,
          users.accountDevices[u]!,
          ctx.deviceInstalledAt,
          t,
          s.entity,
        );
        if (!entity) current = DEVICES;
      } else if (current === LOCATION_PAGE) {
        entity = drawExisting(
          users.firstLocation[u]!,
          users.locationCount[u]!,
          ctx.locationOpenedAt,
          t,
          s.entity,
        );
        if (!entity) current = LOCATIONS;
      }
      out.user[i] = u;
      out.session[i] = sessionNo;
      out.seq[i] = k;
      out.page[i] = current;
      out.entity[i] = entity;
      if (k === 1) {
        out.referrer[i] = r === 0 ? 0 : r - 1;
        out.referrerValid[i] = r === 0 ? 0 : 1;
      } else {
        out.referrer[i] = PAGE_REFERRERS.length + out.page[i - 1]!;
        out.referrerValid[i] = 1;
      }
      // Time on the page: lognormal around the page's median, by role; then a few seconds to the next.
      const seconds =
        dwell[current]! * ROLE_DWELL[users.role[u]!]! * Math.exp(cfg.dwell_sd * s.dwell.normal());
      out.time[i] = t;
      out.duration[i] = Math.max(1000, Math.round(seconds * 1000));
      t += out.duration[i]! * 1000 + (g0 + s.time.next() * (g1 - g0)) * 1_000_000;
      if (s.length.next() >= continueP) {
        i++;
        break;
      }
      current = pickCumulative(nextCum[current]!, s.page.next());
    }
    previousEnd = out.time[i - 1]! + out.duration[i - 1]! * 1000;
    // A session running past the end of the day is moved back to end inside it.
    const overflow = out.time[i - 1]! + out.duration[i - 1]! * 1000 - (cutoff - 1);
    if (overflow > 0)
      for (let k = begin; k < i; k++) {
        out.time[k] = Math.max(dayStart, out.time[k]! - overflow);
        // Moved earlier, a detail page may now precede its device or venue: it becomes the list.
        const since = out.page[k] === DEVICE_PAGE ? ctx.deviceInstalledAt : ctx.locationOpenedAt;
        if (out.entity[k]! > 0 && since[out.entity[k]! - 1]! > out.time[k]!) {
          out.page[k] = out.page[k] === DEVICE_PAGE ? DEVICES : LOCATIONS;
          out.entity[k] = 0;
          if (k + 1 < i) out.referrer[k + 1] = PAGE_REFERRERS.length + out.page[k]!;
        }
      }
  }
  return { views, sessions: sessionNo, ...out };
}
