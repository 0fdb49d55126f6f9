/**
 * Picking the customer of a session or order (among those registered by then, by propensity) and
 * the products of a basket or a browse (launched by then and still sold a while later, by
 * popularity within a category whose demand follows the month).
 */

import { MICROS_PER_HOUR } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { CATEGORIES } from '../vocabulary.js';
import type { CustomerView } from './customers.js';
import { countAtMost, cumulative, type Keyed, searchCumulative } from './keyed.js';
import type { ProductView } from './products.js';

/** A product picked at `t` is still sold this long after: longer than any session lasts. */
export const LIVE_MARGIN_US = 3 * MICROS_PER_HOUR;

/** The customer for draw `u` among those registered by `t` (−1 when nobody has). */
export function customerAt(view: CustomerView, t: number, u: number): number {
  const k = countAtMost(view.registeredUs, t);
  if (k === 0) return -1;
  return searchCumulative(view.cumWeight, u * view.cumWeight[k - 1]!, 0, k);
}

export class ProductPicker {
  /** Cumulative demand over categories, per month (12 × categories). */
  private readonly monthCum: Float64Array;

  constructor(
    private readonly view: ProductView,
    config: Readonly<Config>,
  ) {
    const c = CATEGORIES.length;
    this.monthCum = new Float64Array(12 * c);
    for (let m = 0; m < 12; m++)
      this.monthCum.set(
        cumulative(
          CATEGORIES.map(
            (k) => config.products.categories[k].share * config.products.categories[k].monthly[m]!,
          ),
        ),
        m * c,
      );
  }

  /** A category by the month's demand (each month's cumulative sums start from 0). */
  category(rng: Keyed, month: number): number {
    const c = CATEGORIES.length;
    const base = month * c;
    return searchCumulative(this.monthCum, rng.next() * this.monthCum[base + c - 1]!, base, base + c) - base;
  }

  /** A product of category `c` live at `t` (another category's when `c` has none yet). */
  pick(rng: Keyed, c: number, t: number): number {
    const { catStart, catList, catCreated, catCum, discontinuedUs } = this.view;
    const sold = t + LIVE_MARGIN_US;
    for (let step = 0; step < CATEGORIES.length; step++) {
      const cat = (c + step) % CATEGORIES.length;
      const lo = catStart[cat]!;
      const k = countAtMost(catCreated, t, lo, catStart[cat + 1]!);
      if (k === 0) continue;
      for (let tries = 0; tries < 6; tries++) {
        const j = searchCumulative(catCum, rng.next() * catCum[lo + k - 1]!, lo, lo + k);
        if (discontinuedUs[catList[j]!]! > sold) return catList[j]!;
      }
      for (let j = lo + k - 1; j >= lo; j--) if (discontinuedUs[catList[j]!]! > sold) return catList[j]!;
    }
    return 0; // the first product predates every window and is never discontinued
  }
}
