/**
 * A change log's shard (`--changes`): changes [firstRow, firstRow + rows) of a day, each the changed
 * row as of the change: a customer's or product's row with its new segment or is_active, an order
 * or item rebuilt as of the instant after the change.
 */
import { type Arena, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import { pickRows } from '../../../generate/pickRows.js';
import type { FactShardPlan } from '../../../plan/shards.js';
import { CHANGES_SUFFIX } from '../../../schema/changeLog.js';
import { itemRows } from './orderItemsShard.js';
import { orderRows } from './ordersShard.js';
import type { ShardContext } from './shardContext.js';

export function generateChangesShard(ctx: ShardContext, shard: FactShardPlan, arena: Arena): Batch {
  const list = ctx.shared.changes[shard.table];
  if (!list) throw new Error(`no changes planned for ${shard.table}`);
  const n = shard.rows;
  const first = list.dayFirst[shard.day - ctx.models.calendar.window.startDay]! + shard.firstRow;
  const entity = (k: number) => list.entity[first + k]!;
  const now = (k: number) => list.atUs[first + k]! + 1;
  const table = shard.table.slice(0, -CHANGES_SUFFIX.length);
  let rows: Batch;
  if (table === 'orders') rows = orderRows(ctx, n, entity, now, arena);
  else if (table === 'order_items') rows = itemRows(ctx, n, entity, now, arena);
  else {
    const source = ctx.shared.dimensionRows[table as 'customers' | 'products']!;
    rows = pickRows(source, list.entity.subarray(first, first + n), n, arena);
    // Copied out of shared memory: the sink hands DuckDB plain buffers only.
    const state = arena.u8(n);
    state.set(list.state.subarray(first, first + n));
    if (table === 'customers') rows = { ...rows, columns: { ...rows.columns, segment: state } };
    else {
      // A product discontinued by then: is_active false and its discontinued_at (the only change a product has).
      const gone = arena.i64(n);
      const goneView = int32Pairs(gone);
      const ok = arena.u8(n);
      const { discontinuedUs } = ctx.shared.products;
      for (let k = 0; k < n; k++) {
        if (state[k]) continue;
        setInt64(goneView, k, discontinuedUs[entity(k)]!);
        ok[k] = 1;
      }
      rows = {
        ...rows,
        columns: { ...rows.columns, is_active: state, discontinued_at: gone },
        validity: { ...rows.validity, discontinued_at: ok },
      };
    }
  }
  const op = arena.u8(n);
  op.set(list.op.subarray(first, first + n));
  const changedAt = arena.i64(n);
  const changedView = int32Pairs(changedAt);
  for (let k = 0; k < n; k++) setInt64(changedView, k, list.atUs[first + k]!);
  return {
    table: shard.table,
    rows: n,
    columns: { op, changed_at: changedAt, ...rows.columns },
    validity: rows.validity,
  };
}
