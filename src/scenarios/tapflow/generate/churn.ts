/**
 * Churn over the whole history at the seeds' monthly rate. Each account has a hazard (its tier's
 * weight, higher for less engaged accounts) from the end of a grace period; its time to churn is an
 * exponential draw over that hazard. One base rate scales every hazard, and is calibrated so the
 * history's pooled monthly churn (churned in a month / active at its start, summed over the months)
 * is the configured rate. Accounts whose churn would take more of the fleet offline than the
 * offline-device target leaves room for are retained (largest first), then the rate is calibrated
 * again. Churners fade before they leave: the fade window ends at the churn.
 */

import type { Stream } from '../../../rng/stream.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import { TIERS } from '../vocabulary.js';
import type { RunContext } from './context.js';
import { nextMonthStart } from './subscriptions.js';

export const MONTH_MICROS = 30.436875 * MICROS_PER_DAY;
const SECOND = 1_000_000;

export interface Churn {
  /** NaN unless churned. */
  readonly churnedAt: Float64Array;
  /** Start of the fade before the churn (NaN unless churned). */
  readonly fadeStart: Float64Array;
}

/** First instants of the months of the history (the last one starts before now). */
function monthStarts(ctx: RunContext): Float64Array {
  const out: number[] = [];
  const first = new Date(ctx.startMicros / 1000);
  for (
    let m = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1) * 1000;
    m < ctx.nowMicros;
    m = nextMonthStart(m)
  )
    out.push(m);
  return Float64Array.from(out);
}

/** Pooled monthly churn: Σ churned in each month / Σ accounts active at its start. */
export function pooledMonthlyChurn(
  months: Float64Array,
  createdAt: Float64Array,
  churnedAt: Float64Array,
  now: number,
): number {
  let churned = 0;
  let active = 0;
  for (let i = 0; i < createdAt.length; i++) {
    const c = churnedAt[i]!;
    for (let j = 0; j < months.length; j++) {
      const m = months[j]!;
      if (createdAt[i]! < m && !(c < m)) active++;
      const next = j + 1 < months.length ? months[j + 1]! : now;
      if (c >= m && c < next) churned++;
    }
  }
  return active > 0 ? churned / active : 0;
}

export function drawChurn(
  ctx: RunContext,
  tier: Uint8Array,
  createdAt: Float64Array,
  engagement: Float64Array,
  devicesPerAccount: Int32Array,
  stream: Stream,
): Churn {
  const cfg = ctx.config.accounts.churn;
  const n = tier.length;
  const weight = new Float64Array(n);
  const draw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    weight[i] = cfg.tier_weight[TIERS[tier[i]!]!] * Math.exp(-cfg.engagement_effect * engagement[i]!);
    draw[i] = -Math.log(1 - stream.next());
  }
  const months = monthStarts(ctx);
  const churnedAt = new Float64Array(n);
  const place = (rate: number) => {
    for (let i = 0; i < n; i++) {
      const months_ = cfg.grace_months + draw[i]! / (rate * weight[i]!);
      const at = createdAt[i]! + months_ * MONTH_MICROS;
      churnedAt[i] =
        weight[i]! > 0 && at < ctx.lastTickMicros ? Math.floor(at / SECOND) * SECOND : Number.NaN;
    }
    return pooledMonthlyChurn(months, createdAt, churnedAt, ctx.nowMicros);
  };
  // The pooled rate grows with the base rate (more and earlier churns): bisect for the target.
  const calibrate = () => {
    let lo = 0;
    let hi = 1;
    for (let k = 0; k < 60; k++) {
      const mid = (lo + hi) / 2;
      if (place(mid) < cfg.monthly_rate) lo = mid;
      else hi = mid;
    }
    const below = place(lo);
    if (Math.abs(place(hi) - cfg.monthly_rate) > Math.abs(below - cfg.monthly_rate)) place(lo);
  };
  const total = devicesPerAccount.reduce((a, b) => a + b, 0);
  for (;;) {
    if (cfg.monthly_rate > 0) calibrate();
    else churnedAt.fill(Number.NaN);
    let gone = 0;
    let largest = -1;
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(churnedAt[i]!)) continue;
      gone += devicesPerAccount[i]!;
      if (largest < 0 || devicesPerAccount[i]! > devicesPerAccount[largest]!) largest = i;
    }
    if (gone <= cfg.max_device_share * total || largest < 0) break;
    weight[largest] = 0;
  }
  const fadeStart = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const c = churnedAt[i]!;
    if (Number.isNaN(c)) continue;
    const fade = Math.min(cfg.fade_days * MICROS_PER_DAY, 0.5 * (c - createdAt[i]!));
    fadeStart[i] = Math.floor((c - fade) / SECOND) * SECOND;
  }
  return { churnedAt, fadeStart };
}
