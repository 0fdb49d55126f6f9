/**
 * inventory_movements: a whole day built, then the shard's slice of it. The day's sales (every line
 * of its orders, at ordered_at), returns (lines of orders returned that day) and the plan's
 * restocks, releases of canceled orders, adjustments and damages, in (time, rank, reference, line)
 * order; stock_after runs on from each product's stock at the start of the day, which the plan hands over.
 */
import { type Arena, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { FactShardPlan } from '../../../plan/shards.js';
import { MOVE } from '../plan/inventoryPlan.js';
import { RANK } from '../plan/orderPass.js';
import type { ShardContext } from './shardContext.js';

/** Per worker: each product's running stock, valid where `seen` holds the current stamp. */
export class StockScratch {
  private stamp = 0;
  readonly stock: Int32Array;
  private readonly seen: Int32Array;

  constructor(products: number) {
    this.stock = new Int32Array(products);
    this.seen = new Int32Array(products);
  }

  next(): number {
    return ++this.stamp;
  }

  has(p: number): boolean {
    return this.seen[p] === this.stamp;
  }

  open(p: number, stock: number): void {
    this.seen[p] = this.stamp;
    this.stock[p] = stock;
  }
}

export function generateInventoryShard(
  ctx: ShardContext,
  scratch: StockScratch,
  shard: FactShardPlan,
  arena: Arena,
): Batch {
  const { shared, models, book } = ctx;
  const { planned, opening, returned, returnedDayFirst } = shared.inventory;
  const day = shard.day - models.calendar.window.startDay;
  const m = shard.dayRows;
  const time = arena.f64(m);
  const rank = arena.u8(m);
  const ref = arena.i32(m);
  const line = arena.i32(m);
  const product = arena.i32(m);
  const qty = arena.i32(m);
  const type = arena.u8(m);
  const orderOf = arena.i32(m);
  let c = 0;
  const add = (
    t: number,
    r: number,
    reference: number,
    j: number,
    p: number,
    q: number,
    kind: number,
    o: number,
  ) => {
    if (c === m) throw new Error(`inventory day ${shard.day}: more movements than the ${m} planned`);
    time[c] = t;
    rank[c] = r;
    ref[c] = reference;
    line[c] = j;
    product[c] = p;
    qty[c] = q;
    type[c] = kind;
    orderOf[c++] = o;
  };
  const index = shared.orders;
  for (let o = index.dayFirst[day]!; o < index.dayFirst[day + 1]!; o++) {
    const { basket } = book.load(o);
    for (let j = 0; j < basket.lines; j++)
      add(index.orderedUs[o]!, RANK.sale, o, j, basket.product[j]!, -basket.quantity[j]!, MOVE.sale, o);
  }
  for (let k = returnedDayFirst[day]!; k < returnedDayFirst[day + 1]!; k++) {
    const o = returned[k]!;
    const { basket, life } = book.load(o);
    for (let j = 0; j < basket.lines; j++)
      if (life.returned[j])
        add(life.returnedUs, RANK.return, o, j, basket.product[j]!, basket.quantity[j]!, MOVE.return, o);
  }
  for (let k = planned.dayFirst[day]!; k < planned.dayFirst[day + 1]!; k++) {
    add(
      planned.timeUs[k]!,
      planned.rank[k]!,
      planned.serial[k]!,
      0,
      planned.product[k]!,
      planned.quantity[k]!,
      planned.type[k]!,
      -1,
    );
  }
  if (c !== m) throw new Error(`inventory day ${shard.day}: ${c} movements, ${m} planned`);
  const order = arena.i32(m);
  for (let k = 0; k < m; k++) order[k] = k;
  order.sort(
    (a, b) => time[a]! - time[b]! || rank[a]! - rank[b]! || ref[a]! - ref[b]! || line[a]! - line[b]!,
  );

  // Running stock from the start of the day, for every movement up to the end of the slice.
  scratch.next();
  const lo = opening.dayFirst[day]!;
  const hi = opening.dayFirst[day + 1]!;
  const after = arena.i32(m);
  for (let k = 0; k < shard.firstRow + shard.rows; k++) {
    const e = order[k]!;
    const p = product[e]!;
    if (!scratch.has(p)) {
      let a = lo;
      let b = hi;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (opening.product[mid]! < p) a = mid + 1;
        else b = mid;
      }
      if (a === hi || opening.product[a] !== p)
        throw new Error(`inventory day ${shard.day}: no opening stock of product ${p + 1}`);
      scratch.open(p, opening.stock[a]!);
    }
    scratch.stock[p]! += qty[e]!;
    after[k] = scratch.stock[p]!;
  }

  const n = shard.rows;
  const ids = arena.i64(n);
  const productOut = arena.i32(n);
  const moved = arena.i64(n);
  const typeOut = arena.u8(n);
  const qtyOut = arena.i32(n);
  const orderIds = arena.i64(n);
  const orderOk = arena.u8(n);
  const stockOut = arena.i32(n);
  const [idView, movedView, orderView] = [ids, moved, orderIds].map(int32Pairs) as [
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  for (let k = 0; k < n; k++) {
    const e = order[shard.firstRow + k]!;
    setInt64(idView, k, shard.firstId + k);
    productOut[k] = product[e]! + 1;
    setInt64(movedView, k, time[e]!);
    typeOut[k] = type[e]!;
    qtyOut[k] = qty[e]!;
    if (orderOf[e]! >= 0) {
      setInt64(orderView, k, orderOf[e]! + 1);
      orderOk[k] = 1;
    }
    stockOut[k] = after[shard.firstRow + k]!;
  }
  return {
    table: 'inventory_movements',
    rows: n,
    columns: {
      movement_id: ids,
      product_id: productOut,
      moved_at: moved,
      movement_type: typeOut,
      quantity: qtyOut,
      order_id: orderIds,
      stock_after: stockOut,
    },
    validity: { order_id: orderOk },
  };
}
