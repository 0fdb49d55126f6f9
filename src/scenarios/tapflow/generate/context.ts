/** What every generator needs to know about a run: config, seed, scale and the time frame. */

import { MICROS_PER_DAY, parseIsoDay } from '../../../time/calendar.js';
import type { DateWindow } from '../../../time/window.js';
import type { Config } from '../config.js';

export interface RunContext {
  readonly config: Readonly<Config>;
  readonly seed: number;
  readonly scale: number;
  readonly startDay: number;
  /**
   * The simulation's last day: the history (accounts, churn, fleets, service schedules, statuses) is
   * simulated up to its end, and exact totals are kept over [startDay, endDay]. The config's last day
   * unless the run appends to a dataset (`PlanRequest.base`): then its backfill's.
   */
  readonly endDay: number;
  /** µs of the start of `startDay`. */
  readonly startMicros: number;
  /** "Now" of the simulation: the end of `endDay` (exclusive), in µs. */
  readonly nowMicros: number;
  /** The last 5-minute tick before now: online devices were last seen here, and no event is later. */
  readonly lastTickMicros: number;
  /**
   * The dataset's last day (≥ endDay): days after endDay continue the simulation's world as it stood
   * at its end, at its rates (continuation.ts).
   */
  readonly lastDay: number;
}

export const FIVE_MINUTES_MICROS = 300_000_000;

export function runContext(
  config: Readonly<Config>,
  seed: number,
  scale: number,
  base?: DateWindow,
): RunContext {
  const startDay = parseIsoDay(config.time.start)!;
  const lastDay = parseIsoDay(config.time.end)!;
  const endDay = base ? Math.min(lastDay, parseIsoDay(base.end)!) : lastDay;
  const nowMicros = (endDay + 1) * MICROS_PER_DAY;
  return {
    config,
    seed,
    scale,
    startDay,
    endDay,
    startMicros: startDay * MICROS_PER_DAY,
    nowMicros,
    lastTickMicros: nowMicros - FIVE_MINUTES_MICROS,
    lastDay,
  };
}

/**
 * Where a day's events stop: the simulation's last day and every day after it end at their last
 * 5-minute tick (devices report on that grid, and the last day's tick is "last seen"), earlier days
 * run to midnight. A rule of the day alone, so a day past the simulation's end has the same events
 * whichever day the dataset ends on.
 */
export function dayCutoff(day: number, endDay: number): number {
  return day >= endDay ? (day + 1) * MICROS_PER_DAY - FIVE_MINUTES_MICROS : (day + 1) * MICROS_PER_DAY;
}

/** A count at scale S: round(base × S), but at least `floor`. */
export function scaled(base: number, scale: number, floor = 1): number {
  return Math.max(floor, Math.round(base * scale));
}
