/**
 * Plans page_views and feature_usage together. Page views are apportioned over days by how many
 * users are active (by role weight, fading churners less) and the weekday; their sessions carry the
 * in-app events of feature_usage, which are apportioned the same way over the days with sessions.
 * API calls (machine traffic) are apportioned by the devices of accounts whose plan includes API
 * access that day, as `api_share` of the rows (none while no account has it). Each table's day is
 * one stream; the sessions themselves come from the day's 'sessions' stream, shared by both.
 */

import { dayShards, type FactShardPlan } from '../../../plan/shards.js';
import { baseState, shardStates } from '../../../rng/stream.js';
import { MICROS_PER_DAY, weekdayOf } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import type { AccountPlans } from '../generate/accountPlans.js';
import { activeDays, userFade } from '../generate/activeUsers.js';
import { roleWeights } from '../generate/featureUsage.js';
import type { UsageDays } from '../generate/usageDays.js';
import type { UserView } from '../generate/userView.js';
import { apportionAndContinue } from './continuation.js';

export interface UsagePlanInput {
  readonly usage: Config['feature_usage'];
  readonly plans: Config['subscriptions']['plans'];
  readonly startDay: number;
  /** The simulation's last day: totals are exact over [startDay, endDay] (RunContext). */
  readonly endDay: number;
  /** The dataset's last day: later days continue at the simulation's rates. */
  readonly lastDay: number;
  readonly shardRows: number;
  readonly seed: number;
  /** Activity left at the churn of a fading account (config accounts.churn.fade_floor). */
  readonly fadeFloor: number;
  readonly pageRows: number;
  readonly featureRows: number;
}

/** Expected relative activity of each day: Σ role weights of active users (fading ones less) × weekday factor. */
export function expectedDailyActivity(input: UsagePlanInput, users: UserView): Float64Array {
  const days = input.lastDay - input.startDay + 1;
  const weights = roleWeights(input.usage);
  const diff = new Float64Array(days + 1);
  const count = new Int32Array(days + 1);
  for (let u = 0; u < users.count; u++) {
    const [first, last] = activeDays(users, u, input.lastDay);
    const a = Math.max(first, input.startDay) - input.startDay;
    const b = last - input.startDay + 1;
    const w = weights[users.role[u]!]! * users.activity[u]!;
    if (a >= b || w <= 0) continue;
    diff[a]! += w;
    diff[b]! -= w;
    count[a]!++;
    count[b]!--;
  }
  const fade = userFade(users, input.fadeFloor);
  for (let u = 0; u < users.count; u++) {
    if (Number.isNaN(users.fadeStart[u]!)) continue;
    const [first, last] = activeDays(users, u, input.lastDay);
    const w = weights[users.role[u]!]! * users.activity[u]!;
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

/** Device-days of API access per day: accounts on a plan with API access, from their API user's creation. */
export function apiWeights(input: UsagePlanInput, p: AccountPlans, userCreated: Float64Array): Float64Array {
  const days = input.lastDay - input.startDay + 1;
  const out = new Float64Array(days);
  for (let a = 0; a + 1 < p.first.length; a++) {
    if (p.apiUser[a]! < 0) continue;
    for (let k = p.first[a]!; k < p.first[a + 1]!; k++) {
      if (!input.plans[p.plan[k]!]!.api) continue;
      const from = Math.max(p.start[k]!, userCreated[p.apiUser[a]!]! + 1_000_000);
      const to = Math.min(p.end[k]!, (input.lastDay + 1) * MICROS_PER_DAY);
      for (let day = Math.floor(from / MICROS_PER_DAY); day * MICROS_PER_DAY < to; day++) {
        const covered = Math.min(to, (day + 1) * MICROS_PER_DAY) - Math.max(from, day * MICROS_PER_DAY);
        if (covered > 0)
          out[day - input.startDay]! += (p.devices[k]! * p.apiIntensity[a]! * covered) / MICROS_PER_DAY;
      }
    }
  }
  return out;
}

export function usageDays(input: UsagePlanInput, users: UserView, plans: AccountPlans): UsageDays {
  const activity = expectedDailyActivity(input, users);
  const simulated = input.endDay - input.startDay + 1;
  const pageRows = apportionAndContinue(input.pageRows, activity, simulated);
  const api = apiWeights(input, plans, users.createdAt);
  const sessionWeight = activity.map((w, i) => (pageRows[i]! > 0 ? w : 0));
  const anyApi = api.subarray(0, simulated).some((w) => w > 0);
  const anySessions = sessionWeight.subarray(0, simulated).some((w) => w > 0);
  const apiTotal = anyApi
    ? anySessions
      ? Math.round(input.featureRows * input.usage.api_share)
      : input.featureRows
    : 0;
  const sessionRows = anySessions
    ? apportionAndContinue(input.featureRows - apiTotal, sessionWeight, simulated)
    : new Int32Array(activity.length);
  const apiRows = anyApi ? apportionAndContinue(apiTotal, api, simulated) : new Int32Array(activity.length);
  const featureRows = Int32Array.from(sessionRows, (r, i) => r + apiRows[i]!);
  const states = shardStates(baseState(input.seed, 'sessions'), activity.length);
  const sessionStates = new Int32Array(4 * activity.length);
  for (const [i, st] of states.entries()) sessionStates.set(st, 4 * i);
  return { firstDay: input.startDay, pageRows, apiRows, featureRows, sessionStates };
}

export function planUsage(
  table: 'feature_usage' | 'page_views',
  days: UsageDays,
  shardRows: number,
  seed: number,
): FactShardPlan[] {
  const perDay = table === 'page_views' ? days.pageRows : days.featureRows;
  return dayShards(table, perDay, days.firstDay, shardRows, seed, 'day');
}
