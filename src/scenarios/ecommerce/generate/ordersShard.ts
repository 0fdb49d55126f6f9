/** orders: rows [firstRow, firstRow + rows) of a day of the order index, each rebuilt from its basket key. */

import { type Arena, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { FactShardPlan } from '../../../plan/shards.js';
import { WEB } from '../vocabulary.js';
import { PLACES } from './places.js';
import type { ShardContext } from './shardContext.js';

/** A nullable timestamp column's value. */
function maybe(view: Int32Array, ok: Uint8Array, k: number, us: number): void {
  if (Number.isNaN(us)) return;
  setInt64(view, k, us);
  ok[k] = 1;
}

export function generateOrdersShard(ctx: ShardContext, shard: FactShardPlan, arena: Arena): Batch {
  const first = ctx.shared.orders.dayFirst[shard.day - ctx.models.calendar.window.startDay]! + shard.firstRow;
  return orderRows(ctx, shard.rows, (k) => first + k, undefined, arena);
}

/** Rows of orders `orderOf(0..n)`, each as of `nowOf(k)` (default: the window's end). */
export function orderRows(
  ctx: ShardContext,
  n: number,
  orderOf: (k: number) => number,
  nowOf: ((k: number) => number) | undefined,
  arena: Arena,
): Batch {
  const { shared, book } = ctx;
  const index = shared.orders;
  const customers = shared.customers;
  const ids = arena.i64(n);
  const customer = arena.i32(n);
  const ordered = arena.i64(n);
  const status = arena.u8(n);
  const channel = arena.u8(n);
  const session = arena.i64(n);
  const sessionOk = arena.u8(n);
  const payment = arena.u8(n);
  const money = {
    subtotal: arena.f64(n),
    discount: arena.f64(n),
    shipping: arena.f64(n),
    tax: arena.f64(n),
    total: arena.f64(n),
  };
  const promo = arena.u8(n);
  const promoOk = arena.u8(n);
  const stages = {
    shipped: arena.i64(n),
    delivered: arena.i64(n),
    canceled: arena.i64(n),
    returned: arena.i64(n),
  };
  const ok = { shipped: arena.u8(n), delivered: arena.u8(n), canceled: arena.u8(n), returned: arena.u8(n) };
  const shipCountry = arena.u8(n);
  const currency = new Array<string>(n).fill('USD');
  const city = new Array<string>(n);
  const state = new Array<string>(n);
  const postal = new Array<string>(n);
  const [idView, orderedView, sessionView] = [ids, ordered, session].map(int32Pairs) as [
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  const stageView = {
    shipped: int32Pairs(stages.shipped),
    delivered: int32Pairs(stages.delivered),
    canceled: int32Pairs(stages.canceled),
    returned: int32Pairs(stages.returned),
  };
  for (let k = 0; k < n; k++) {
    const o = orderOf(k);
    book.load(o, true, nowOf?.(k));
    const { money: m, life } = book;
    const c = index.customer[o]!;
    setInt64(idView, k, o + 1);
    customer[k] = c + 1;
    setInt64(orderedView, k, index.orderedUs[o]!);
    status[k] = life.status;
    channel[k] = index.channel[o]!;
    if (index.channel[o] === WEB) {
      setInt64(sessionView, k, index.key[o]! + 1);
      sessionOk[k] = 1;
    }
    payment[k] = m.payment;
    money.subtotal[k] = m.subtotal / 100;
    money.discount[k] = m.discount / 100;
    money.shipping[k] = m.shipping / 100;
    money.tax[k] = m.tax / 100;
    money.total[k] = m.total / 100;
    if (m.coupon >= 0) {
      promo[k] = m.coupon;
      promoOk[k] = 1;
    }
    maybe(stageView.shipped, ok.shipped, k, life.shippedUs);
    maybe(stageView.delivered, ok.delivered, k, life.deliveredUs);
    maybe(stageView.canceled, ok.canceled, k, life.canceledUs);
    maybe(stageView.returned, ok.returned, k, life.returnedUs);
    const where = PLACES[book.place]!;
    city[k] = where.city;
    state[k] = where.state;
    // At home: the customer's own postal code; a gift: one of the other city's.
    postal[k] =
      book.place === customers.place[c]
        ? where.postal[customers.postal[c]!]!
        : where.postal[Math.abs(index.key[o]!) % where.postal.length]!;
    shipCountry[k] = where.country === 'CA' ? 1 : 0;
  }
  return {
    table: 'orders',
    rows: n,
    columns: {
      order_id: ids,
      customer_id: customer,
      ordered_at: ordered,
      status,
      channel,
      session_id: session,
      payment_method: payment,
      currency,
      subtotal: money.subtotal,
      discount: money.discount,
      shipping_cost: money.shipping,
      tax: money.tax,
      total: money.total,
      promo_code: promo,
      shipped_at: stages.shipped,
      delivered_at: stages.delivered,
      canceled_at: stages.canceled,
      returned_at: stages.returned,
      shipping_city: city,
      shipping_state: state,
      shipping_postal_code: postal,
      shipping_country: shipCountry,
    },
    validity: {
      session_id: sessionOk,
      promo_code: promoOk,
      shipped_at: ok.shipped,
      delivered_at: ok.delivered,
      canceled_at: ok.canceled,
      returned_at: ok.returned,
    },
  };
}
