/**
 * One day of page_views: sessions are drawn until the day's exact row count is filled. A session is
 * one active user's walk through the dashboard (entry page, then a Markov chain over pages), seconds
 * to minutes apart; the first view's referrer is an external site or null (direct), later views'
 * referrer is the previous page. The day is ordered by time, so ids ascend with viewed_at.
 */

import { type Alloc, HEAP, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { DayShard } from '../../../generate/dayShard.js';
import type { DayWindows } from '../../../generate/dayWindows.js';
import { orderByTime } from '../../../generate/sortByTime.js';
import { cumulate, pickCumulative, streams } from '../../../rng/stream.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../../../time/calendar.js';
import type { ZoneOffsets } from '../../../time/zoneOffsets.js';
import { type Config, PAGE_REFERRERS, PAGES } from '../config.js';
import { userFade } from './activeUsers.js';
import { hourTables } from './profiles.js';
import type { UserView } from './userView.js';

export interface PageContext {
  readonly pages: Config['page_views'];
  readonly usage: Config['feature_usage'];
  readonly offsets: ZoneOffsets;
  readonly endDay: number;
  readonly lastTickMicros: number;
  /** Users active on a day, weighted by role (activeUsers). */
  readonly active: DayWindows;
  /** Activity left at the churn of a fading account (config accounts.churn.fade_floor). */
  readonly fadeFloor: number;
}

const SLOT = { user: 0, length: 1, page: 2, entity: 3, referrer: 4, time: 5 } as const;
const DEVICE_PAGE = PAGES.indexOf('/devices/:id');
const LOCATION_PAGE = PAGES.indexOf('/locations/:id');
const REFERRERS = ['direct', ...PAGE_REFERRERS] as const;

export function generatePageViews(
  ctx: PageContext,
  users: UserView,
  shard: DayShard,
  alloc: Alloc = HEAP,
): Batch {
  const { day, dayRows: n } = shard;
  const cfg = ctx.pages;
  const active = ctx.active.on(day, userFade(users, ctx.fadeFloor));
  if (!active.ids.length)
    throw new Error(`page_views: no active user on day ${day}, but the plan gave it ${n} rows`);
  const dayStart = day * MICROS_PER_DAY;
  const cutoff = day === ctx.endDay ? ctx.lastTickMicros : dayStart + MICROS_PER_DAY;
  const hoursFor = hourTables(ctx.usage.hourly, ctx.usage.weekday, ctx.offsets, day, cutoff);

  const entryCum = cumulate(PAGES.map((p) => cfg.entry[p] ?? 0));
  const nextCum = PAGES.map((from) => {
    const w = PAGES.map((to) => cfg.next[from]?.[to] ?? 0);
    return cumulate(w.some((x) => x > 0) ? w : PAGES.map((p) => (p === '/dashboard' ? 1 : 0)));
  });
  const referrerCum = cumulate(REFERRERS.map((r) => cfg.referrers[r]));
  const continueP = 1 - 1 / cfg.session_pages_mean;
  const s = streams(shard.state, SLOT);

  const time = alloc.f64(n);
  const user = alloc.i32(n);
  const session = alloc.i32(n);
  const seq = alloc.i32(n);
  const page = alloc.u8(n);
  const entity = alloc.i32(n);
  const referrer = alloc.u8(n);
  const referrerValid = alloc.u8(n);
  const duration = alloc.i32(n);
  const [g0, g1] = cfg.gap_seconds;
  let i = 0;
  for (let sessionNo = 1; i < n; sessionNo++) {
    const u = active.ids[pickCumulative(active.cumulative, s.user.next())]!;
    const begin = i;
    const hours = hoursFor(users.zone[u]!);
    let t =
      dayStart + pickCumulative(hours, s.time.next()) * MICROS_PER_HOUR + s.time.next() * MICROS_PER_HOUR;
    let current = pickCumulative(entryCum, s.page.next());
    const r = pickCumulative(referrerCum, s.referrer.next());
    for (let k = 1; i < n; k++, i++) {
      user[i] = u;
      session[i] = sessionNo;
      seq[i] = k;
      page[i] = current;
      if (k === 1) {
        referrer[i] = r === 0 ? 0 : r - 1;
        referrerValid[i] = r === 0 ? 0 : 1;
      } else {
        referrer[i] = PAGE_REFERRERS.length + page[i - 1]!;
        referrerValid[i] = 1;
      }
      if (current === DEVICE_PAGE)
        entity[i] = users.firstDevice[u]! + Math.floor(s.entity.next() * users.accountDevices[u]!);
      else if (current === LOCATION_PAGE)
        entity[i] = users.firstLocation[u]! + Math.floor(s.entity.next() * users.locationCount[u]!);
      const gap = (g0 + s.time.next() * (g1 - g0)) * 1_000_000;
      time[i] = t;
      duration[i] = Math.round(gap / 1000);
      t += gap;
      if (s.length.next() >= continueP) {
        i++;
        break;
      }
      current = pickCumulative(nextCum[current]!, s.page.next());
    }
    const overflow = time[i - 1]! - (cutoff - 1);
    if (overflow > 0) for (let k = begin; k < i; k++) time[k] = Math.max(dayStart, time[k]! - overflow);
  }

  const order = orderByTime(time, n);
  const rows = shard.rows;
  const ids = alloc.i64(rows);
  const ts = alloc.i64(rows);
  const sessionIds = alloc.i64(rows);
  const idView = int32Pairs(ids);
  const tsView = int32Pairs(ts);
  const sessionView = int32Pairs(sessionIds);
  const out = {
    seq: alloc.i32(rows),
    user: alloc.i32(rows),
    account: alloc.i32(rows),
    page: alloc.u8(rows),
    entity: alloc.i32(rows),
    entityValid: alloc.u8(rows),
    referrer: alloc.u8(rows),
    referrerValid: alloc.u8(rows),
    duration: alloc.i32(rows),
  };
  for (let j = 0; j < rows; j++) {
    const k = order[shard.firstRow + j]!;
    setInt64(idView, j, shard.firstId + j);
    setInt64(tsView, j, Math.floor(time[k]!));
    setInt64(sessionView, j, day * 1_000_000 + session[k]!);
    out.seq[j] = seq[k]!;
    out.user[j] = user[k]! + 1;
    out.account[j] = users.accountId[user[k]!]!;
    out.page[j] = page[k]!;
    out.entity[j] = entity[k]!;
    out.entityValid[j] = entity[k]! > 0 ? 1 : 0;
    out.referrer[j] = referrer[k]!;
    out.referrerValid[j] = referrerValid[k]!;
    out.duration[j] = duration[k]!;
  }
  return {
    table: 'page_views',
    rows,
    columns: {
      page_view_id: ids,
      viewed_at: ts,
      session_id: sessionIds,
      session_seq: out.seq,
      user_id: out.user,
      account_id: out.account,
      page_path: out.page,
      entity_id: out.entity,
      referrer: out.referrer,
      duration_ms: out.duration,
    },
    validity: { entity_id: out.entityValid, referrer: out.referrerValid },
  };
}
