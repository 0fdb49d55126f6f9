/**
 * Subscription history, billed monthly on the devices installed (and not returned) by each month's
 * end (a true-up).
 * Billing starts when the account's first device is installed; each calendar month costs the plan
 * its device count at the month's end buys; a month that needs another plan than the one before ends
 * the current subscription and starts the next on the 1st (upgrades as venues are equipped,
 * downgrades if the count falls); churn cancels the current one. So at every month-end, and now,
 * each active account pays exactly what its installed devices imply.
 */

import { type Batch, int64Column, validityOfNaN } from '../../../generate/batch.js';
import type { AccountModel } from './accounts.js';
import type { RunContext } from './context.js';
import type { DeviceModel } from './devices.js';

const ACTIVE = 0;
const ENDED = 1;
const CANCELED = 2;

export function planIndex(plans: readonly { min_devices: number }[], devices: number): number {
  let p = 0;
  while (p + 1 < plans.length && devices >= plans[p + 1]!.min_devices) p++;
  return p;
}

/** The first instant (µs, UTC) of the calendar month after the one holding `micros`. */
export function nextMonthStart(micros: number): number {
  const date = new Date(Math.floor(micros / 1000));
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) * 1000;
}

/** Install and removal times of each account's devices, each ascending (device ids are contiguous per account). */
function fleetEvents(
  accounts: AccountModel,
  devices: DeviceModel,
): { installs: Float64Array; removals: Float64Array }[] {
  const out: { installs: Float64Array; removals: Float64Array }[] = [];
  for (let a = 0, d = 0; a < accounts.count; a++) {
    const first = d;
    while (d < devices.count && devices.accountId[d] === a + 1) d++;
    const removals = Array.from(devices.removedAt.subarray(first, d)).filter((t) => !Number.isNaN(t));
    out.push({
      installs: devices.installedAt.slice(first, d).sort(),
      removals: Float64Array.from(removals).sort(),
    });
  }
  return out;
}

export function generateSubscriptions(ctx: RunContext, accounts: AccountModel, devices: DeviceModel): Batch {
  const plans = ctx.config.subscriptions.plans;
  const account: number[] = [];
  const plan: string[] = [];
  const mrr: number[] = [];
  const deviceCount: number[] = [];
  const started: number[] = [];
  const ended: number[] = [];
  const status: number[] = [];
  const events = fleetEvents(accounts, devices);
  for (let a = 0; a < accounts.count; a++) {
    const { installs: times, removals } = events[a]!;
    if (!times.length) continue;
    const churned = accounts.churnedAt[a]!;
    const end = Number.isNaN(churned) ? ctx.nowMicros : churned;
    let k = 0;
    let r = 0;
    /** Devices installed before `t` and not removed before it (t never decreases). */
    const installedBefore = (t: number) => {
      while (k < times.length && times[k]! < t) k++;
      while (r < removals.length && removals[r]! < t) r++;
      return k - r;
    };
    const open = (p: number, at: number) => {
      account.push(a + 1);
      plan.push(plans[p]!.name);
      mrr.push(plans[p]!.price);
      started.push(at);
    };
    let month = nextMonthStart(times[0]!);
    // Devices installed by the end of the month before `month` (or by the end of the history).
    let count = installedBefore(Math.min(month, end));
    let current = planIndex(plans, count);
    open(current, times[0]!);
    while (month < end) {
      const next = installedBefore(Math.min(nextMonthStart(month), end));
      const p = planIndex(plans, next);
      if (p !== current) {
        deviceCount.push(count);
        ended.push(month);
        status.push(ENDED);
        open(p, month);
        current = p;
      }
      count = next;
      month = nextMonthStart(month);
    }
    deviceCount.push(count);
    ended.push(Number.isNaN(churned) ? Number.NaN : churned);
    status.push(Number.isNaN(churned) ? ACTIVE : CANCELED);
  }
  const n = account.length;
  const endedAt = Float64Array.from(ended);
  return {
    table: 'subscriptions',
    rows: n,
    columns: {
      subscription_id: Int32Array.from({ length: n }, (_, i) => i + 1),
      account_id: Int32Array.from(account),
      plan,
      mrr: Float64Array.from(mrr),
      device_count: Int32Array.from(deviceCount),
      started_at: int64Column(started),
      ended_at: int64Column(endedAt),
      status: Uint8Array.from(status),
    },
    validity: { ended_at: validityOfNaN(endedAt) },
  };
}
