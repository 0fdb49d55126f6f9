/** Fast offset look-ups: DST boundaries per zone and year are computed once, then each call is two comparisons. */
import { yearOf } from './calendar.js';
import { dstBounds, ZONES } from './timezone.js';

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
      for (let y = 0; y < this.years; y++) {
        const dst = dstBounds(zone, this.firstYear + y);
        if (!dst) continue;
        this.starts[z * this.years + y] = dst[0];
        this.ends[z * this.years + y] = dst[1];
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
