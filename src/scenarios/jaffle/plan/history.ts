/**
 * The customers who signed up before the window, since the online shop opened `history_days`
 * earlier: history_per_day a day by the window's start, growing linearly from nothing (× weekday,
 * × scale, rounded cumulatively), at visiting hours. A function of the window's start only.
 */
import { dayCounts } from '../../../generate/dayCounts.js';
import { baseState, Stream } from '../../../rng/stream.js';
import { MICROS_PER_DAY, weekdayOf } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import type { DayCurve } from '../generate/dayCurve.js';
import type { CustomerBook } from './customerBook.js';

export function signUpHistory(
  config: Readonly<Config>,
  seed: number,
  scale: number,
  startDay: number,
  visits: DayCurve,
  customers: CustomerBook,
): void {
  const h = config.time.history_days;
  const firstDay = startDay - h;
  const perDay = dayCounts(
    Float64Array.from(
      { length: h },
      (_, i) =>
        ((config.customers.history_per_day * scale * (i + 0.5)) / h) *
        config.rhythm.weekday[weekdayOf(firstDay + i)]!,
    ),
  );
  const times = new Stream(baseState(seed, 'jaffle.history'), 0);
  const traits = new Stream(baseState(seed, 'jaffle.history'), 1);
  for (let i = 0; i < h; i++) {
    const day = Float64Array.from(
      { length: perDay[i]! },
      () => (firstDay + i) * MICROS_PER_DAY + visits.draw(times.next()),
    );
    for (const us of day.sort()) customers.add(us, traits);
  }
}
