/**
 * What an order is worth and how it is paid: items from the menu (more in the evening and at the
 * weekend, fewer at lunch), the value their whole-dollar prices sum to, and one payment or two (a
 * coupon or gift card covering part, the rest by the primary method), in cents.
 */

import { MICROS_PER_DAY, MICROS_PER_HOUR, weekdayOf } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { PAYMENT_METHODS } from '../vocabulary.js';
import { pickIn, poisson, type Uniform } from './draws.js';

const COUPON = PAYMENT_METHODS.indexOf('coupon');
const GIFT_CARD = PAYMENT_METHODS.indexOf('gift_card');

export interface Payment {
  /** 1 or 2 payments: methods (PAYMENT_METHODS) and amounts in cents. */
  count: number;
  readonly method: [number, number];
  readonly cents: [number, number];
}

export class Basket {
  private readonly prices: Int32Array;
  private readonly cumMenu: Float64Array;
  private readonly cumPrimary: Float64Array;
  /** Smallest and largest value an order can have (dollars). */
  readonly minValue: number;
  readonly maxValue: number;
  readonly payment: Payment = { count: 1, method: [0, 0], cents: [0, 0] };

  constructor(private readonly config: Readonly<Config>) {
    const items = Object.values(config.orders.menu);
    this.prices = Int32Array.from(items, (i) => i.price);
    let acc = 0;
    this.cumMenu = Float64Array.from(items, (i) => (acc += i.weight));
    let p = 0;
    this.cumPrimary = Float64Array.from(PAYMENT_METHODS, (m) => (p += config.payments.primary[m]));
    this.minValue = Math.min(...this.prices);
    this.maxValue = Math.max(...this.prices) * config.orders.items.max;
  }

  /** The value in dollars of an order placed at `us`. */
  value(rng: Uniform, us: number): number {
    const it = this.config.orders.items;
    const hour = Math.floor((us % MICROS_PER_DAY) / MICROS_PER_HOUR);
    const extra = hour >= 11 && hour < 14 ? it.lunch : hour >= 17 && hour < 21 ? it.evening : it.other;
    const weekend = weekdayOf(Math.floor(us / MICROS_PER_DAY)) >= 4 ? it.weekend : 1;
    const items = 1 + Math.min(it.max - 1, poisson(rng, extra * weekend));
    let value = 0;
    for (let i = 0; i < items; i++)
      value += this.prices[pickIn(this.cumMenu, this.cumMenu.length, rng.next())]!;
    return value;
  }

  /** Fills `payment` for an order of `value` dollars. */
  pay(rng: Uniform, value: number): Payment {
    const p = this.config.payments;
    const pay = this.payment;
    pay.method[0] = pickIn(this.cumPrimary, this.cumPrimary.length, rng.next());
    const split = rng.next() < p.split_share;
    const coupon = rng.next() < 0.5;
    const [lo, hi] = coupon ? p.coupon_dollars : p.gift_card_dollars;
    const part = Math.min(value - 1, lo + Math.floor(rng.next() * (hi - lo + 1)));
    if (split && part >= lo) {
      pay.count = 2;
      pay.method[1] = coupon ? COUPON : GIFT_CARD;
      pay.cents[0] = (value - part) * 100;
      pay.cents[1] = part * 100;
    } else {
      pay.count = 1;
      pay.cents[0] = value * 100;
    }
    return pay;
  }
}
