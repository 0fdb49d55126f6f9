/**
 * Whole rows per window day of what the shop does on its own (organic orders, organic signups,
 * visits that buy nothing): a rate × growth since the window's first day × the weekday, × scale,
 * rounded cumulatively from the first day (so a longer window keeps every earlier day's count).
 */
import { dayCounts } from '../../../generate/dayCounts.js';
import { weekdayOf } from '../../../time/calendar.js';
import type { Config } from '../config.js';

export interface DailyCounts {
  /** Organic orders of each day, and of the day after the window (decided on its last day). */
  readonly organic: Int32Array;
  readonly newcomers: Int32Array;
  readonly browse: Int32Array;
}

/** rate × growth × weekday × scale for `n` days from `startDay`. */
export function expectations(
  config: Readonly<Config>,
  rate: number,
  scale: number,
  startDay: number,
  n: number,
) {
  const g = config.rhythm;
  return Float64Array.from(
    { length: n },
    (_, i) => rate * scale * (1 + g.growth_per_year) ** (i / 365) * g.weekday[weekdayOf(startDay + i)]!,
  );
}

export function dailyCounts(
  config: Readonly<Config>,
  scale: number,
  startDay: number,
  days: number,
): DailyCounts {
  return {
    organic: dayCounts(expectations(config, config.orders.per_day, scale, startDay, days + 1)),
    newcomers: dayCounts(expectations(config, config.customers.new_per_day, scale, startDay, days)),
    browse: dayCounts(expectations(config, config.sessions.browse_per_day, scale, startDay, days)),
  };
}
