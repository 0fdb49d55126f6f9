/**
 * One day of feature_usage. Active user-days are drawn until the day's exact row count is filled:
 * each has 2–10 dashboard views, then reports, alerts, exports, invites and config changes by role,
 * and API calls by the account's device count, seconds to minutes apart in local business hours.
 * A whole day is generated (a day is small) and ordered by time, so ids ascend with used_at.
 */

import { type Alloc, HEAP, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { DayShard } from '../../../generate/dayShard.js';
import type { DayWindows } from '../../../generate/dayWindows.js';
import { orderByTime } from '../../../generate/sortByTime.js';
import { pickCumulative, streams } from '../../../rng/stream.js';
import { dayOfMonth, MICROS_PER_DAY, MICROS_PER_HOUR, weekdayOf } from '../../../time/calendar.js';
import type { ZoneOffsets } from '../../../time/zoneOffsets.js';
import { type Config, EXTRA_FEATURES, FEATURES, ROLES } from '../config.js';
import { userFade } from './activeUsers.js';
import { hourTables } from './profiles.js';
import type { UserView } from './userView.js';

export interface UsageContext {
  readonly usage: Config['feature_usage'];
  readonly offsets: ZoneOffsets;
  readonly endDay: number;
  readonly lastTickMicros: number;
  /** Users active on a day, weighted by role (activeUsers). */
  readonly active: DayWindows;
  /** Activity left at the churn of a fading account (config accounts.churn.fade_floor). */
  readonly fadeFloor: number;
}

const SLOT = { user: 0, count: 1, time: 2, platform: 3, duration: 4, location: 5 } as const;
const DASHBOARD = FEATURES.indexOf('dashboard_view');
const API = FEATURES.indexOf('api_call');
const REPORT = FEATURES.indexOf('report_generated');
const ALERT = FEATURES.indexOf('alert_configured');
const CONFIG_CHANGE = FEATURES.indexOf('device_config_changed');
const STAFF = ROLES.indexOf('staff');
const EXTRA_INDEX = EXTRA_FEATURES.map((f) => FEATURES.indexOf(f));
/** Time spent per feature, [min, max] ms (API calls: latency). */
const DURATION_MS: readonly (readonly [number, number])[] = FEATURES.map((f) =>
  f === 'api_call' ? [40, 800] : f === 'dashboard_view' ? [5_000, 120_000] : [10_000, 240_000],
);

export function roleWeights(usage: Config['feature_usage']): Float64Array {
  return Float64Array.from(ROLES, (r) => usage.role_weight[r]);
}

/** A count with the given expectation: its whole part, plus one with the fraction's probability. */
function countOf(expected: number, u: number): number {
  const whole = Math.floor(expected);
  return whole + (u < expected - whole ? 1 : 0);
}

export function generateFeatureUsage(
  ctx: UsageContext,
  users: UserView,
  shard: DayShard,
  alloc: Alloc = HEAP,
): Batch {
  const { day, dayRows: n } = shard;
  const cfg = ctx.usage;
  const active = ctx.active.on(day, userFade(users, ctx.fadeFloor));
  if (!active.ids.length)
    throw new Error(`feature_usage: no active user on day ${day}, but the plan gave it ${n} rows`);
  const dayStart = day * MICROS_PER_DAY;
  const cutoff = day === ctx.endDay ? ctx.lastTickMicros : dayStart + MICROS_PER_DAY;
  const hoursFor = hourTables(cfg.hourly, cfg.weekday, ctx.offsets, day, cutoff);

  const reportBoost = weekdayOf(day) === 0 || dayOfMonth(day) === 1 ? cfg.report_boost : 1;
  const s = streams(shard.state, SLOT);

  const time = alloc.f64(n);
  const user = alloc.i32(n);
  const feature = alloc.u8(n);
  const [g0, g1] = cfg.gap_seconds;
  const [v0, v1] = cfg.dashboard_views;
  let i = 0;
  while (i < n) {
    const u = active.ids[pickCumulative(active.cumulative, s.user.next())]!;
    const role = users.role[u]!;
    const roleName = ROLES[role]!;
    const begin = i;
    const emit = (f: number, times: number) => {
      for (let k = 0; k < times && i < n; k++, i++) {
        user[i] = u;
        feature[i] = f;
      }
    };
    emit(DASHBOARD, s.count.int(v0, v1));
    for (let e = 0; e < EXTRA_FEATURES.length; e++) {
      const f = EXTRA_INDEX[e]!;
      const expected = cfg.extras[roleName][EXTRA_FEATURES[e]!] * (f === REPORT ? reportBoost : 1);
      emit(f, countOf(expected, s.count.next()));
    }
    const apiExpected =
      role === STAFF ? 0 : Math.min(40, (cfg.api_calls_per_100_devices * users.accountDevices[u]!) / 100);
    emit(API, countOf(apiExpected, s.count.next()));

    // Times: a start in local business hours, then gaps; shifted back if the day would overflow.
    const hours = hoursFor(users.zone[u]!);
    const h = pickCumulative(hours, s.time.next());
    let t = dayStart + h * MICROS_PER_HOUR + s.time.next() * MICROS_PER_HOUR;
    for (let k = begin; k < i; k++) {
      time[k] = t;
      t += (g0 + s.time.next() * (g1 - g0)) * 1_000_000;
    }
    const overflow = time[i - 1]! - (cutoff - 1);
    if (overflow > 0) for (let k = begin; k < i; k++) time[k] = Math.max(dayStart, time[k]! - overflow);
  }

  // Per-row attributes in generation order (so a chunk of a day draws nothing another chunk does).
  const platformOf = alloc.u8(n);
  const durationOf = alloc.i32(n);
  const locationOf = alloc.i32(n);
  for (let k = 0; k < n; k++) {
    const f = feature[k]!;
    const u = user[k]!;
    platformOf[k] = f === API ? 2 : s.platform.next() < 0.8 ? 0 : 1;
    const [d0, d1] = DURATION_MS[f]!;
    durationOf[k] = Math.round(d0 + s.duration.next() * (d1 - d0));
    if (f === ALERT || f === CONFIG_CHANGE) {
      locationOf[k] = users.firstLocation[u]! + Math.floor(s.location.next() * users.locationCount[u]!);
    }
  }

  const order = orderByTime(time, n);
  const rows = shard.rows;
  const ids = alloc.i64(rows);
  const ts = alloc.i64(rows);
  const idView = int32Pairs(ids);
  const tsView = int32Pairs(ts);
  const userId = alloc.i32(rows);
  const accountId = alloc.i32(rows);
  const featureOut = alloc.u8(rows);
  const roleOut = alloc.u8(rows);
  const platform = alloc.u8(rows);
  const location = alloc.i32(rows);
  const locationValid = alloc.u8(rows);
  const duration = alloc.i32(rows);
  for (let j = 0; j < rows; j++) {
    const k = order[shard.firstRow + j]!;
    const u = user[k]!;
    const f = feature[k]!;
    setInt64(idView, j, shard.firstId + j);
    setInt64(tsView, j, Math.floor(time[k]!));
    userId[j] = u + 1;
    accountId[j] = users.accountId[u]!;
    featureOut[j] = f;
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
    },
    validity: { location_id: locationValid },
  };
}
