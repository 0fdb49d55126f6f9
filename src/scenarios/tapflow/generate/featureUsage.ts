/**
 * One day of feature_usage. In-app events happen on the pages of the day's sessions (sessions.ts,
 * shared with page_views: same session_id, during the page view): the day's session events are
 * apportioned over its sessions by how eventful their pages are (reports weigh more on Mondays and
 * the 1st), and each event's feature is its page's (dashboards → dashboard_view, /reports/export →
 * export_csv, alert settings → alert_configured, …; config changes and invitations only by the roles
 * allowed to). API calls are machine traffic: integrations of accounts whose plan includes API
 * access, by their devices, around the clock. The day is ordered by time, so ids ascend with used_at.
 */

import { apportion } from '../../../generate/apportion.js';
import { type Alloc, HEAP, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { DayShard } from '../../../generate/dayShard.js';
import { orderByTime } from '../../../generate/sortByTime.js';
import { cumulate, pickCumulative, type Stream, streams } from '../../../rng/stream.js';
import { dayOfMonth, MICROS_PER_DAY, weekdayOf } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { FEATURES, PAGES, ROLES } from '../vocabulary.js';
import { dayCutoff } from './context.js';
import { DEVICE_PAGE, daySessions, drawExisting, LOCATION_PAGE, type SessionContext } from './sessions.js';
import { sessionState, type UsageDays } from './usageDays.js';
import type { UserView } from './userView.js';

export interface UsageContext extends SessionContext {
  readonly days: UsageDays;
  readonly deviceLocation: Int32Array;
  readonly userCreatedAt: Float64Array;
}

const SLOT = { event: 0, time: 1, platform: 2, duration: 3, location: 4, api: 5 } as const;
const F = Object.fromEntries(FEATURES.map((f, i) => [f, i])) as Record<(typeof FEATURES)[number], number>;
const P = Object.fromEntries(PAGES.map((p, i) => [p, i])) as Record<(typeof PAGES)[number], number>;
const ADMIN = ROLES.indexOf('admin');
const STAFF = ROLES.indexOf('staff');

export function roleWeights(usage: Config['feature_usage']): Float64Array {
  return Float64Array.from(ROLES, (r) => usage.role_weight[r]);
}

/** The feature an event on `page` is, for a user of `role` (u decides configuration changes). */
function featureOn(page: number, role: number, u: number): number {
  switch (page) {
    case P['/reports']:
      return F.report_generated;
    case P['/reports/export']:
      return F.export_csv;
    case P['/alerts']:
    case P['/settings/alerts']:
      return role === STAFF ? F.dashboard_view : F.alert_configured;
    case P['/devices/:id']:
    case P['/locations/:id']:
      return role !== STAFF && u < 0.5 ? F.device_config_changed : F.dashboard_view;
    case P['/settings/users']:
      return role === ADMIN ? F.user_invited : F.dashboard_view;
    default:
      return F.dashboard_view;
  }
}

export function generateFeatureUsage(
  ctx: UsageContext,
  users: UserView,
  shard: DayShard,
  alloc: Alloc = HEAP,
): Batch {
  const { day, dayRows: n } = shard;
  const i = day - ctx.days.firstDay;
  const apiRows = ctx.days.apiRows[i]!;
  const sessionRows = n - apiRows;
  const ses = daySessions(ctx, users, day, ctx.days.pageRows[i]!, sessionState(ctx.days, day), alloc);
  const s = streams(shard.state, SLOT);
  const reportBoost = weekdayOf(day) === 0 || dayOfMonth(day) === 1 ? ctx.usage.report_boost : 1;
  const pageWeight = Float64Array.from(
    PAGES,
    (p, k) => (ctx.usage.event_weight[p] ?? 0) * (k === P['/reports'] ? reportBoost : 1),
  );

  // Session events: apportioned over the sessions by their pages' weights.
  const sessionStart = new Int32Array(ses.sessions + 1);
  const weight = new Float64Array(ses.sessions);
  for (let k = 0; k < ses.views; k++) {
    weight[ses.session[k]! - 1]! += pageWeight[ses.page[k]!]!;
    sessionStart[ses.session[k]!] = k + 1;
  }
  if (sessionRows > 0 && !weight.some((w) => w > 0))
    throw new Error(`feature_usage: no session on day ${day} to carry ${sessionRows} events`);
  const perSession = sessionRows > 0 ? apportion(sessionRows, weight) : new Int32Array(ses.sessions);
  const time = alloc.f64(n);
  const user = alloc.i32(n);
  const feature = alloc.u8(n);
  const session = alloc.i32(n);
  const page = alloc.i32(n);
  let e = 0;
  for (let q = 0; q < ses.sessions; q++) {
    const from = q === 0 ? 0 : sessionStart[q]!;
    const to = sessionStart[q + 1]!;
    const cum = cumulate(Array.from(ses.page.subarray(from, to), (p) => pageWeight[p]!));
    for (let k = 0; k < perSession[q]!; k++, e++) {
      const v = from + pickCumulative(cum, s.event.next());
      const u = ses.user[v]!;
      time[e] = ses.time[v]! + s.time.next() * ses.duration[v]! * 1000;
      user[e] = u;
      feature[e] = featureOn(ses.page[v]!, users.role[u]!, s.event.next());
      session[e] = q + 1;
      page[e] = v;
    }
  }

  // API calls: accounts with API access today, by their devices, at any hour.
  const dayStart = day * MICROS_PER_DAY;
  const cutoff = dayCutoff(day, ctx.endDay);
  const p = ctx.accountPlans;
  /** Per segment of a plan with API access: plan row, account, first and last µs of it today. */
  const api: number[] = [];
  const apiWeight: number[] = [];
  for (let a = 0; a + 1 < p.first.length && apiRows > 0; a++) {
    const apiUser = p.apiUser[a]!;
    if (apiUser < 0) continue;
    for (let k = p.first[a]!; k < p.first[a + 1]!; k++) {
      if (!ctx.plans[p.plan[k]!]!.api) continue;
      const lo = Math.max(p.start[k]!, ctx.userCreatedAt[apiUser]! + 1_000_000, dayStart);
      const hi = Math.min(p.end[k]!, cutoff);
      if (hi <= lo) continue;
      api.push(k, a, lo, hi);
      apiWeight.push((p.devices[k]! * p.apiIntensity[a]! * (hi - lo)) / MICROS_PER_DAY);
    }
  }
  const apiCum = cumulate(apiWeight);
  if (apiRows > 0 && !apiWeight.length)
    throw new Error(`feature_usage: no account with API access on day ${day}`);
  for (let k = 0; k < apiRows; k++, e++) {
    const j = 4 * pickCumulative(apiCum, s.api.next());
    time[e] = api[j + 2]! + s.api.next() * (api[j + 3]! - api[j + 2]!);
    user[e] = p.apiUser[api[j + 1]!]!;
    feature[e] = F.api_call;
    session[e] = 0;
    page[e] = -1;
  }

  // Per-row attributes in generation order (so a chunk of a day draws nothing another chunk does).
  const platformOf = alloc.u8(n);
  const durationOf = alloc.i32(n);
  const locationOf = alloc.i32(n);
  const mobile = new Uint8Array(ses.sessions + 1);
  for (let q = 1; q <= ses.sessions; q++) mobile[q] = s.platform.next() < 0.2 ? 1 : 0;
  for (let k = 0; k < n; k++) {
    const f = feature[k]!;
    const u = user[k]!;
    const v = page[k]!;
    platformOf[k] = f === F.api_call ? 2 : mobile[session[k]!]!;
    // API latency is lognormal around 120 ms; an in-app event lasts part of its page view.
    durationOf[k] =
      f === F.api_call
        ? Math.round(120 * Math.exp(0.6 * s.duration.normal()))
        : Math.max(200, Math.round(ses.duration[v]! * (0.2 + 0.8 * s.duration.next())));
    if (f === F.alert_configured || f === F.device_config_changed) {
      const entity = ses.entity[v]!;
      locationOf[k] =
        ses.page[v] === DEVICE_PAGE && entity
          ? ctx.deviceLocation[entity - 1]!
          : ses.page[v] === LOCATION_PAGE && entity
            ? entity
            : openLocation(ctx, users, u, time[k]!, s.location);
    }
  }

  const order = orderByTime(time, n);
  const rows = shard.rows;
  const ids = alloc.i64(rows);
  const ts = alloc.i64(rows);
  const sessionIds = alloc.i64(rows);
  const idView = int32Pairs(ids);
  const tsView = int32Pairs(ts);
  const sessionView = int32Pairs(sessionIds);
  const userId = alloc.i32(rows);
  const accountId = alloc.i32(rows);
  const featureOut = alloc.u8(rows);
  const roleOut = alloc.u8(rows);
  const platform = alloc.u8(rows);
  const location = alloc.i32(rows);
  const locationValid = alloc.u8(rows);
  const sessionValid = alloc.u8(rows);
  const duration = alloc.i32(rows);
  for (let j = 0; j < rows; j++) {
    const k = order[shard.firstRow + j]!;
    const u = user[k]!;
    setInt64(idView, j, shard.firstId + j);
    setInt64(tsView, j, Math.floor(time[k]!));
    if (session[k]! > 0) {
      setInt64(sessionView, j, day * 1_000_000 + session[k]!);
      sessionValid[j] = 1;
    }
    userId[j] = u + 1;
    accountId[j] = users.accountId[u]!;
    featureOut[j] = feature[k]!;
    roleOut[j] = users.role[u]!;
    platform[j] = platformOf[k]!;
    duration[j] = durationOf[k]!;
    location[j] = locationOf[k]!;
    locationValid[j] = locationOf[k]! > 0 ? 1 : 0;
  }
  return {
    table: 'feature_usage',
    rows,
    columns: {
      usage_id: ids,
      used_at: ts,
      user_id: userId,
      account_id: accountId,
      feature: featureOut,
      role: roleOut,
      platform,
      location_id: location,
      duration_ms: duration,
      session_id: sessionIds,
    },
    validity: { location_id: locationValid, session_id: sessionValid },
  };
}

/** A venue of the user's account open by `t` (1-based id): a few draws, then the first one open; 0 if none is yet. */
function openLocation(ctx: UsageContext, users: UserView, u: number, t: number, draw: Stream): number {
  const first = users.firstLocation[u]!;
  const count = users.locationCount[u]!;
  const drawn = drawExisting(first, count, ctx.locationOpenedAt, t, draw);
  if (drawn) return drawn;
  for (let id = first; id < first + count; id++) if (ctx.locationOpenedAt[id - 1]! <= t) return id;
  return 0;
}
