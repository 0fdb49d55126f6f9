/**
 * Everything about an order beyond its lines, from its basket key alone: where it ships, how it is
 * paid, its coupon, shipping, tax and total (integer cents, so the total formula holds exactly),
 * and its lifecycle as of "now" (the end of the window): canceled orders never ship, a return only
 * follows a delivery, and each timestamp is set only once its stage is reached.
 */

import { MICROS_PER_DAY, weekdayOf } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { CATEGORIES, CHANNELS, PAYMENT_METHODS } from '../vocabulary.js';
import { type Basket, MAX_LINES } from './basket.js';
import { cumulative, Keyed } from './keyed.js';
import { PLACES, placeWeights } from './places.js';
import type { ProductView } from './products.js';

export const STATUS = { placed: 0, paid: 1, shipped: 2, delivered: 3, canceled: 4, returned: 5 } as const;
const CHANNEL_COUPONS: readonly (readonly number[])[] = [[0, 1, 2], [3], [4], [0]];
const MARKETPLACE = CHANNELS.indexOf('marketplace');
const HOUR = 3_600_000_000;
const SECOND = 1_000_000;
const wholeSecond = (us: number) => Math.floor(us / SECOND) * SECOND;
/** Longest processing (order → shipped), before the Sunday delay. */
const MAX_PROCESSING_HOURS = 240;
/** Longest transit (shipped → delivered). */
const MAX_TRANSIT_DAYS = 20;

/**
 * Days after an order's day from which its row and lines no longer change: every stage (cancel within
 * 48 h, shipping within MAX_PROCESSING_HOURS plus a Sunday, delivery, return) lies before then.
 */
export function ordersSettleDays(config: Readonly<Config>): number {
  const lastStageDays = (MAX_PROCESSING_HOURS + 24) / 24 + MAX_TRANSIT_DAYS + config.orders.return_days.max;
  // The order's own day, and the whole-second rounding of each stage.
  return Math.ceil(lastStageDays) + 1;
}

export class Money {
  subtotal = 0;
  discount = 0;
  shipping = 0;
  tax = 0;
  total = 0;
  /** Index into COUPONS, −1 without one. */
  coupon = -1;
  /** Index into PAYMENT_METHODS. */
  payment = 0;
}

export class Lifecycle {
  status = 0;
  /** µs, NaN until reached. */
  canceledUs = Number.NaN;
  shippedUs = Number.NaN;
  deliveredUs = Number.NaN;
  returnedUs = Number.NaN;
  /** Per line: sent back (only once the order is returned). */
  readonly returned = new Uint8Array(MAX_LINES);
  /**
   * What will happen whatever "now" is: the delivery (NaN for an order that will be canceled) and
   * the lines that will come back. What other tables draw from these never depends on the window's end.
   */
  willDeliverUs = Number.NaN;
  readonly willReturn = new Uint8Array(MAX_LINES);
  /** When each stage would be reached (µs), whatever "now" is: `at(now)` sets the above from these. */
  willCancel = false;
  anyReturn = false;
  lines = 0;
  cancelAtUs = 0;
  paidAtUs = 0;
  shipAtUs = 0;
  deliverAtUs = 0;
  returnAtUs = 0;
  /** Per line: would come back (if the order is not canceled). */
  readonly back = new Uint8Array(MAX_LINES);

  /** The stages reached by `now` (exclusive): status, timestamps and returned lines. */
  at(now: number): this {
    this.canceledUs = this.shippedUs = this.deliveredUs = this.returnedUs = Number.NaN;
    if (this.willCancel) {
      if (this.cancelAtUs < now) {
        this.status = STATUS.canceled;
        this.canceledUs = this.cancelAtUs;
      } else this.status = this.paidAtUs < now ? STATUS.paid : STATUS.placed;
    } else if (this.anyReturn && this.returnAtUs < now) {
      this.status = STATUS.returned;
      this.returnedUs = this.returnAtUs;
    } else if (this.deliverAtUs < now) this.status = STATUS.delivered;
    else if (this.shipAtUs < now) this.status = STATUS.shipped;
    else this.status = this.paidAtUs < now ? STATUS.paid : STATUS.placed;
    const status = this.status;
    if (status === STATUS.shipped || status === STATUS.delivered || status === STATUS.returned)
      this.shippedUs = this.shipAtUs;
    if (status === STATUS.delivered || status === STATUS.returned) this.deliveredUs = this.deliverAtUs;
    for (let j = 0; j < this.lines; j++) this.returned[j] = status === STATUS.returned ? this.back[j]! : 0;
    return this;
  }
}

export class OrderTerms {
  private readonly money: Keyed;
  private readonly life: Keyed;
  private readonly ship: Keyed;
  private readonly paymentCum: Float64Array[];
  private readonly returnRate: Float64Array;
  private readonly countryCum: Readonly<Record<string, Float64Array>>;

