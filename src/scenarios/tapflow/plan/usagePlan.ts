/**
 * Plans feature_usage and page_views: the exact total is apportioned over days by how many users
 * are active (by role weight) and the weekday. Each day is one stream; big days split into chunks.
 */

import { apportion } from '../../../generate/apportion.js';
import { dayShards, type FactShardPlan } from '../../../plan/shards.js';
import { MICROS_PER_DAY, weekdayOf } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { activeDays, userFade } from '../generate/activeUsers.js';
import { roleWeights } from '../generate/featureUsage.js';
import type { UserView } from '../generate/userView.js';

export interface UsagePlanInput {
  readonly usage: Config['feature_usage'];
  readonly startDay: number;
  readonly endDay: number;
  readonly shardRows: number;
  readonly seed: number;
  /** Activity left at the churn of a fading account (config accounts.churn.fade_floor). */
  readonly fadeFloor: number;
}

/** Expected relative activity of each day: Σ role weights of active users × weekday factor. */
export function expectedDailyActivity(input: UsagePlanInput, users: UserView): Float64Array {
  const days = input.endDay - input.startDay + 1;
  const weights = roleWeights(input.usage);
  const diff = new Float64Array(days + 1);
  const count = new Int32Array(days + 1);
  for (let u = 0; u < users.count; u++) {
    const [first, last] = activeDays(users, u, input.endDay);
    const a = Math.max(first, input.startDay) - input.startDay;
    const b = last - input.startDay + 1;
    const w = weights[users.role[u]!]!;
    if (a >= b || w <= 0) continue;
    diff[a]! += w;
    diff[b]! -= w;
    count[a]!++;
    count[b]!--;
  }
  // Users of fading accounts are active less each day before the churn.
  const fade = userFade(users, input.fadeFloor);
  for (let u = 0; u < users.count; u++) {
    if (Number.isNaN(users.fadeStart[u]!)) continue;
    const [first, last] = activeDays(users, u, input.endDay);
    const w = weights[users.role[u]!]!;
    const from = Math.max(first, input.startDay, Math.floor(users.fadeStart[u]! / MICROS_PER_DAY));
    for (let day = from; day <= last; day++) {
      diff[day - input.startDay]! += w * (fade(u, day) - 1);
      diff[day - input.startDay + 1]! -= w * (fade(u, day) - 1);
    }
  }
  const out = new Float64Array(days);
  let acc = 0;
  let active = 0;
  for (let i = 0; i < days; i++) {
    acc += diff[i]!;
    active += count[i]!;
    if (active > 0) out[i] = Math.max(0, acc) * input.usage.weekday[weekdayOf(input.startDay + i)]!;
  }
  return out;
}

export function planUsage(
  table: 'feature_usage' | 'page_views',
  totalRows: number,
  input: UsagePlanInput,
  users: UserView,
): FactShardPlan[] {
  const perDay = apportion(totalRows, expectedDailyActivity(input, users));
  return dayShards(table, perDay, input.startDay, input.shardRows, input.seed, 'day');
}
