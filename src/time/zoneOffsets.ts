/** Fast offset look-ups: DST boundaries per zone and year are computed once, then each call is two comparisons. */
import { MICROS_PER_DAY, MICROS_PER_HOUR, nthWeekdayOfMonth, yearOf } from './calendar.js';
import { ZONES } from './timezone.js';

const SUNDAY = 6;

export class ZoneOffsets {
  private readonly firstYear: number;
  private readonly years: number;
  /** [zone][year] → DST start/end in µs (NaN when the zone has no DST). */
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;

  constructor(firstDay: number, lastDay: number) {
    this.firstYear = yearOf(firstDay);
    this.years = yearOf(lastDay) - this.firstYear + 1;
    this.starts = new Float64Array(ZONES.length * this.years).fill(Number.NaN);
    this.ends = new Float64Array(ZONES.length * this.years).fill(Number.NaN);
    ZONES.forEach((zone, z) => {
      if (!zone.observesDst) return;
      for (let y = 0; y < this.years; y++) {
        const year = this.firstYear + y;
        const startDay = nthWeekdayOfMonth(year, 2, SUNDAY, 2);
        const endDay = nthWeekdayOfMonth(year, 10, SUNDAY, 1);
        this.starts[z * this.years + y] =
          startDay * MICROS_PER_DAY + (2 - zone.standardHours) * MICROS_PER_HOUR;
        this.ends[z * this.years + y] = endDay * MICROS_PER_DAY + (1 - zone.standardHours) * MICROS_PER_HOUR;
      }
    });
  }

  /** Whole-hour UTC offset of zone `z` (index into ZONES) at `utcMicros`, for a day inside the range. */
  hoursAt(z: number, utcMicros: number, year: number): number {
    const i = z * this.years + (year - this.firstYear);
    const std = ZONES[z]!.standardHours;
    return utcMicros >= this.starts[i]! && utcMicros < this.ends[i]! ? std + 1 : std;
  }
}
