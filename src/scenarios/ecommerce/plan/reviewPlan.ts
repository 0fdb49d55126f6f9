/**
 * Main thread: every review in time order. Verified ones come from the order pass (a delivered
 * item, reviewed after delivery and before now); unverified ones, a configured share of all, keep
 * pace with them day by day (the running count rounded from the window start), each by a customer
 * registered by then about a product on sale then. Review ids ascend with created_at.
 */

import { dayCounts } from '../../../generate/dayCounts.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import type { CustomerView } from '../generate/customers.js';
import { Keyed } from '../generate/keyed.js';
import { customerAt, type ProductPicker } from '../generate/pick.js';
import { Intraday, type ShopCalendar } from '../generate/shopCalendar.js';

export interface ReviewIndex {
  readonly count: number;
  readonly timeUs: Float64Array;
  /** Order index of a verified review; −1 for an unverified one. */
  readonly order: Int32Array;
  /** Line of the order (verified), or the unverified review's serial. */
  readonly ref: Int32Array;
  readonly dayFirst: Int32Array;
}

/** An unverified review's author and product, from its serial and time: the plan and the generator agree. */
export function unverifiedReview(
  rng: Keyed,
  serial: number,
  timeUs: number,
  customers: CustomerView,
  picker: ProductPicker,
  month: number,
): { customer: number; product: number } {
  rng.at(serial);
  rng.next(); // the time draw
  const customer = Math.max(0, customerAt(customers, timeUs, rng.next()));
  return { customer, product: picker.pick(rng, picker.category(rng, month), timeUs) };
}

export function planReviews(
  config: Readonly<Config>,
  seed: number,
  calendar: ShopCalendar,
  verified: { timeUs: number[]; order: number[]; line: number[] },
): ReviewIndex {
  const share = config.reviews.unverified_share;
  const { startDay, days } = calendar.window;
  const v = verified.timeUs.length;
  const verifiedPerDay = new Float64Array(days);
  for (let k = 0; k < v; k++) verifiedPerDay[Math.floor(verified.timeUs[k]! / MICROS_PER_DAY) - startDay]!++;
  const perDay = dayCounts(verifiedPerDay.map((x) => (x * share) / (1 - share)));
  let u = 0;
  for (let d = 0; d < days; d++) u += perDay[d]!;
  const hours = new Intraday(config.calendar.hourly_utc);
  const rng = new Keyed(seed, 'review.unverified');
  const n = v + u;
  const time = new Float64Array(n);
  const order = new Int32Array(n);
  const ref = new Int32Array(n);
  for (let k = 0; k < v; k++) {
    time[k] = verified.timeUs[k]!;
    order[k] = verified.order[k]!;
    ref[k] = verified.line[k]!;
  }
  for (let i = 0, k = v; i < perDay.length; i++) {
    for (let j = 0; j < perDay[i]!; j++, k++) {
      const serial = k - v;
      time[k] =
        Math.floor(((startDay + i) * MICROS_PER_DAY + hours.offsetUs(rng.at(serial).next())) / 1e6) * 1e6;
      order[k] = -1;
      ref[k] = serial;
    }
  }
  const sorted = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) =>
      time[a]! - time[b]! ||
      (order[a]! < 0 ? 1 : 0) - (order[b]! < 0 ? 1 : 0) ||
      order[a]! - order[b]! ||
      ref[a]! - ref[b]!,
  );
  const index = {
    count: n,
    timeUs: Float64Array.from(sorted, (k) => time[k]!),
    order: Int32Array.from(sorted, (k) => order[k]!),
    ref: Int32Array.from(sorted, (k) => ref[k]!),
    dayFirst: new Int32Array(days + 1),
  };
  for (let k = 0; k < n; k++) index.dayFirst[Math.floor(index.timeUs[k]! / MICROS_PER_DAY) - startDay + 1]!++;
  for (let i = 0; i < days; i++) index.dayFirst[i + 1]! += index.dayFirst[i]!;
  return index;
}
