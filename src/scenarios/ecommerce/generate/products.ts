/**
 * Products: categories in their catalogue shares, launch times (ids ascend with them; a fixed
 * number before the window, then a rate per window day), log-normal prices per category with charm
 * endings, the subcategory the price band allows, cost under price by the category's margin, brands
 * of the category, SKUs of category + subcategory code + sequence, attributes that fit the category
 * (JSON), and when each is discontinued (a constant hazard; possibly after the window). Product p's
 * draws depend only on p, so a longer window keeps every earlier product and only adds launches.
 */

import { apportion } from '../../../generate/apportion.js';
import type { Batch } from '../../../generate/batch.js';
import { int64Column, validityOfNaN } from '../../../generate/batch.js';
import { dayCounts } from '../../../generate/dayCounts.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { CATEGORIES } from '../vocabulary.js';
import { attributesOf } from './attributes.js';
import { CATALOG, COLORS, SERIES, SUBCATEGORIES, TITLE_WORDS } from './catalog.js';
import { cumulative, Keyed } from './keyed.js';
import { RATE_YEAR_DAYS, type Window } from './shopCalendar.js';
import { skusOf } from './urls.js';

const SECOND = 1_000_000;

/** What fact generators read about products (typed arrays: shared with workers). */
export interface ProductView {
  readonly count: number;
  /** µs, ascending with the id. */
  readonly createdUs: Float64Array;
  /** µs; +Infinity for a product never discontinued (may lie after the window: still active then). */
  readonly discontinuedUs: Float64Array;
  readonly category: Uint8Array;
  /** Index into SUBCATEGORIES. */
  readonly sub: Uint8Array;
  readonly priceCents: Int32Array;
  readonly weightG: Int32Array;
  /** Products of category c are catList[catStart[c] .. catStart[c + 1]), ascending (so by launch). */
  readonly catStart: Int32Array;
  readonly catList: Int32Array;
  /** Launch times and cumulative popularity, aligned with catList (popularity restarts per category). */
  readonly catCreated: Float64Array;
  readonly catCum: Float64Array;
}

export interface ProductModel {
  readonly view: ProductView;
  readonly batch: Batch;
}

/** A charm price in cents: x.99 below $100, x9.99 above (never below $0.99). */
export function charmCents(dollars: number): number {
  if (dollars < 1) return 99;
  if (dollars < 100) return Math.floor(dollars) * 100 + 99;
  return Math.ceil(dollars / 10) * 1000 - 1;
}

