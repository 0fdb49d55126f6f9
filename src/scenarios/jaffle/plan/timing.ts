/**
 * When a converting visit and its order happen relative to each other: the order 1–24 hours after
 * the visit, on the same UTC day (`same_day` of the time, when both days are possible) or the next,
 * each time drawn from the day's curve (orders from the shop's order hours, visits from the visiting
 * hours) inside what the other allows.
 */
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../../../time/calendar.js';
import type { DayCurve } from '../generate/dayCurve.js';
import type { Uniform } from '../generate/draws.js';

const SECOND = 1_000_000;

export class Timing {
  constructor(
    private readonly orders: DayCurve,
    private readonly visits: DayCurve,
    private readonly sameDay: number,
  ) {}

  /** The order placed after a visit starting at `visitUs`, or NaN when the shop is closed for 24 hours. */
  orderAfter(visitUs: number, rng: Uniform): number {
    const day = Math.floor(visitUs / MICROS_PER_DAY) * MICROS_PER_DAY;
    const x = visitUs - day;
    const sameFrom = x + MICROS_PER_HOUR;
    const nextFrom = Math.max(0, sameFrom - MICROS_PER_DAY);
    const same = sameFrom < MICROS_PER_DAY ? this.orders.mass(sameFrom, MICROS_PER_DAY) : 0;
    const next = this.orders.mass(nextFrom, x + SECOND);
    const u = rng.next();
    const v = rng.next();
    if (!(same > 0) && !(next > 0)) return Number.NaN;
    if (same > 0 && (!(next > 0) || u < this.sameDay))
      return day + this.orders.within(sameFrom, MICROS_PER_DAY, v);
    return day + MICROS_PER_DAY + this.orders.within(nextFrom, x + SECOND, v);
  }

  /** The visit an order at `orderUs` converted from (the day before only when `previous` allows). */
  visitBefore(orderUs: number, previous: boolean, rng: Uniform): number {
    const day = Math.floor(orderUs / MICROS_PER_DAY) * MICROS_PER_DAY;
    const y = orderUs - day;
    const sameTo = y - MICROS_PER_HOUR + SECOND;
    const same = sameTo > 0 ? this.visits.mass(0, sameTo) : 0;
    const beforeTo = Math.min(MICROS_PER_DAY, y + MICROS_PER_DAY - MICROS_PER_HOUR + SECOND);
    const before = previous ? this.visits.mass(y, beforeTo) : 0;
    const u = rng.next();
    const v = rng.next();
    if (same > 0 && (!(before > 0) || u < this.sameDay)) return day + this.visits.within(0, sameTo, v);
    if (before > 0) return day - MICROS_PER_DAY + this.visits.within(y, beforeTo, v);
    return Number.NaN;
  }
}
