/** order_items: items [firstRow, firstRow + rows) of a day's orders, each order's lines rebuilt from its basket key. */
import { type Arena, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { FactShardPlan } from '../../../plan/shards.js';
import { countAtMost } from './keyed.js';
import type { ShardContext } from './shardContext.js';

export function generateOrderItemsShard(ctx: ShardContext, shard: FactShardPlan, arena: Arena): Batch {
  const { itemFirst, dayFirst } = ctx.shared.orders;
  const first = itemFirst[dayFirst[shard.day - ctx.models.calendar.window.startDay]!]! + shard.firstRow;
  return itemRows(ctx, shard.rows, (k) => first + k, undefined, arena);
}

/** Rows of items `itemOf(0..n)`, each as of `nowOf(k)` (default: the window's end). */
export function itemRows(
  ctx: ShardContext,
  n: number,
  itemOf: (k: number) => number,
  nowOf: ((k: number) => number) | undefined,
  arena: Arena,
): Batch {
  const { shared, book } = ctx;
  const { itemFirst, orderedUs } = shared.orders;
  const ids = arena.i64(n);
  const orderIds = arena.i64(n);
  const product = arena.i32(n);
  const quantity = arena.i32(n);
  const unit = arena.f64(n);
  const discount = arena.f64(n);
  const lineTotal = arena.f64(n);
  const ordered = arena.i64(n);
  const returned = arena.u8(n);
  const [idView, orderView, orderedView] = [ids, orderIds, ordered].map(int32Pairs) as [
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  let o = -1;
  let now = Number.NaN;
  for (let k = 0; k < n; k++) {
    const item = itemOf(k);
    const at = nowOf?.(k) ?? Number.NaN;
    // Consecutive items mostly share their order (and time): each order is loaded once for them.
    if (o < 0 || item < itemFirst[o]! || item >= itemFirst[o + 1]! || !Object.is(at, now)) {
      // The order holding the item: the last whose first item is at or before it.
      o = countAtMost(itemFirst, item) - 1;
      now = at;
      book.load(o, false, Number.isNaN(at) ? undefined : at);
    }
    const j = item - itemFirst[o]!;
    const b = book.basket;
    setInt64(idView, k, item + 1);
    setInt64(orderView, k, o + 1);
    product[k] = b.product[j]! + 1;
    quantity[k] = b.quantity[j]!;
    unit[k] = b.unitCents[j]! / 100;
    discount[k] = b.discountCents[j]! / 100;
    lineTotal[k] = b.lineCents(j) / 100;
    setInt64(orderedView, k, orderedUs[o]!);
    returned[k] = book.life.returned[j]!;
  }
  return {
    table: 'order_items',
    rows: n,
    columns: {
      order_item_id: ids,
      order_id: orderIds,
      product_id: product,
      quantity,
      unit_price: unit,
      discount,
      line_total: lineTotal,
      ordered_at: ordered,
      is_returned: returned,
    },
    validity: {},
  };
}
