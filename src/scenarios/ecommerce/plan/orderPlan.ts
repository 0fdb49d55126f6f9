/**
 * Main thread: every order, in time order. Web orders are the converting sessions (placed at their
 * purchase event, by their customer); the app, the phone and marketplaces bring the rest of each
 * day's orders, a rate per day times the calendar's busyness rounded cumulatively from the window's
 * first day (so over the year from the window start, orders total per_year × scale). An order's
 * basket key (its session for web orders, −1 − its serial from the window start otherwise) is all
 * its generators need to rebuild it; nothing of a day depends on the days after it.
 */

import { dayCounts } from '../../../generate/dayCounts.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import type { CustomerView } from '../generate/customers.js';
import { cumulative, Keyed } from '../generate/keyed.js';
import { customerAt } from '../generate/pick.js';
import { Intraday, RATE_YEAR_DAYS, type ShopCalendar } from '../generate/shopCalendar.js';
import { CHANNELS, OFFLINE_CHANNELS, WEB } from '../vocabulary.js';
import type { SessionPlan } from './sessionPlan.js';

/** Phone orders come in business hours (09–20 h Eastern ≈ 13–24 h UTC). */
const PHONE_HOURS = [0.3, 0.1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.6, 1, 1, 1, 1, 1, 1, 1, 0.9, 0.8, 0.6];

/** The order index, shared with workers: order o (id o + 1) in time order. */
export interface OrderIndex {
  readonly count: number;
  readonly orderedUs: Float64Array;
  readonly customer: Int32Array;
  readonly channel: Uint8Array;
  /** Basket key: the session index for web orders, −1 − serial for the others. */
  readonly key: Int32Array;
  /** First order of each window day (days + 1 entries). */
  readonly dayFirst: Int32Array;
}

/** Basket key of the offline order with this serial (counted from the window start). */
const offlineKey = (serial: number) => -1 - serial;

/**
 * Offline orders per window day: each day the orders due by then (cumulatively rounded) less those
 * already placed, web ones included, so the total follows the calendar whatever the web converts.
 */
function offlinePerDay(
  config: Readonly<Config>,
  scale: number,
  calendar: ShopCalendar,
  webPerDay: Int32Array,
): Int32Array {
  const rate = (config.orders.per_year * scale) / RATE_YEAR_DAYS;
  const due = dayCounts(calendar.activity.map((a) => rate * a));
  const out = new Int32Array(due.length);
  let dueSoFar = 0;
  let placed = 0;
  for (let d = 0; d < due.length; d++) {
    dueSoFar += due[d]!;
    placed += webPerDay[d]!;
    out[d] = Math.max(0, dueSoFar - placed);
    placed += out[d]!;
  }
  return out;
}

export function planOrders(
  config: Readonly<Config>,
  seed: number,
  scale: number,
  calendar: ShopCalendar,
  customers: CustomerView,
  sessions: SessionPlan,
): OrderIndex {
  const { startDay, days } = calendar.window;
  const web = sessions.converted.length;
  const webPerDay = new Int32Array(days);
  for (let k = 0; k < web; k++) webPerDay[Math.floor(sessions.purchaseUs[k]! / MICROS_PER_DAY) - startDay]!++;
  const perDay = offlinePerDay(config, scale, calendar, webPerDay);
  let offline = 0;
  for (let d = 0; d < days; d++) offline += perDay[d]!;
  if (offline >= 2 ** 31) throw new Error('ecommerce: too many orders for int32 keys');
  const n = web + offline;
  const time = new Float64Array(n);
  const customer = new Int32Array(n);
  const channel = new Uint8Array(n);
  const key = new Int32Array(n);
  for (let k = 0; k < web; k++) {
    time[k] = sessions.purchaseUs[k]!;
    customer[k] = sessions.buyer[k]!;
    channel[k] = WEB;
    key[k] = sessions.converted[k]!;
  }
  const channelCum = cumulative(OFFLINE_CHANNELS.map((c) => config.orders.channels[c]));
  const curves = OFFLINE_CHANNELS.map(
    (c) => new Intraday(c === 'phone' ? PHONE_HOURS : config.calendar.hourly_utc),
  );
  const rng = new Keyed(seed, 'order.offline');
  for (let i = 0, k = web; i < days; i++) {
    for (let j = 0; j < perDay[i]!; j++, k++) {
      const serial = k - web;
      rng.at(serial);
      const c = rng.pick(channelCum);
      const at = (startDay + i) * MICROS_PER_DAY + curves[c]!.offsetUs(rng.next());
      time[k] = at;
      channel[k] = CHANNELS.indexOf(OFFLINE_CHANNELS[c]!);
      customer[k] = Math.max(0, customerAt(customers, at, rng.next()));
      key[k] = offlineKey(serial);
    }
  }
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => time[a]! - time[b]! || key[a]! - key[b]!,
  );
  const index = {
    count: n,
    orderedUs: new Float64Array(n),
    customer: new Int32Array(n),
    channel: new Uint8Array(n),
    key: new Int32Array(n),
    dayFirst: new Int32Array(days + 1),
  };
  for (let o = 0; o < n; o++) {
    const from = order[o]!;
    index.orderedUs[o] = time[from]!;
    index.customer[o] = customer[from]!;
    index.channel[o] = channel[from]!;
    index.key[o] = key[from]!;
    index.dayFirst[Math.floor(time[from]! / MICROS_PER_DAY) - startDay + 1]!++;
  }
  for (let i = 0; i < days; i++) index.dayFirst[i + 1]! += index.dayFirst[i]!;
  return index;
}
