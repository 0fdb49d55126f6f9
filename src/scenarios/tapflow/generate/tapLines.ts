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
import { BEVERAGES, type Config, VENUES } from '../config.js';
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
  /** [venue × BEVERAGES + beverage] → 24 local-hour multipliers, each row averaging 1 over the venue's day. */
  readonly tilt: readonly Float64Array[];
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
  const tilt: Float64Array[] = [];
  for (const v of VENUES) {
    const shape = ev.hourly[v];
    const total = shape.reduce((a, b) => a + b, 0);
    for (const b of BEVERAGES) {
      const t = lines.hours[b];
      const tilted = shape.reduce((a, s, h) => a + s * t[h]!, 0);
      const scale = tilted > 0 ? total / tilted : 1;
      tilt.push(Float64Array.from(t, (x) => x * scale));
    }
  }
  return { seed, coreShare: lines.core_share, rotation: lines.rotation_days, menu, tilt };
}

function pick(cumulative: Float64Array, u: number): number {
  const target = u * cumulative[cumulative.length - 1]!;
  let i = 0;
  while (i + 1 < cumulative.length && cumulative[i]! <= target) i++;
  return i;
}

/** The beverage (index into BEVERAGES) tap d at a venue of type `venue` pours on UTC day `day`. */
export function beverageOn(
  lines: TapLines,
  d: number,
  venue: number,
  installedAt: number,
  day: number,
): number {
  const installDay = Math.floor(installedAt / MICROS_PER_DAY);
  if (hashUniform(lines.seed, d, 0, CORE) < lines.coreShare)
    return pick(lines.menu[venue]![monthOf(installDay)]!, hashUniform(lines.seed, d, 0, PICK));
  const [r0, r1] = lines.rotation;
  const length = r0 + hashUniform(lines.seed, d, 0, LENGTH) * (r1 - r0);
  const since = day - installDay + hashUniform(lines.seed, d, 0, PHASE) * length;
  const period = Math.floor(since / length);
  const periodStart = Math.max(installDay, Math.round(day - (since - period * length)));
  return pick(lines.menu[venue]![monthOf(periodStart)]!, hashUniform(lines.seed, d, period + 1, PICK));
}
