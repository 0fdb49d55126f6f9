/**
 * The design's expected answers, written to `_manifest.json`: exact counts the plan decided
 * (conversions by source and device, orders by channel and status, revenue) that the pack's checks
 * compare with the files, and the config's targets (return rates, ratings, margins, segment rules)
 * its distribution checks compare with.
 */

import type { Manifest } from '../../../run/manifest.js';
import { MICROS_PER_DAY, yearOf } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { blackFriday, type Window } from '../generate/shopCalendar.js';
import { CATEGORIES, DEVICES, SOURCES } from '../vocabulary.js';
import type { OrderStats } from './orderPass.js';
import type { SessionPlan } from './sessionPlan.js';

// A type, not an interface: it must fit the engine's ExpectedAnswers index signature.
export type EcommerceExpected = {
  readonly id_max: { readonly customers: number; readonly products: number };
  readonly time: { readonly start_us: number; readonly end_us: number };
  readonly sessions: {
    readonly total: number;
    readonly converted: number;
    readonly by_source: Readonly<Record<string, { sessions: number; converted: number }>>;
    readonly by_device: Readonly<Record<string, { sessions: number; converted: number }>>;
  };
  readonly orders: OrderStats;
  readonly restocks: number;
  /** Black Friday dates inside the window (YYYY-MM-DD). */
  readonly black_fridays: readonly string[];
  readonly segments: Config['customers']['segments'];
  readonly categories: Readonly<
    Record<string, { price_median: number; price_sigma: number; margin: number; return_rate: number }>
  >;
  readonly ratings: Config['reviews']['ratings'];
};

export function expectedAnswers(
  config: Readonly<Config>,
  window: Window,
  customers: number,
  products: number,
  sessions: SessionPlan,
  orders: OrderStats,
  restocks: number,
): EcommerceExpected {
  const fridays: string[] = [];
  for (let y = yearOf(window.startDay); y <= yearOf(window.endDay); y++) {
    const bf = blackFriday(y);
    if (bf >= window.startDay && bf <= window.endDay)
      fridays.push(new Date(bf * 86_400_000).toISOString().slice(0, 10));
  }
  const split = (names: readonly string[], part: { sessions: number[]; converted: number[] }) =>
    Object.fromEntries(
      names.map((n, i) => [n, { sessions: part.sessions[i]!, converted: part.converted[i]! }]),
    );
  return {
    id_max: { customers, products },
    time: { start_us: window.startDay * MICROS_PER_DAY, end_us: window.endUs },
    sessions: {
      total: sessions.dayFirst[sessions.dayFirst.length - 1]!,
      converted: sessions.converted.length,
      by_source: split(SOURCES, sessions.bySource),
      by_device: split(DEVICES, sessions.byDevice),
    },
    orders,
    restocks,
    black_fridays: fridays,
    segments: config.customers.segments,
    categories: Object.fromEntries(
      CATEGORIES.map((c) => {
        const k = config.products.categories[c];
        return [
          c,
          {
            price_median: k.price_median,
            price_sigma: k.price_sigma,
            margin: k.margin,
            return_rate: k.return_rate,
          },
        ];
      }),
    ),
    ratings: config.reviews.ratings,
  };
}

/** The manifest's expected answers, read as this pack wrote them. */
export function ecommerceExpected(
  manifest: Manifest,
): EcommerceExpected & { readonly rows: Record<string, number> } {
  return manifest.expected as unknown as EcommerceExpected & { readonly rows: Record<string, number> };
}
