/**
 * Subscription history. An account starts on the plan its initial rollout needs; when expansion
 * installs push its device count across a plan boundary the plan ends and a bigger one starts;
 * churn cancels the current plan. So an active account's one active plan fits its device count.
 */

import { type Batch, int64Column, validityOfNaN } from '../../../generate/batch.js';
import type { AccountModel } from './accounts.js';
import type { RunContext } from './context.js';
import type { DeviceModel } from './devices.js';
import type { LocationModel } from './locations.js';

const ACTIVE = 0;
const ENDED = 1;
const CANCELED = 2;

export function planIndex(plans: readonly { min_devices: number }[], devices: number): number {
  let p = 0;
  while (p + 1 < plans.length && devices >= plans[p + 1]!.min_devices) p++;
  return p;
}

export function generateSubscriptions(
  ctx: RunContext,
  accounts: AccountModel,
  locations: LocationModel,
  devices: DeviceModel,
): Batch {
  const plans = ctx.config.subscriptions.plans;
  // Per account: devices of its rollout, and the install times of expansion devices.
  const rollout = new Int32Array(accounts.count);
  const later: number[][] = Array.from({ length: accounts.count }, () => []);
  for (let d = 0; d < devices.count; d++) {
    const a = devices.accountId[d]! - 1;
    if (locations.expansion[devices.locationId[d]! - 1]) later[a]!.push(devices.installedAt[d]!);
    else rollout[a]!++;
  }
  const account: number[] = [];
  const plan: string[] = [];
  const mrr: number[] = [];
  const deviceCount: number[] = [];
  const started: number[] = [];
  const ended: number[] = [];
  const status: number[] = [];
  for (let a = 0; a < accounts.count; a++) {
    const churned = accounts.churnedAt[a]!;
    const installs = later[a]!.sort((x, y) => x - y);
    let count = rollout[a]!;
    let current = planIndex(plans, count);
    let since = accounts.createdAt[a]!;
    const open = (p: number, at: number, n: number) => {
      account.push(a + 1);
      plan.push(plans[p]!.name);
      mrr.push(plans[p]!.price);
      deviceCount.push(n);
      started.push(at);
    };
    open(current, since, count);
    for (const at of installs) {
      count++;
      const next = planIndex(plans, count);
      if (next !== current) {
        ended.push(at);
        status.push(ENDED);
        current = next;
        since = at;
        open(current, since, count);
      }
    }
    // The open plan is sized for all devices the account ends with.
    deviceCount[deviceCount.length - 1] = count;
    ended.push(Number.isNaN(churned) ? Number.NaN : churned);
    status.push(Number.isNaN(churned) ? ACTIVE : CANCELED);
  }
  const n = account.length;
  const endedAt = Float64Array.from(ended);
  const dollars = Float64Array.from(mrr);
  return {
    table: 'subscriptions',
    rows: n,
    columns: {
      subscription_id: Int32Array.from({ length: n }, (_, i) => i + 1),
      account_id: Int32Array.from(account),
      plan,
      mrr: dollars,
      device_count: Int32Array.from(deviceCount),
      started_at: int64Column(started),
      ended_at: int64Column(endedAt),
      status: Uint8Array.from(status),
    },
    validity: { ended_at: validityOfNaN(endedAt) },
  };
}
