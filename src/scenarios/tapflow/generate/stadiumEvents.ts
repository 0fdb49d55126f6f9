/**
 * Stadium event calendars: a stadium's kind (a (location) hash) gives its season; an event happens on
 * a local date with the kind's in-season or off-season probability × the weekday's weight, decided by
 * a (location, date) hash, so every shard and the plan agree. Stadium taps pour only then.
 */

import { monthOf, weekdayOf } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { STADIUM_KINDS } from '../vocabulary.js';
import { hashUniform } from './hash.js';

const KIND = 62;
const EVENT = 63;

export interface StadiumCalendar {
  readonly seed: number;
  readonly boost: number;
  readonly kinds: readonly Config['tap_events']['stadium_events']['kinds'][(typeof STADIUM_KINDS)[number]][];
  readonly cumulative: Float64Array;
}

export function stadiumCalendar(ev: Config['tap_events'], seed: number): StadiumCalendar {
  const kinds = STADIUM_KINDS.map((k) => ev.stadium_events.kinds[k]);
  let acc = 0;
  return {
    seed,
    boost: ev.stadium_events.boost,
    kinds,
    cumulative: Float64Array.from(kinds, (k) => (acc += k.share)),
  };
}

export function stadiumKind(cal: StadiumCalendar, location: number): number {
  const u = hashUniform(cal.seed, location, 0, KIND) * cal.cumulative[cal.cumulative.length - 1]!;
  let k = 0;
  while (k + 1 < cal.kinds.length && cal.cumulative[k]! <= u) k++;
  return k;
}

/** Whether the stadium (location id) has an event on local date `day` (a day number). */
export function eventOn(cal: StadiumCalendar, location: number, day: number): boolean {
  const kind = cal.kinds[stadiumKind(cal, location)]!;
  const month = monthOf(day) + 1;
  const [m0, m1] = kind.season;
  const inSeason = m0 <= m1 ? month >= m0 && month <= m1 : month >= m0 || month <= m1;
  const p = (inSeason ? kind.p_in_season : kind.p_off_season) * kind.weekday[weekdayOf(day)]!;
  return hashUniform(cal.seed, location, day, EVENT) < p;
}

/** A stadium tap's weight factor on a local date: boost on an event day, else nothing. */
export function eventFactor(cal: StadiumCalendar, location: number, day: number): number {
  return eventOn(cal, location, day) ? cal.boost : 0;
}

/**
 * A stadium's event factors over [firstDay, lastDay], worked out once per location rather than once
 * per tap and day (its taps share them); remembers the last location asked, as devices come by venue.
 */
export class LocationEvents {
  private location = -1;
  private readonly factors: Float64Array;

  constructor(
    private readonly cal: StadiumCalendar,
    private readonly firstDay: number,
    lastDay: number,
  ) {
    this.factors = new Float64Array(lastDay - firstDay + 1);
  }

  /** Factors of `location` from firstDay on (index 0 = firstDay): valid until the next call. */
  of(location: number): Float64Array {
    if (location !== this.location) {
      this.location = location;
      for (let i = 0; i < this.factors.length; i++)
        this.factors[i] = eventFactor(this.cal, location, this.firstDay + i);
    }
    return this.factors;
  }
}
