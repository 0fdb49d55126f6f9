/**
 * The simulation's records as the tables hold them: orders and visits of the window in time order
 * (ids follow it; ties keep the order they were decided in), payments after their orders, each
 * platform's ad rows by day and ad number, and the rows of every table per day (for the shards).
 */

import { baseState, normalFrom } from '../../../rng/stream.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { AdCatalog } from '../generate/adCatalog.js';
import { keyedUniform } from '../generate/draws.js';
import type { AdRows, JaffleShared, SessionRows } from '../shared.js';
import { CHANNEL_SOURCES, CHANNELS, PLATFORMS } from '../vocabulary.js';
import type { LiveAds } from './liveAds.js';
import type { Simulation } from './simulate.js';

/** Indices of the times inside [fromUs, toUs), sorted by time, then by index. */
export function timeOrder(times: Float64Array, fromUs: number, toUs: number): Int32Array {
  const kept: number[] = [];
  for (let i = 0; i < times.length; i++) if (times[i]! >= fromUs && times[i]! < toUs) kept.push(i);
  return Int32Array.from(kept).sort((a, b) => times[a]! - times[b]! || a - b);
}

/** Rows per window day of ascending times. */
export function perDay(times: ArrayLike<number>, startDay: number, days: number): Int32Array {
  const out = new Int32Array(days);
  for (let i = 0; i < times.length; i++) out[Math.floor(times[i]! / MICROS_PER_DAY) - startDay]!++;
  return out;
}

export interface Arranged {
  readonly orders: JaffleShared['orders'];
  readonly payments: JaffleShared['payments'];
  /** Order indices (creation order) in id order: for the expected answers. */
  readonly orderIndex: Int32Array;
  readonly sessions: SessionRows[];
  readonly ads: AdRows[];
}

export function arrange(
  sim: Simulation,
  catalog: AdCatalog,
  live: LiveAds,
  seed: number,
  startDay: number,
  days: number,
): Arranged {
  const fromUs = startDay * MICROS_PER_DAY;
  const toUs = (startDay + days) * MICROS_PER_DAY;
  const o = sim.orders;
  const orderTime = o.time.view();
  const orderIndex = timeOrder(orderTime, fromUs, toUs);
  const n = orderIndex.length;
  const paymentFirst = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) paymentFirst[k + 1] = paymentFirst[k]! + o.payments.get(orderIndex[k]!);
  const payments = {
    order: new Int32Array(paymentFirst[n]!),
    method: new Uint8Array(paymentFirst[n]!),
    cents: new Int32Array(paymentFirst[n]!),
  };
  for (let k = 0; k < n; k++) {
    const i = orderIndex[k]!;
    const at = paymentFirst[k]!;
    payments.order[at] = k;
    payments.method[at] = o.method0.get(i);
    payments.cents[at] = o.cents0.get(i);
    if (o.payments.get(i) === 2) {
      payments.order[at + 1] = k;
      payments.method[at + 1] = o.method1.get(i);
      payments.cents[at + 1] = o.cents1.get(i);
    }
  }
  const orders = {
    time: Float64Array.from(orderIndex, (i) => orderTime[i]!),
    customer: Int32Array.from(orderIndex, (i) => o.customer.get(i) + 1),
    paymentFirst,
  };

  const v = sim.visits;
  const visitTime = v.start.view();
  const order = timeOrder(visitTime, fromUs, toUs);
  const sessions = CHANNELS.map((_, ch) => {
    const rows = order.filter((i) => v.channel.get(i) === ch);
    return {
      start: Float64Array.from(rows, (i) => visitTime[i]!),
      customer: Int32Array.from(rows, (i) => v.customer.get(i) + 1),
      source: Int8Array.from(rows, (i) => {
        const ad = v.ad.get(i);
        return ad < 0 ? -1 : CHANNEL_SOURCES[ch]!.indexOf(PLATFORMS[catalog.platform[ad]!]!);
      }),
      adNumber: Int32Array.from(rows, (i) => (v.ad.get(i) < 0 ? 0 : catalog.number[v.ad.get(i)]!)),
    };
  });

  const noise = baseState(seed, 'jaffle.impressions')[0];
  const ads = PLATFORMS.map((_, p) => {
    const rows: number[] = [];
    for (let d = 0; d < days; d++) {
      const block = d * PLATFORMS.length + p;
      for (let j = live.first[block]!; j < live.first[block + 1]!; j++) rows.push(live.ads[j]!, d);
    }
    const count = rows.length / 2;
    const out: AdRows = {
      day: new Int32Array(count),
      number: new Int32Array(count),
      campaign: new Uint8Array(count),
      medium: new Uint8Array(count),
      cost: new Int32Array(count),
      impressions: new Int32Array(count),
      clicks: new Int32Array(count),
    };
    for (let k = 0; k < count; k++) {
      const a = rows[2 * k]!;
      const day = startDay + rows[2 * k + 1]!;
      const r = catalog.grid[a]! + day - catalog.first[a]!;
      const clicks = sim.named[r]! + sim.unlanded[r]!;
      // Keyed by what stays when the window grows: the ad's platform and number, and the day.
      const u = keyedUniform(noise ^ p, catalog.number[a]!, day);
      const seen = (catalog.clicksExpected[r]! / catalog.ctr[a]!) * Math.exp(0.1 * normalFrom(u));
      out.day[k] = day;
      out.number[k] = catalog.number[a]!;
      out.campaign[k] = catalog.campaign[a]!;
      out.medium[k] = catalog.medium[a]!;
      out.cost[k] = catalog.cost[r]!;
      out.clicks[k] = clicks;
      out.impressions[k] = Math.max(1, Math.round(seen), Math.ceil(clicks / catalog.ctr[a]!));
    }
    return out;
  });
  return { orders, payments, orderIndex, sessions, ads };
}
