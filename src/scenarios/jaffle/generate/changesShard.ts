/** A change log's shard (`--changes`): changes [firstRow, firstRow + rows) of a day, each the row after the change. */
import { type Arena, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import { pickRows } from '../../../generate/pickRows.js';
import type { FactShardPlan } from '../../../plan/shards.js';
import type { JaffleShared } from '../shared.js';

export function generateChangesShard(shared: JaffleShared, shard: FactShardPlan, arena: Arena): Batch {
  const list = shared.changes[shard.table];
  if (!list) throw new Error(`no changes planned for ${shard.table}`);
  const n = shard.rows;
  const first = list.dayFirst[shard.day - Math.floor(shared.startUs / 86_400_000_000)]! + shard.firstRow;
  const entity = list.entity.subarray(first, first + n);
  let rows: Batch['columns'];
  if (shard.table === 'raw_customers_changes')
    rows = pickRows(shared.customerRows!, entity, n, arena).columns;
  else {
    const id = arena.i64(n);
    const user = arena.i32(n);
    const date = arena.i64(n);
    // Copied out of shared memory: the sink hands DuckDB plain buffers only.
    const status = arena.u8(n);
    status.set(list.state.subarray(first, first + n));
    const [idView, dateView] = [int32Pairs(id), int32Pairs(date)] as [Int32Array, Int32Array];
    for (let k = 0; k < n; k++) {
      const i = entity[k]!;
      setInt64(idView, k, i + 1);
      user[k] = shared.orders.customer[i]!;
      setInt64(dateView, k, shared.orders.time[i]!);
    }
    rows = { id, user_id: user, order_date: date, status };
  }
  const op = arena.u8(n);
  op.set(list.op.subarray(first, first + n));
  const changedAt = arena.i64(n);
  const changedView = int32Pairs(changedAt);
  for (let k = 0; k < n; k++) setInt64(changedView, k, list.atUs[first + k]!);
  return { table: shard.table, rows: n, columns: { op, changed_at: changedAt, ...rows }, validity: {} };
}
