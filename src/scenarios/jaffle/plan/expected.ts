/**
 * The design's expected answers, written to `_manifest.json`: the ground truth of attribution (the
 * orders and revenue each campaign truly caused in the window, through a click or without one, and
 * what it spent), and the config's rules and targets that the pack's checks read.
 */

import type { Manifest } from '../../../run/manifest.js';
import type { Config } from '../config.js';
import type { Basket } from '../generate/basket.js';
import { PAYMENT_METHODS } from '../vocabulary.js';
import type { JaffleWindow } from '../window.js';
import type { Arranged } from './arrange.js';
import type { Simulation } from './simulate.js';

export interface CampaignTruth {
  readonly platform: string;
  /** Dollars spent in the window. */
  readonly spend: number;
  /** Orders it caused, their value in cents, and how many through a click on its ads. */
  readonly orders: number;
  readonly revenue_cents: number;
  readonly clicked_orders: number;
}

// A type, not an interface: it must fit the engine's ExpectedAnswers index signature.
export type JaffleExpected = {
  readonly id_max: { readonly raw_customers: number };
  /** From the shop's opening (the first signups) to the end of the window. */
  readonly time: { readonly start_us: number; readonly end_us: number };
  /** The window: every session, order and ad row is inside it. */
  readonly window: { readonly start_us: number; readonly end_us: number };
  readonly campaigns: Readonly<Record<string, CampaignTruth>>;
  readonly lifecycle_hours: Config['orders']['lifecycle_hours'];
  readonly return_share: number;
  /** Smallest and largest order value in dollars. */
  readonly order_value: { readonly min: number; readonly max: number };
  /** Shares of payment rows by method the config implies. */
  readonly payment_shares: Readonly<Record<string, number>>;
  /** The orders of the window, and how many converted from a visit on their own UTC day (the truth). */
  readonly conversions: {
    readonly orders: number;
    readonly same_day: number;
    readonly target_same_day: number;
  };
  /** The weekday pacing of orders and visits, and of ad spend (Monday first). */
  readonly weekday: readonly number[];
  readonly ads_weekday: readonly number[];
};

export function expectedAnswers(
  config: Readonly<Config>,
  window: JaffleWindow,
  customers: number,
  sim: Simulation,
  arranged: Arranged,
  basket: Basket,
): JaffleExpected {
  const truth = config.ads.campaigns.map((c) => ({
    platform: c.platform,
    spend: 0,
    orders: 0,
    revenue_cents: 0,
    clicked_orders: 0,
  }));
  for (const r of arranged.ads)
    for (let k = 0; k < r.cost.length; k++) truth[r.campaign[k]!]!.spend += r.cost[k]!;
  const o = sim.orders;
  let sameDay = 0;
  for (const i of arranged.orderIndex) {
    sameDay += o.sameDay.get(i);
    const cause = o.cause.get(i);
    if (cause < 0) continue;
    const t = truth[cause]!;
    t.orders++;
    t.revenue_cents += o.value.get(i) * 100;
    t.clicked_orders += o.clicked.get(i);
  }
  const split = config.payments.split_share;
  const secondary: Record<string, number> = { coupon: 0.5, gift_card: 0.5 };
  return {
    id_max: { raw_customers: customers },
    time: { start_us: window.openDay * 86_400_000_000, end_us: window.endUs },
    window: { start_us: window.startUs, end_us: window.endUs },
    campaigns: Object.fromEntries(config.ads.campaigns.map((c, i) => [c.name, truth[i]!])),
    lifecycle_hours: config.orders.lifecycle_hours,
    return_share: config.orders.return_share,
    order_value: { min: basket.minValue, max: basket.maxValue },
    payment_shares: Object.fromEntries(
      PAYMENT_METHODS.map((m) => [
        m,
        (config.payments.primary[m] + split * (secondary[m] ?? 0)) / (1 + split),
      ]),
    ),
    conversions: {
      orders: arranged.orderIndex.length,
      same_day: sameDay,
      target_same_day: config.orders.same_day,
    },
    weekday: config.rhythm.weekday,
    ads_weekday: config.ads.weekday,
  };
}

/** The expected answers of a manifest written by this pack. */
export const jaffleExpected = (manifest: Manifest): JaffleExpected =>
  manifest.expected as unknown as JaffleExpected;
