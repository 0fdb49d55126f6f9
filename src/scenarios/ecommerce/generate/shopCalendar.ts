/**
 * The shop's calendar: the window, how busy each day is (weekday × month × Black Friday, Cyber
 * Monday, December), conversion and sale prices by day, and the hour-of-day curve. Per window day,
 * worked out once; the same on the main thread and in every worker. Busyness is scaled to average 1
 * over the 365 days from the window's first day, never over the window itself: a rate per day times
 * it gives the same day the same expectation whatever the window's end.
 */

import {
  dayOfMonth,
  MICROS_PER_DAY,
  MICROS_PER_HOUR,
  monthOf,
  nthWeekdayOfMonth,
  parseIsoDay,
  weekdayOf,
  yearOf,
} from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { CATEGORIES } from '../vocabulary.js';
import { cumulative, searchCumulative } from './keyed.js';

export interface Window {
  readonly startDay: number;
  readonly endDay: number;
  readonly days: number;
  /** µs at the start of the first day, and "now": the end of the last day (exclusive). */
  readonly startUs: number;
  readonly endUs: number;
}

export function windowOf(config: Readonly<Config>): Window {
  const endDay = parseIsoDay(config.time.end)!;
  const startDay = endDay - config.time.days + 1;
  return {
    startDay,
    endDay,
    days: config.time.days,
    startUs: startDay * MICROS_PER_DAY,
    endUs: (endDay + 1) * MICROS_PER_DAY,
  };
}

export const SPECIAL = {
  none: 0,
  blackFriday: 1,
  cyberMonday: 2,
  cyberWeek: 3,
  december: 4,
  christmas: 5,
} as const;

/** Black Friday of a year: the day after the 4th Thursday of November. */
export function blackFriday(year: number): number {
  return nthWeekdayOfMonth(year, 10, 3, 4) + 1;
}

/** Which special day `day` is (SPECIAL). */
export function specialDay(day: number): number {
  const bf = blackFriday(yearOf(day));
  if (day === bf) return SPECIAL.blackFriday;
  if (day === bf + 3) return SPECIAL.cyberMonday;
  if (day >= bf - 1 && day <= bf + 7) return SPECIAL.cyberWeek;
  if (monthOf(day) === 11) {
    const d = dayOfMonth(day);
    if (d <= 20) return SPECIAL.december;
    if (d >= 24 && d <= 26) return SPECIAL.christmas;
  }
  return SPECIAL.none;
}

const monthDayKey = (text: string) => Number(text.slice(0, 2)) * 100 + Number(text.slice(3, 5));

/** How busy `day` is: weekday × month × its special-day factor. */
function dayWeight(cal: Readonly<Config['calendar']>, day: number): number {
  const factor = [
    1,
    cal.black_friday,
    cal.cyber_monday,
    cal.cyber_week,
    cal.december_shopping,
    cal.christmas,
  ][specialDay(day)]!;
  return cal.weekday[weekdayOf(day)]! * cal.monthly[monthOf(day)]! * factor;
}

/** Days over which busyness averages 1: the year from the window's first day. */
export const RATE_YEAR_DAYS = 365;

export class ShopCalendar {
  /**
   * Per window day: busyness (mean 1 over the 365 days from the window's first day, so per-day
   * rates times it give a year's total over such a year), conversion factor, special day.
   */
  readonly activity: Float64Array;
  readonly conversion: Float64Array;
  readonly special: Uint8Array;
  /** Month 0–11 of each window day. */
  readonly month: Uint8Array;
  /** Sale percent per (window day, category). */
  private readonly sale: Float64Array;

  constructor(
    config: Readonly<Config>,
    readonly window: Window,
  ) {
    const cal = config.calendar;
    const season = config.sessions.season_conversion;
    const holiday = config.orders.holiday_percent;
    const n = window.days;
    let year = 0;
    for (let k = 0; k < RATE_YEAR_DAYS; k++) year += dayWeight(cal, window.startDay + k);
    const mean = year / RATE_YEAR_DAYS;
    this.activity = new Float64Array(n);
    this.conversion = new Float64Array(n);
    this.special = new Uint8Array(n);
    this.month = new Uint8Array(n);
    this.sale = new Float64Array(n * CATEGORIES.length);
    for (let i = 0; i < n; i++) {
      const day = window.startDay + i;
      const special = specialDay(day);
      this.special[i] = special;
      this.month[i] = monthOf(day);
      this.activity[i] = dayWeight(cal, day) / mean;
      this.conversion[i] =
        special === SPECIAL.blackFriday
          ? season.black_friday
          : special === SPECIAL.cyberMonday || special === SPECIAL.cyberWeek
            ? season.cyber_week
            : special === SPECIAL.december
              ? season.december_shopping
              : 1;
      const sitewide =
        special === SPECIAL.december
          ? holiday.december_shopping
          : special === SPECIAL.blackFriday ||
              special === SPECIAL.cyberMonday ||
              special === SPECIAL.cyberWeek
            ? holiday.cyber_week
            : 0;
      const key = (monthOf(day) + 1) * 100 + dayOfMonth(day);
      CATEGORIES.forEach((c, k) => {
        let pct = sitewide;
        for (const p of config.orders.promotions) {
          const from = monthDayKey(p.from);
          const to = monthDayKey(p.to);
          const inside = from <= to ? key >= from && key <= to : key >= from || key <= to;
          if (inside && (!p.categories || p.categories.includes(c))) pct = Math.max(pct, p.percent);
        }
        this.sale[i * CATEGORIES.length + k] = pct;
      });
    }
  }

  /** Index of `day` in the window (clamped, for times at its edges). */
  index(day: number): number {
    return Math.min(this.window.days - 1, Math.max(0, day - this.window.startDay));
  }

  /** Month 0–11 of the day of `us` (a time inside the window or at its edges). */
  monthAt(us: number): number {
    return this.month[this.index(Math.floor(us / MICROS_PER_DAY))]!;
  }

  /** Sale percent of a category on the day of `us`. */
  salePercent(us: number, category: number): number {
    return this.sale[this.index(Math.floor(us / MICROS_PER_DAY)) * CATEGORIES.length + category]!;
  }
}

/** An hour-of-day curve: maps a quantile in [0, 1) to µs into the day, monotonically. */
export class Intraday {
  private readonly cum: Float64Array;

  constructor(private readonly hourly: readonly number[]) {
    this.cum = cumulative(hourly);
  }

  offsetUs(q: number): number {
    const target = q * this.cum[23]!;
    const h = searchCumulative(this.cum, target, 0, 24);
    const within = (target - (h > 0 ? this.cum[h - 1]! : 0)) / this.hourly[h]!;
    return Math.min(MICROS_PER_DAY - 1, Math.floor((h + Math.min(within, 1)) * MICROS_PER_HOUR));
  }
}
