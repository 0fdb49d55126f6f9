/**
 * What a tap pours: one beverage at a time, from its venue's menu. A core line keeps its beverage
 * for the tap's life (the house lager, the soda gun); a rotating line changes at every keg change or
 * season, each period picking from the menu with the season's tilt (cold brew in summer, …).
 * Drawn by (tap, period) hashes, so every shard agrees. A beverage's pours lean to its hours
 * (coffee and soft drinks by day, cocktails and beer at night): `hourTilt` reshapes a venue's hourly
 * profile per beverage without changing a tap's daily volume.
 */

import { cumulate } from '../../../rng/stream.js';
import { MICROS_PER_DAY, monthOf } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { BEVERAGES, VENUES } from '../vocabulary.js';
import { hashUniform } from './hash.js';

const CORE = 51;
const LENGTH = 52;
const PHASE = 53;
const PICK = 54;
const SUMMER = [5, 6, 7];
const WINTER = [11, 0, 1];

export interface TapLines {
  readonly seed: number;
  readonly coreShare: number;
  readonly rotation: readonly [number, number];
  /** [venue][month] → cumulative beverage weights (menu × season). */
  readonly menu: readonly (readonly Float64Array[])[];
  /**
   * Each beverage's local-hour multipliers at each venue type, averaging 1 over the venue's day, flat by
   * [venue][local hour][beverage] (a day's hourly sums read a venue-hour's beverages in a row).
   */
  readonly tiltByHour: Float64Array;
}

export function tapLines(ev: Config['tap_events'], seed: number): TapLines {
  const lines = ev.tap_lines;
  const menu = VENUES.map((v) =>
    Array.from({ length: 12 }, (_, m) => {
      const weights = BEVERAGES.map((b) => {
        const season = lines.summer_tilt[b];
        return ev.beverages[v][b] * (SUMMER.includes(m) ? season : WINTER.includes(m) ? 1 / season : 1);
      });
      return cumulate(weights);
    }),
  );
  const B = BEVERAGES.length;
  const tiltByHour = new Float64Array(VENUES.length * 24 * B);
  VENUES.forEach((v, i) => {
    const shape = ev.hourly[v];
    const total = shape.reduce((a, b) => a + b, 0);
    BEVERAGES.forEach((b, k) => {
      const t = lines.hours[b];
      const tilted = shape.reduce((a, s, h) => a + s * t[h]!, 0);
      const scale = tilted > 0 ? total / tilted : 1;
      for (let h = 0; h < 24; h++) tiltByHour[(i * 24 + h) * B + k] = t[h]! * scale;
    });
  });
  return { seed, coreShare: lines.core_share, rotation: lines.rotation_days, menu, tiltByHour };
}

function pick(cumulative: Float64Array, u: number): number {
  const target = u * cumulative[cumulative.length - 1]!;
  let i = 0;
  while (i + 1 < cumulative.length && cumulative[i]! <= target) i++;
  return i;
}

/**
 * The beverage (index into BEVERAGES) each tap pours on a UTC day. A tap's line constants (core or
 * rotating, period length and phase) and its current period's beverage are remembered per device, so
 * the hashes are drawn once per tap and period rather than once per tap and day (one per worker).
 */
export class TapBeverages {
  /** 0: not worked out yet; −1: a core line; else the rotation period in days. */
  private readonly length: Float64Array;
  private readonly phase: Float64Array;
  private readonly period: Float64Array;
  private readonly beverage: Uint8Array;

  constructor(
    private readonly lines: TapLines,
    devices: number,
  ) {
    this.length = new Float64Array(devices);
    this.phase = new Float64Array(devices);
    this.period = new Float64Array(devices).fill(Number.NaN);
    this.beverage = new Uint8Array(devices);
  }

  /** What tap d, at a venue of type `venue`, installed at `installedAt` µs, pours on `day`. */
  on(d: number, venue: number, installedAt: number, day: number): number {
    const lines = this.lines;
    const installDay = Math.floor(installedAt / MICROS_PER_DAY);
    let length = this.length[d]!;
    if (length === 0) {
      if (hashUniform(lines.seed, d, 0, CORE) < lines.coreShare) {
        length = -1;
        this.beverage[d] = pick(
          lines.menu[venue]![monthOf(installDay)]!,
          hashUniform(lines.seed, d, 0, PICK),
        );
      } else {
        const [r0, r1] = lines.rotation;
        length = r0 + hashUniform(lines.seed, d, 0, LENGTH) * (r1 - r0);
        this.phase[d] = hashUniform(lines.seed, d, 0, PHASE) * length;
      }
      this.length[d] = length;
    }
    if (length < 0) return this.beverage[d]!;
    const since = day - installDay + this.phase[d]!;
    const period = Math.floor(since / length);
    if (period !== this.period[d]) {
      const periodStart = Math.max(installDay, Math.round(day - (since - period * length)));
      this.beverage[d] = pick(
        lines.menu[venue]![monthOf(periodStart)]!,
        hashUniform(lines.seed, d, period + 1, PICK),
      );
      this.period[d] = period;
    }
    return this.beverage[d]!;
  }
}
