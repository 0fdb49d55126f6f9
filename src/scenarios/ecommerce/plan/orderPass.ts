/**
 * Main thread: one pass over every order, rebuilding it as the generators will, to learn what the
 * other tables need: each order's first item id, orders per customer (segments), every stock
 * movement an order causes (a sale per line when placed, the lines' release when it is canceled,
 * returns: the inventory plan places restocks around them), the verified reviews (after delivery,
 * before now) and the expected answers. Whether a line is reviewed, and when, is drawn from what
 * will happen to the order, not from its status at the window's end.
 */

import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { Keyed } from '../generate/keyed.js';
import type { OrderBook } from '../generate/orderBook.js';
import { STATUS } from '../generate/orderTerms.js';
import { CHANNELS, ORDER_STATUSES } from '../vocabulary.js';

/**
 * Ranks of movement kinds at the same instant: stock arrives before it leaves. A release (a
 * canceled order's lines back on the shelf) is written as an adjustment but ranks apart from the
 * cycle counts, so ties never compare references of different kinds.
 */
export const RANK = { restock: 0, return: 1, release: 2, adjustment: 3, sale: 4, damage: 5 } as const;

/** A growable column of numbers (plain arrays until the pass ends). */
export interface MovementEvents {
  product: number[];
  timeUs: number[];
  quantity: number[];
  rank: number[];
  /** Order index (sale, return, release). */
  ref: number[];
  line: number[];
}

export interface OrderPassResult {
  readonly itemFirst: Int32Array;
  readonly ordersPerCustomer: Int32Array;
  readonly movements: MovementEvents;
  /** Sale and return movements per window day. */
  readonly movementsPerDay: Int32Array;
  /** Returned orders, ascending by (returned_at, order). */
  readonly returnedOrders: Int32Array;
  /** Verified reviews: time, order, line. */
  readonly reviews: { timeUs: number[]; order: number[]; line: number[] };
  readonly stats: OrderStats;
}

export interface OrderStats {
  readonly orders_by_channel: Record<string, number>;
  readonly orders_by_status: Record<string, number>;
  /** Σ total of orders not canceled, USD. */
  readonly revenue: number;
  readonly items: number;
  readonly returned_items: number;
}

/** Key of verified review draws: an order's basket key and a line. */
export const reviewKey = (basketKey: number, line: number) => basketKey * 64 + line;

export function passOrders(
  config: Readonly<Config>,
  seed: number,
  book: OrderBook,
  customers: number,
  window: { readonly startDay: number; readonly days: number; readonly endUs: number },
): OrderPassResult {
  const { index } = book;
  const n = index.count;
  const itemFirst = new Int32Array(n + 1);
  const ordersPerCustomer = new Int32Array(customers);
  const movements: MovementEvents = { product: [], timeUs: [], quantity: [], rank: [], ref: [], line: [] };
  const movementsPerDay = new Int32Array(window.days);
  const dayOf = (t: number) => Math.floor(t / MICROS_PER_DAY) - window.startDay;
  const returned: number[] = [];
  const reviews = { timeUs: [] as number[], order: [] as number[], line: [] as number[] };
  const byChannel = CHANNELS.map(() => 0);
  const byStatus = ORDER_STATUSES.map(() => 0);
  let revenueCents = 0;
  let returnedItems = 0;
  const rng = new Keyed(seed, 'review');
  const r = config.reviews;
  const push = (p: number, t: number, q: number, rank: number, o: number, j: number) => {
    movements.product.push(p);
    movements.timeUs.push(t);
    movements.quantity.push(q);
    movements.rank.push(rank);
    movements.ref.push(o);
    movements.line.push(j);
  };
  for (let o = 0; o < n; o++) {
    book.load(o, true);
    const { basket, life } = book;
    itemFirst[o + 1] = itemFirst[o]! + basket.lines;
    ordersPerCustomer[index.customer[o]!]!++;
    byChannel[index.channel[o]!]!++;
    byStatus[life.status]!++;
    const at = index.orderedUs[o]!;
    // Every order takes its lines off the shelf when placed; a cancelation puts them back.
    movementsPerDay[dayOf(at)]! += basket.lines;
    for (let j = 0; j < basket.lines; j++) {
      push(basket.product[j]!, at, -basket.quantity[j]!, RANK.sale, o, j);
      if (life.status === STATUS.canceled)
        push(basket.product[j]!, life.canceledUs, basket.quantity[j]!, RANK.release, o, j);
      if (life.returned[j]) {
        returnedItems++;
        movementsPerDay[dayOf(life.returnedUs)]!++;
        push(basket.product[j]!, life.returnedUs, basket.quantity[j]!, RANK.return, o, j);
      }
    }
    if (life.status === STATUS.canceled) continue;
    revenueCents += book.money.total;
    if (life.status === STATUS.returned) returned.push(o);
    if (Number.isNaN(life.willDeliverUs)) continue;
    for (let j = 0; j < basket.lines; j++) {
      rng.at(reviewKey(index.key[o]!, j));
      if (rng.next() >= (life.willReturn[j] ? r.returned_rate : r.verified_rate)) continue;
      const delay = Math.min(r.delay_days.max, rng.logNormal(r.delay_days.median, r.delay_days.sigma));
      const t = Math.floor((life.willDeliverUs + delay * MICROS_PER_DAY) / 1_000_000) * 1_000_000 + 1_000_000;
      if (t >= window.endUs) continue;
      reviews.timeUs.push(t);
      reviews.order.push(o);
      reviews.line.push(j);
    }
  }
  // Returned orders by when they came back.
  const returnedAt = new Float64Array(returned.length);
  returned.forEach((o, k) => {
    returnedAt[k] = book.load(o).life.returnedUs;
  });
  const byReturn = Uint32Array.from(returned.keys()).sort(
    (a, b) => returnedAt[a]! - returnedAt[b]! || returned[a]! - returned[b]!,
  );
  return {
    itemFirst,
    ordersPerCustomer,
    movements,
    movementsPerDay,
    returnedOrders: Int32Array.from(byReturn, (k) => returned[k]!),
    reviews,
    stats: {
      orders_by_channel: Object.fromEntries(CHANNELS.map((c, i) => [c, byChannel[i]!])),
      orders_by_status: Object.fromEntries(ORDER_STATUSES.map((s, i) => [s, byStatus[i]!])),
      revenue: revenueCents / 100,
      items: itemFirst[n]!,
      returned_items: returnedItems,
    },
  };
}
