/**
 * Main thread: every order, in time order. Web orders are the converting sessions (placed at their
 * purchase event, by their customer); the rest of the exact total comes from the app, the phone
 * and marketplaces, spread over the days by the calendar. An order's basket key (its session for
 * web orders, a serial after the sessions otherwise) is all its generators need to rebuild it.
 */
import { apportion } from '../../../generate/apportion.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import { CHANNELS, type Config, OFFLINE_CHANNELS, WEB } from '../config.js';
import type { CustomerView } from '../generate/customers.js';
import { cumulative, Keyed } from '../generate/keyed.js';
import { customerAt } from '../generate/pick.js';
import { Intraday, type ShopCalendar } from '../generate/shopCalendar.js';
import type { SessionPlan } from './sessionPlan.js';

/** Phone orders come in business hours (09–20 h Eastern ≈ 13–24 h UTC). */
const PHONE_HOURS = [0.3, 0.1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.6, 1, 1, 1, 1, 1, 1, 1, 0.9, 0.8, 0.6];

/** The order index, shared with workers: order o (id o + 1) in time order. */
export interface OrderIndex {
  readonly count: number;
  readonly orderedUs: Float64Array;
  readonly customer: Int32Array;
  readonly channel: Uint8Array;
  /** Basket key: the session index for web orders, sessions + serial for the others. */
  readonly key: Int32Array;
  /** First order of each window day (days + 1 entries). */
  readonly dayFirst: Int32Array;
}

function totalOrders(config: Readonly<Config>, scale: number): number {
  return Math.round((config.orders.per_year * config.time.days * scale) / 365);
}

export function planOrders(
  config: Readonly<Config>,
  seed: number,
  scale: number,
  calendar: ShopCalendar,
  customers: CustomerView,
  sessions: SessionPlan,
): OrderIndex {
  const web = sessions.converted.length;
  const offline = Math.max(0, totalOrders(config, scale) - web);
  const sessionCount = sessions.dayFirst[sessions.dayFirst.length - 1]!;
  if (sessionCount + offline >= 2 ** 31)
    throw new Error('ecommerce: too many sessions and orders for int32 keys');
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
  const perDay = apportion(offline, calendar.weight);
  const channelCum = cumulative(OFFLINE_CHANNELS.map((c) => config.orders.channels[c]));
  const curves = OFFLINE_CHANNELS.map(
    (c) => new Intraday(c === 'phone' ? PHONE_HOURS : config.calendar.hourly_utc),
  );
  const rng = new Keyed(seed, 'order.offline');
  for (let i = 0, k = web; i < perDay.length; i++) {
    for (let j = 0; j < perDay[i]!; j++, k++) {
      const serial = k - web;
      rng.at(serial);
      const c = rng.pick(channelCum);
      const at = (calendar.window.startDay + i) * MICROS_PER_DAY + curves[c]!.offsetUs(rng.next());
      time[k] = at;
      channel[k] = CHANNELS.indexOf(OFFLINE_CHANNELS[c]!);
      customer[k] = Math.max(0, customerAt(customers, at, rng.next()));
      key[k] = sessionCount + serial;
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
    dayFirst: new Int32Array(calendar.window.days + 1),
  };
  for (let o = 0; o < n; o++) {
    const from = order[o]!;
    index.orderedUs[o] = time[from]!;
    index.customer[o] = customer[from]!;
    index.channel[o] = channel[from]!;
    index.key[o] = key[from]!;
    index.dayFirst[Math.floor(time[from]! / MICROS_PER_DAY) - calendar.window.startDay + 1]!++;
  }
  for (let i = 0; i < calendar.window.days; i++) index.dayFirst[i + 1]! += index.dayFirst[i]!;
  return index;
}
