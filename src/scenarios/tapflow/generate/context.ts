/** What every generator needs to know about a run: config, seed, scale and the time frame. */

import { MICROS_PER_DAY, parseIsoDay } from '../../../time/calendar.js';
import type { Config } from '../config.js';

export interface RunContext {
  readonly config: Readonly<Config>;
  readonly seed: number;
  readonly scale: number;
  readonly startDay: number;
  readonly endDay: number;
  /** µs of the start of `startDay`. */
  readonly startMicros: number;
  /** "Now": the end of `endDay` (exclusive), in µs. */
  readonly nowMicros: number;
  /** The last 5-minute tick before now: online devices were last seen here, and no event is later. */
  readonly lastTickMicros: number;
}

export const FIVE_MINUTES_MICROS = 300_000_000;

export function runContext(config: Readonly<Config>, seed: number, scale: number): RunContext {
  const startDay = parseIsoDay(config.time.start)!;
  const endDay = parseIsoDay(config.time.end)!;
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
  };
}

/** A count at scale S: round(base × S), but at least `floor`. */
export function scaled(base: number, scale: number, floor = 1): number {
  return Math.max(floor, Math.round(base * scale));
}
