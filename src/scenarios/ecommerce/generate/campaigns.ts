/** utm_campaign of paid sessions: the source's evergreen campaigns, or the season's when one runs. */

import { dayOfMonth, monthOf } from '../../../time/calendar.js';
import { SOURCES } from '../vocabulary.js';
import type { Keyed } from './keyed.js';
import { SPECIAL } from './shopCalendar.js';

const EVERGREEN: Readonly<Record<string, readonly number[]>> = {
  paid_search: [0, 1, 2],
  paid_social: [3, 4, 5],
  affiliate: [6, 7],
  display: [8, 9],
};

/** The campaign of a paid session of `source` on `day` (special: SPECIAL code of the day). */
export function campaignOf(source: number, special: number, day: number, rng: Keyed): number {
  const u = rng.next();
  const month = monthOf(day);
  const seasonal =
    special === SPECIAL.blackFriday || special === SPECIAL.cyberMonday || special === SPECIAL.cyberWeek
      ? 10
      : special === SPECIAL.december
        ? 11
        : month === 6 && dayOfMonth(day) <= 20
          ? 12
          : month === 7
            ? 13
            : month === 0 && dayOfMonth(day) <= 10
              ? 14
              : -1;
  const evergreen = EVERGREEN[SOURCES[source]!]!;
  if (seasonal >= 0 && u < 0.5) return seasonal;
  return evergreen[rng.int(0, evergreen.length - 1)]!;
}
