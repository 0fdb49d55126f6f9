/**
 * jaffle's change logs (`--changes`): each customer's insert at signup (the window's start for the
 * opening base), and each order's insert when placed and its status moves (shipped, completed, a
 * return requested, refunded), from the same lifecycle draws raw_orders makes. A stage reached at
 * time x counts from the first whole µs c with x ≤ c + 1, as raw_orders' `≤ now` counts it.
 */
import type { Batch } from '../../../generate/batch.js';
import { type ChangeList, Changes } from '../../../generate/changeList.js';
import { shareBatch } from '../../../generate/pickRows.js';
import { shareArrays } from '../../../generate/shareArrays.js';
import { dayShards, type FactShardPlan } from '../../../plan/shards.js';
import { Stream } from '../../../rng/stream.js';
import { CHANGES_SUFFIX } from '../../../schema/changeLog.js';
import { OrderLife } from '../generate/ordersShard.js';
import { firstRowOf } from '../generate/shardRows.js';
import type { JaffleShared } from '../shared.js';

interface Window {
  readonly startDay: number;
  readonly days: number;
  readonly startUs: number;
  readonly endUs: number;
}

const diffs = (first: Int32Array) =>
  Int32Array.from({ length: first.length - 1 }, (_, i) => first[i + 1]! - first[i]!);

function orderChanges(
  shared: JaffleShared,
  orderShards: readonly FactShardPlan[],
  window: Window,
): ChangeList {
  const out = new Changes(window.startDay, window.days, window.endUs);
  const life = new OrderLife();
  const stages = new Float64Array(4);
  for (const shard of orderShards) {
    const rng = new Stream(shard.state, 0);
    const from = firstRowOf(shard);
    for (let k = 0; k < shard.rows; k++) {
      const i = from + k;
      const placed = shared.orders.time[i]!;
      life.draw(rng, shared.lifecycle, placed);
      out.at(i, placed, life.statusAt(placed + 1));
      stages[0] = life.shipped;
      stages[1] = life.completed;
      stages[2] = life.returns ? life.pending : Number.POSITIVE_INFINITY;
      stages[3] = life.returns ? life.returned : Number.POSITIVE_INFINITY;
      for (const x of stages) {
        const c = Math.max(placed, Math.ceil(x) - 1);
        if (c >= window.endUs) break;
        out.at(i, c, life.statusAt(c + 1));
      }
    }
  }
  return out.list();
}

export function planChanges(p: {
  tables: readonly string[];
  window: Window;
  shared: JaffleShared;
  orderShards: () => FactShardPlan[];
  customers: Batch;
  seed: number;
  shardRows: number;
}): { facts: Map<string, FactShardPlan[]>; shared: Pick<JaffleShared, 'changes' | 'customerRows'> } {
  const lists: Record<string, ChangeList> = {};
  let customerRows: Batch | undefined;
  if (p.tables.includes(`raw_customers${CHANGES_SUFFIX}`)) {
    const out = new Changes(p.window.startDay, p.window.days, p.window.endUs);
    const signup = p.shared.customers.signupUs;
    for (let i = 0; i < signup.length; i++) out.at(i, Math.max(Math.floor(signup[i]!), p.window.startUs), 0);
    lists.raw_customers = out.list();
    customerRows = shareBatch(p.customers);
  }
  if (p.tables.includes(`raw_orders${CHANGES_SUFFIX}`))
    lists.raw_orders = orderChanges(p.shared, p.orderShards(), p.window);
  const facts = new Map<string, FactShardPlan[]>();
  const changes: Record<string, ChangeList> = {};
  for (const [table, list] of Object.entries(lists)) {
    const name = `${table}${CHANGES_SUFFIX}`;
    changes[name] = shareArrays(list);
    facts.set(name, dayShards(name, diffs(list.dayFirst), p.window.startDay, p.shardRows, p.seed, 'chunk'));
  }
  return { facts, shared: { changes, ...(customerRows ? { customerRows } : {}) } };
}