export function generateProducts(
  config: Readonly<Config>,
  seed: number,
  scale: number,
  window: Window,
): ProductModel {
  const cfg = config.products;
  // `count` (× scale) is the catalogue at the end of a year from the window start: a share before
  // the window, the rest launched at a steady rate per day.
  const year = Math.max(1, Math.round(cfg.count * scale));
  const before = Math.max(1, Math.round(year * cfg.before_window_share));
  const launches = dayCounts(new Float64Array(window.days).fill(Math.max(0, year - before) / RATE_YEAR_DAYS));
  let n = before;
  for (let d = 0; d < launches.length; d++) n += launches[d]!;
  const shares = CATEGORIES.map((c) => cfg.categories[c].share);
  const perCategory = apportion(before, shares);
  // Raw products: those before the window in category blocks, each category's first one the oldest
  // and never discontinued, so every category has something to sell from the first day; then the
  // launches, day by day, each of a category drawn by share.
  const rawCategory = new Uint8Array(n);
  const rawCreated = new Float64Array(n);
  const anchor = new Uint8Array(n);
  const time = new Keyed(seed, 'product.created');
  for (let c = 0, i = 0; c < CATEGORIES.length; c++) {
    for (let k = 0; k < perCategory[c]!; k++, i++) {
      rawCategory[i] = c;
      anchor[i] = k === 0 ? 1 : 0;
      const at = window.startUs - (k === 0 ? 1 : time.at(i).next()) * cfg.history_days * MICROS_PER_DAY;
      rawCreated[i] = Math.floor(at / SECOND) * SECOND;
    }
  }
  const launch = new Keyed(seed, 'product.launched');
  const shareCum = cumulative(shares);
  for (let d = 0, i = before; d < launches.length; d++) {
    for (let k = 0; k < launches[d]!; k++, i++) {
      launch.at(i - before);
      rawCategory[i] = launch.pick(shareCum);
      rawCreated[i] = Math.floor((window.startUs + (d + launch.next()) * MICROS_PER_DAY) / SECOND) * SECOND;
    }
  }
  // Ids ascend with launch; the launches of a day all follow the days before.
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => rawCreated[a]! - rawCreated[b]! || a - b,
  );

  const rng = new Keyed(seed, 'product');
  const view = {
    count: n,
    createdUs: new Float64Array(n),
    discontinuedUs: new Float64Array(n),
    category: new Uint8Array(n),
    sub: new Uint8Array(n),
    priceCents: new Int32Array(n),
    weightG: new Int32Array(n),
  };
  const popularity = new Float64Array(n);
  const cost = new Float64Array(n);
  const price = new Float64Array(n);
  const discontinued = new Float64Array(n);
  const active = new Uint8Array(n);
  const names: string[] = [];
  const subNames: string[] = [];
  const brands: string[] = [];
  const attributes: string[] = [];
  for (let p = 0; p < n; p++) {
    const raw = order[p]!;
    const c = rawCategory[raw]!;
    const cat = cfg.categories[CATEGORIES[c]!];
    const info = CATALOG[CATEGORIES[c]!];
    rng.at(p);
    view.category[p] = c;
    view.createdUs[p] = rawCreated[raw]!;
    const cents = charmCents(rng.logNormal(cat.price_median, cat.price_sigma));
    view.priceCents[p] = cents;
    price[p] = cents / 100;
    const dollars = cents / 100;
    // The subcategories whose price band holds the price (bands cover every price).
    const first = SUBCATEGORIES.findIndex((s) => s.category === c);
    const fitting = info.subcategories
      .map((s, k) => [s, k] as const)
      .filter(([s]) => dollars >= s.band[0] && dollars < s.band[1]);
    const [subInfo, subIndex] = fitting.length
      ? fitting[rng.int(0, fitting.length - 1)]!
      : [info.subcategories[0]!, 0];
    view.sub[p] = first + subIndex;
    subNames.push(subInfo.name);
    const margin = Math.min(0.9, Math.max(0.03, cat.margin + 0.05 * rng.normal()));
    cost[p] = Math.max(1, Math.min(cents - 1, Math.round(cents * (1 - margin)))) / 100;
    const grams = rng.logNormal(cat.weight_g * (dollars / cat.price_median) ** 0.3, 0.5);
    view.weightG[p] = Math.max(20, Math.round(grams));
    popularity[p] = Math.exp(cfg.popularity_sigma * rng.normal());
    // Brands: the first few of a category are the big ones.
    const brand =
      info.brands[Math.min(info.brands.length - 1, Math.floor(info.brands.length * rng.next() ** 1.6))]!;
    brands.push(brand);
    const noun = subInfo.nouns[rng.int(0, subInfo.nouns.length - 1)]!;
    const color = COLORS[rng.int(0, COLORS.length - 1)]!;
    if (subInfo.attributes === 'book')
      names.push(
        `The ${TITLE_WORDS.first[rng.int(0, TITLE_WORDS.first.length - 1)]} ${TITLE_WORDS.second[rng.int(0, TITLE_WORDS.second.length - 1)]}`,
      );
    else {
      const series = SERIES[rng.int(0, SERIES.length - 1)]!;
      const worn = subInfo.attributes === 'apparel' || subInfo.attributes === 'shoe';
      names.push(`${brand} ${series} ${noun}${worn ? ` - ${color}` : ''}`);
    }
    attributes.push(attributesOf(subInfo.attributes, rng, dollars, color, noun));
    // Discontinued: never a category's anchor; at a constant hazard from launch + 30 days (or half a
    // year before the window); shown once it has happened by the end of the window.
    const lo = Math.max(view.createdUs[p]! + 30 * MICROS_PER_DAY, window.startUs - 180 * MICROS_PER_DAY);
    const years = -Math.log(1 - rng.next()) / cfg.discontinued_per_year;
    const at =
      anchor[raw] || !Number.isFinite(years)
        ? Number.POSITIVE_INFINITY
        : Math.floor((lo + years * 365 * MICROS_PER_DAY) / SECOND) * SECOND;
    view.discontinuedUs[p] = at;
    const gone = at < window.endUs;
    discontinued[p] = gone ? at : Number.NaN;
    active[p] = gone ? 0 : 1;
  }
  const catStart = new Int32Array(CATEGORIES.length + 1);
  for (let p = 0; p < n; p++) catStart[view.category[p]! + 1]!++;
  for (let c = 0; c < CATEGORIES.length; c++) catStart[c + 1]! += catStart[c]!;
  const catList = new Int32Array(n);
  const fill = catStart.slice(0, CATEGORIES.length);
  for (let p = 0; p < n; p++) catList[fill[view.category[p]!]!++] = p;
  const catCreated = new Float64Array(n);
  const catCum = new Float64Array(n);
  for (let c = 0; c < CATEGORIES.length; c++) {
    let acc = 0;
    for (let j = catStart[c]!; j < catStart[c + 1]!; j++) {
      catCreated[j] = view.createdUs[catList[j]!]!;
      catCum[j] = acc += popularity[catList[j]!]!;
    }
  }
  const full = { ...view, catStart, catList, catCreated, catCum };
  const batch: Batch = {
    table: 'products',
    rows: n,
    columns: {
      product_id: Int32Array.from({ length: n }, (_, i) => i + 1),
      sku: skusOf(full),
      product_name: names,
      category: view.category,
      subcategory: subNames,
      brand: brands,
      price,
      cost,
      created_at: int64Column(view.createdUs),
      is_active: active,
      discontinued_at: int64Column(discontinued),
      weight_grams: view.weightG,
      attributes,
    },
    validity: { discontinued_at: validityOfNaN(discontinued) },
  };
  return { view: full, batch };
}