  constructor(
    private readonly config: Readonly<Config>,
    seed: number,
    private readonly products: ProductView,
    private readonly endUs: number,
  ) {
    this.money = new Keyed(seed, 'money');
    this.life = new Keyed(seed, 'life');
    this.ship = new Keyed(seed, 'ship');
    this.paymentCum = CHANNELS.map((c) =>
      cumulative(PAYMENT_METHODS.map((m) => config.orders.payment[c][m] ?? 0)),
    );
    this.returnRate = Float64Array.from(CATEGORIES, (c) => config.products.categories[c].return_rate);
    this.countryCum = { US: placeWeights('US'), CA: placeWeights('CA') };
  }

  /** Where the order ships: the customer's place, or (a gift) another city of their country. */
  shipPlace(key: number, customerPlace: number): number {
    const rng = this.ship.at(key);
    if (rng.next() >= this.config.orders.gift_share) return customerPlace;
    return rng.pick(this.countryCum[PLACES[customerPlace]!.country]!);
  }

  /** Coupon, shipping, tax and total of a basket, in cents, and the payment method. */
  moneyOf(key: number, channel: number, basket: Basket, place: number, out: Money): Money {
    const o = this.config.orders;
    const rng = this.money.at(key);
    out.payment = rng.pick(this.paymentCum[channel]!);
    out.subtotal = basket.subtotalCents();
    const coupons = CHANNEL_COUPONS[channel]!;
    const couponed = rng.next() < o.coupons[CHANNELS[channel]!];
    out.coupon = couponed ? coupons[rng.int(0, coupons.length - 1)]! : -1;
    out.discount = couponed ? Math.round(out.subtotal * o.coupon_percent) : 0;
    const net = out.subtotal - out.discount;
    const express = rng.next() < o.shipping.express_share;
    if (channel === MARKETPLACE) {
      out.shipping = 0;
      out.tax = 0;
    } else {
      const where = PLACES[place]!;
      const rates = where.country === 'CA' ? o.shipping.CA : o.shipping.US;
      let grams = 0;
      for (let j = 0; j < basket.lines; j++)
        grams += basket.quantity[j]! * this.products.weightG[basket.product[j]!]!;
      const [light, medium] = o.shipping.weight_steps_g as [number, number];
      const rate = rates.rates[grams < light ? 0 : grams < medium ? 1 : 2]!;
      out.shipping =
        (net >= Math.round(rates.free_over * 100) ? 0 : Math.round(rate * 100)) +
        (express ? Math.round(o.shipping.express_fee * 100) : 0);
      out.tax = Math.round(net * where.tax);
    }
    out.total = net + out.shipping + out.tax;
    return out;
  }

  /** Stages reached by `now` (default: the end of the window); `basket` gives each line's return odds. */
  lifecycleOf(
    key: number,
    orderedUs: number,
    channel: number,
    place: number,
    basket: Basket,
    out: Lifecycle,
    now = this.endUs,
  ): Lifecycle {
    const o = this.config.orders;
    const rng = this.life.at(key);
    const canceled = rng.next() < o.cancel_rate[CHANNELS[channel]!];
    const cancelAt =
      wholeSecond(
        orderedUs + Math.min(48 * HOUR, rng.logNormal(o.cancel_hours.median, o.cancel_hours.sigma) * HOUR),
      ) + SECOND;
    const paidAt = orderedUs + (5 + 600 * rng.next()) * SECOND;
    let shipAt =
      orderedUs +
      Math.min(
        MAX_PROCESSING_HOURS,
        Math.max(2, rng.logNormal(o.processing_hours.median, o.processing_hours.sigma)),
      ) *
        HOUR;
    if (weekdayOf(Math.floor(shipAt / MICROS_PER_DAY)) === 6) shipAt += MICROS_PER_DAY; // no shipping on Sundays
    shipAt = wholeSecond(shipAt);
    const transitDays = PLACES[place]!.country === 'CA' ? o.transit_days.CA : o.transit_days.US;
    const deliverAt = wholeSecond(
      shipAt +
        Math.min(MAX_TRANSIT_DAYS, Math.max(0.5, rng.logNormal(transitDays, o.transit_days.sigma))) *
          MICROS_PER_DAY,
    );
    let anyReturn = false;
    for (let j = 0; j < basket.lines; j++) {
      const back = rng.next() < this.returnRate[this.products.category[basket.product[j]!]!]!;
      out.back[j] = back ? 1 : 0;
      out.willReturn[j] = back && !canceled ? 1 : 0;
      anyReturn ||= back;
    }
    out.willDeliverUs = canceled ? Number.NaN : deliverAt;
    const returnAt = wholeSecond(
      deliverAt +
        Math.min(o.return_days.max, Math.max(1, rng.logNormal(o.return_days.median, o.return_days.sigma))) *
          MICROS_PER_DAY,
    );
    out.willCancel = canceled;
    out.anyReturn = anyReturn;
    out.lines = basket.lines;
    out.cancelAtUs = cancelAt;
    out.paidAtUs = paidAt;
    out.shipAtUs = shipAt;
    out.deliverAtUs = deliverAt;
    out.returnAtUs = returnAt;
    return out.at(now);
  }
}
