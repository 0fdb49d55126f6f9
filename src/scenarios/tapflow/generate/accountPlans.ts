/**
 * Each account's plan over time (its subscriptions), as flat arrays shared with the workers:
 * product features are gated by the plan an account is on at that moment (exports, API access).
 */
import type { Batch } from '../../../generate/batch.js';
import { inverseNormal } from '../../../rng/stream.js';
import { hashUniform } from './hash.js';

/** hashUniform's third key for the accounts' API intensity. */
const API_INTENSITY = 41;

export interface AccountPlans {
  /** Segments of account a are [first[a], first[a + 1]), in time order. */
  readonly first: Int32Array;
  readonly start: Float64Array;
  /** End of the segment (µs), Infinity while active. */
  readonly end: Float64Array;
  /** Index into config subscriptions.plans. */
  readonly plan: Uint8Array;
  /** Devices the plan was sized for (its subscription's device_count). */
  readonly devices: Int32Array;
  /** The account's first user (an admin: API keys are theirs), 0-based; −1 if none. */
  readonly apiUser: Int32Array;
  /** How heavily the account's integrations call the API per device (lognormal, mean 1). */
  readonly apiIntensity: Float64Array;
}

export function accountPlansOf(
  accounts: number,
  subscriptions: Batch,
  planNames: readonly string[],
  userAccount: Int32Array,
  seed: number,
  intensitySd: number,
): AccountPlans {
  const n = subscriptions.rows;
  const account = subscriptions.columns.account_id as Int32Array;
  const started = subscriptions.columns.started_at as BigInt64Array;
  const ended = subscriptions.columns.ended_at as BigInt64Array;
  const endValid = subscriptions.validity.ended_at!;
  const plan = subscriptions.columns.plan as readonly string[];
  const count = subscriptions.columns.device_count as Int32Array;
  // Subscriptions are generated account by account, in time order.
  const first = new Int32Array(accounts + 1);
  for (let i = 0; i < n; i++) first[account[i]!]!++;
  for (let a = 0; a < accounts; a++) first[a + 1]! += first[a]!;
  const apiUser = new Int32Array(accounts).fill(-1);
  for (let u = userAccount.length - 1; u >= 0; u--) apiUser[userAccount[u]! - 1] = u;
  return {
    first,
    start: Float64Array.from(started, Number),
    end: Float64Array.from(ended, (e, i) => (endValid[i] ? Number(e) : Number.POSITIVE_INFINITY)),
    plan: Uint8Array.from(plan, (p) => planNames.indexOf(p)),
    devices: Int32Array.from(count),
    apiUser,
    apiIntensity: Float64Array.from({ length: accounts }, (_, a) => {
      const z = inverseNormal(0.0005 + 0.999 * hashUniform(seed, a, 0, API_INTENSITY));
      return Math.exp(intensitySd * z - (intensitySd * intensitySd) / 2);
    }),
  };
}

/** The plan (index) account a (0-based) is on at `t` µs, or −1 before its first device or after churn. */
export function planAt(p: AccountPlans, a: number, t: number): number {
  for (let k = p.first[a]!; k < p.first[a + 1]!; k++)
    if (t >= p.start[k]! && t < p.end[k]!) return p.plan[k]!;
  return -1;
}
