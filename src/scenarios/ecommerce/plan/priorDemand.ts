/** The inventory walk's demand before a product has sold: what the design expects of it. */

import { MICROS_PER_DAY, monthOf } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { countAtMost } from '../generate/keyed.js';
import type { ProductView } from '../generate/products.js';
import { CATEGORIES, OFFLINE_CHANNELS } from '../vocabulary.js';

/**
 * Units a day the buyer expects of product p before it has sold: the shop's units a day, its
 * category's share of the month's demand, and its popularity among the category's products launched by `t`.
 */
export function priorDemand(config: Readonly<Config>, scale: number, products: ProductView) {
  const o = config.orders;
  const lines = 1 + OFFLINE_CHANNELS.reduce((sum, c) => sum + o.channels[c] * o.extra_lines[c], 0);
  const orders = (o.per_year * scale) / 365;
  const cats = CATEGORIES.map((c) => config.products.categories[c]);
  const monthTotal = Array.from({ length: 12 }, (_, m) =>
    cats.reduce((x, k) => x + k.share * k.monthly[m]!, 0),
  );
  const position = new Int32Array(products.count);
  for (let j = 0; j < products.count; j++) position[products.catList[j]!] = j;
  const { catStart, catCum, catCreated } = products;
  return (p: number, t: number): number => {
    const c = products.category[p]!;
    const k = cats[c]!;
    const j = position[p]!;
    const lo = catStart[c]!;
    const popularity = catCum[j]! - (j > lo ? catCum[j - 1]! : 0);
    const live = Math.max(j - lo + 1, countAtMost(catCreated, t, lo, catStart[c + 1]!));
    const month = monthOf(Math.floor(t / MICROS_PER_DAY));
    const share = (k.share * k.monthly[month]!) / monthTotal[month]!;
    return ((orders * lines * (1 + k.extra_qty) * share) / catCum[lo + live - 1]!) * popularity;
  };
}
