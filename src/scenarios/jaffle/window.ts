/** The jaffle window: the `days` days ending on `end`, and the history before it since the shop opened. */
import { MICROS_PER_DAY, parseIsoDay } from '../../time/calendar.js';
import type { Config } from './config.js';

export interface JaffleWindow {
  readonly startDay: number;
  readonly endDay: number;
  readonly days: number;
  /** First day of the history (the online shop's opening). */
  readonly openDay: number;
  readonly startUs: number;
  readonly endUs: number;
}

export function windowOf(config: Readonly<Config>): JaffleWindow {
  const endDay = parseIsoDay(config.time.end)!;
  const startDay = endDay - config.time.days + 1;
  return {
    startDay,
    endDay,
    days: config.time.days,
    openDay: startDay - config.time.history_days,
    startUs: startDay * MICROS_PER_DAY,
    endUs: (endDay + 1) * MICROS_PER_DAY,
  };
}
