/** The requested change logs' lists (shared with the workers) and their shards, one file per change day (and chunk). */
import type { Batch } from '../../../generate/batch.js';
import { shareBatch } from '../../../generate/pickRows.js';
import { shareArrays } from '../../../generate/shareArrays.js';
import { dayShards, type FactShardPlan } from '../../../plan/shards.js';
import { CHANGES_SUFFIX } from '../../../schema/changeLog.js';
import type { Config } from '../config.js';
import type { OrderBook } from '../generate/orderBook.js';
import type { Window } from '../generate/shopCalendar.js';
import type { EcommerceShared } from '../shared.js';
import { type ChangeList, customerChanges, orderChanges, productChanges } from './changePlan.js';

const diffs = (first: Int32Array) =>
  Int32Array.from({ length: first.length - 1 }, (_, i) => first[i + 1]! - first[i]!);

export function planChanges(p: {
  config: Readonly<Config>;
  seed: number;
  tables: readonly string[];
  window: Window;
  shared: EcommerceShared;
  book: OrderBook;
  dimensions: readonly Batch[];
}): {
  facts: Map<string, FactShardPlan[]>;
  shared: Pick<EcommerceShared, 'changes' | 'dimensionRows'>;
} {
  const wants = (t: string) => p.tables.includes(`${t}${CHANGES_SUFFIX}`);
  const lists: Record<string, ChangeList> = {};
  const rows: { customers?: Batch; products?: Batch } = {};
  // The dimension's rows go to the workers whole, strings as UTF-8 in shared memory.
  const share = (table: string) => shareBatch(p.dimensions.find((b) => b.table === table)!);
  if (wants('customers')) {
    lists.customers = customerChanges(p.config, p.shared.customers, p.shared.orders, p.window);
    rows.customers = share('customers');
  }
  if (wants('products')) {
    lists.products = productChanges(p.shared.products, p.window);
    rows.products = share('products');
  }
  if (wants('orders') || wants('order_items')) {
    const { orders, items } = orderChanges(p.book, p.window, p.shared.orders.itemFirst);
    if (wants('orders')) lists.orders = orders;
    if (wants('order_items')) lists.order_items = items;
  }
  const facts = new Map<string, FactShardPlan[]>();
  const changes: Record<string, ChangeList> = {};
  for (const [table, list] of Object.entries(lists)) {
    const name = `${table}${CHANGES_SUFFIX}`;
    changes[name] = shareArrays(list);
    facts.set(
      name,
      dayShards(name, diffs(list.dayFirst), p.window.startDay, p.config.shard_rows, p.seed, 'chunk'),
    );
  }
  return { facts, shared: { changes, dimensionRows: rows } };
}
