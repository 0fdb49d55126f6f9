/** raw_payments: each order's one or two payments, in order id order, with the order's time. */
import type { Arena } from '../../../generate/arena.js';
import { int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { FactShardPlan } from '../../../plan/shards.js';
import type { JaffleShared } from '../shared.js';
import { firstRowOf } from './shardRows.js';

export function generatePaymentsShard(shared: JaffleShared, shard: FactShardPlan, arena: Arena): Batch {
  const p = shared.payments;
  const n = shard.rows;
  const from = firstRowOf(shard);
  const id = arena.i64(n);
  const order = arena.i64(n);
  const method = arena.u8(n);
  const amount = arena.i32(n);
  const date = arena.i64(n);
  const [idView, orderView, dateView] = [id, order, date].map(int32Pairs) as [
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  for (let k = 0; k < n; k++) {
    const i = from + k;
    const o = p.order[i]!;
    setInt64(idView, k, i + 1);
    setInt64(orderView, k, o + 1);
    method[k] = p.method[i]!;
    amount[k] = p.cents[i]!;
    setInt64(dateView, k, shared.orders.time[o]!);
  }
  return {
    table: 'raw_payments',
    rows: n,
    columns: { id, order_id: order, payment_method: method, amount, order_date: date },
    validity: {},
  };
}
