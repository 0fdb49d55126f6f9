/**
 * Main thread: the sessions of each day (a rate per day times the calendar's busyness, rounded
 * cumulatively from the window's first day), then every
 * session derived once to learn what other tables must agree on: which sessions convert (their
 * purchase time and customer make the web orders) and how many clickstream events fall in each
 * quarter hour (so event ids ascend with time across sessions, and a shard of events knows its ids).
 */

import { dayCounts, firstOfDays } from '../../../generate/dayCounts.js';
import { Session, type SessionModel } from '../generate/session.js';
import type { ShopCalendar } from '../generate/shopCalendar.js';
import { DEVICES, SOURCES } from '../vocabulary.js';

/** Clickstream buckets per day: a shard of events is whole buckets. */
export const BUCKETS_PER_DAY = 96;
export const BUCKET_US = 86_400_000_000 / BUCKETS_PER_DAY;

/** The sessions of each window day at `perDay` a day on average, as first indices (days + 1 entries). */
export function sessionDays(perDay: number, calendar: ShopCalendar): Int32Array {
  return firstOfDays(dayCounts(calendar.activity.map((a) => perDay * a)));
}

export interface SessionPlan {
  readonly dayFirst: Int32Array;
  /** Clickstream events per (window day × BUCKETS_PER_DAY + bucket). */
  readonly eventBuckets: Int32Array;
  readonly events: number;
  /** Converting sessions, ascending, with their purchase time and customer. */
  readonly converted: Int32Array;
  readonly purchaseUs: Float64Array;
  readonly buyer: Int32Array;
  /** Sessions and conversions by traffic source and by device, for the manifest. */
  readonly bySource: { sessions: number[]; converted: number[] };
  readonly byDevice: { sessions: number[]; converted: number[] };
}

export function planSessions(model: SessionModel, dayFirst: Int32Array, calendar: ShopCalendar): SessionPlan {
  const total = dayFirst[dayFirst.length - 1]!;
  const { startUs } = calendar.window;
  const eventBuckets = new Int32Array(calendar.window.days * BUCKETS_PER_DAY);
  const converted: number[] = [];
  const purchase: number[] = [];
  const buyer: number[] = [];
  const bySource = { sessions: SOURCES.map(() => 0), converted: SOURCES.map(() => 0) };
  const byDevice = { sessions: DEVICES.map(() => 0), converted: DEVICES.map(() => 0) };
  const s = new Session();
  let events = 0;
  for (let i = 0; i < total; i++) {
    model.derive(i, s);
    for (let k = 0; k < s.events; k++)
      eventBuckets[Math.floor((s.startUs + s.offsetUs[k]! - startUs) / BUCKET_US)]!++;
    events += s.events;
    bySource.sessions[s.source]!++;
    byDevice.sessions[s.device]!++;
    if (s.converted) {
      converted.push(i);
      purchase.push(s.purchaseUs);
      buyer.push(s.customer);
      bySource.converted[s.source]!++;
      byDevice.converted[s.device]!++;
    }
  }
  return {
    dayFirst,
    eventBuckets,
    events,
    converted: Int32Array.from(converted),
    purchaseUs: Float64Array.from(purchase),
    buyer: Int32Array.from(buyer),
    bySource,
    byDevice,
  };
}
