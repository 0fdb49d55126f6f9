/**
 * raw_orders: each order's status as of the end of the window, from its lifecycle (hours to ship, to
 * deliver, and for a few completed orders to a return request and the refund), drawn from the shard's
 * stream: a day's shard and stream stay the same when the window grows, so an order keeps its
 * lifecycle and only its status moves on.
 */

import type { Arena } from '../../../generate/arena.js';
import { int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { FactShardPlan } from '../../../plan/shards.js';
import { Stream } from '../../../rng/stream.js';
import { MICROS_PER_HOUR } from '../../../time/calendar.js';
import type { JaffleShared } from '../shared.js';
import { STATUSES } from '../vocabulary.js';
import { firstRowOf } from './shardRows.js';

const [PLACED, SHIPPED, COMPLETED, RETURN_PENDING, RETURNED] = STATUSES.map((_, i) => i) as [
  number,
  number,
  number,
  number,
  number,
];

/** When an order reaches each stage (µs), drawn from its shard's stream in row order (five draws). */
export class OrderLife {
  shipped = 0;
  completed = 0;
  returns = false;
  pending = 0;
  returned = 0;

  draw(rng: Stream, life: JaffleShared['lifecycle'], placed: number): this {
    const hours = ([lo, hi]: readonly [number, number]) => (lo + rng.next() * (hi - lo)) * MICROS_PER_HOUR;
    this.shipped = placed + hours(life.ship);
    this.completed = this.shipped + hours(life.deliver);
    this.returns = rng.next() < life.returnShare;
    this.pending = this.completed + hours(life.returnAfter);
    this.returned = this.pending + hours(life.refundAfter);
    return this;
  }

  /** The status as of `now`: a stage is reached at its time. */
  statusAt(now: number): number {
    return this.returns && this.returned <= now
      ? RETURNED
      : this.returns && this.pending <= now
        ? RETURN_PENDING
        : this.completed <= now
          ? COMPLETED
          : this.shipped <= now
            ? SHIPPED
            : PLACED;
  }
}

export function generateOrdersShard(shared: JaffleShared, shard: FactShardPlan, arena: Arena): Batch {
  const o = shared.orders;
  const n = shard.rows;
  const from = firstRowOf(shard);
  const id = arena.i64(n);
  const user = arena.i32(n);
  const date = arena.i64(n);
  const status = arena.u8(n);
  const [idView, dateView] = [int32Pairs(id), int32Pairs(date)] as [Int32Array, Int32Array];
  const rng = new Stream(shard.state, 0);
  const life = new OrderLife();
  for (let k = 0; k < n; k++) {
    const i = from + k;
    const placed = o.time[i]!;
    setInt64(idView, k, i + 1);
    user[k] = o.customer[i]!;
    setInt64(dateView, k, placed);
    status[k] = life.draw(rng, shared.lifecycle, placed).statusAt(shared.endUs);
  }
  return {
    table: 'raw_orders',
    rows: n,
    columns: { id, user_id: user, order_date: date, status },
    validity: {},
  };
}
