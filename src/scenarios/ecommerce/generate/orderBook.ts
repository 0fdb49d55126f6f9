/**
 * Rebuilds order o from the order index alone: its basket (a web order's products were live when
 * its session started), where it ships, its money and its lifecycle. The plan and the orders,
 * order_items, inventory and reviews generators all read orders through this.
 */

import type { OrderIndex } from '../plan/orderPlan.js';
import { WEB } from '../vocabulary.js';
import { Basket, type BasketMaker } from './basket.js';
import type { CustomerView } from './customers.js';
import { Lifecycle, Money, type OrderTerms } from './orderTerms.js';
import type { SessionModel } from './session.js';

export class OrderBook {
  readonly basket = new Basket();
  readonly money = new Money();
  readonly life = new Lifecycle();
  order = -1;
  place = 0;

  constructor(
    readonly index: OrderIndex,
    private readonly sessions: SessionModel,
    private readonly baskets: BasketMaker,
    private readonly terms: OrderTerms,
    private readonly customers: CustomerView,
  ) {}

  /** Loads order o's basket, ship-to place and lifecycle as of `now` (default: the window's end), and its money with `withMoney`. */
  load(o: number, withMoney = false, now?: number): this {
    const { index } = this;
    const key = index.key[o]!;
    const channel = index.channel[o]!;
    const customer = index.customer[o]!;
    const at = index.orderedUs[o]!;
    const liveAt = channel === WEB ? this.sessions.startUs(key) : at;
    this.baskets.make(key, liveAt, at, channel, customer, this.basket);
    this.place = this.terms.shipPlace(key, this.customers.place[customer]!);
    this.terms.lifecycleOf(key, at, channel, this.place, this.basket, this.life, now);
    if (withMoney) this.terms.moneyOf(key, channel, this.basket, this.place, this.money);
    this.order = o;
    return this;
  }
}
