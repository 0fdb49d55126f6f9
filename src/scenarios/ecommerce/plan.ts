/**
 * The ecommerce pack's main-thread plan: customers and products, then every session derived once
 * (conversions, web orders, event counts per quarter hour), every order in time order, one pass
 * over the orders (items, sales, returns, reviews, orders per customer → segments), the inventory
 * walk and the reviews, each fact table's shards, and the expected answers.
 */

import type { Batch } from '../../generate/batch.js';
import { shareArrays } from '../../generate/shareArrays.js';
import type { Steps } from '../../generate/steps.js';
import { dayShards, type FactShardPlan } from '../../plan/shards.js';
import type { PlanRequest, ScenarioPlan } from '../../scenario/scenarioPack.js';
import type { Config } from './config.js';
import { generateCustomers, segmentsOf } from './generate/customers.js';
import { buildModels } from './generate/models.js';
import { OrderBook } from './generate/orderBook.js';
import { generateProducts } from './generate/products.js';
import { ShopCalendar, windowOf } from './generate/shopCalendar.js';
import { planChanges } from './plan/changes.js';
import { clickstreamShards } from './plan/clickstreamShards.js';
import { expectedAnswers } from './plan/expected.js';
import { planInventory } from './plan/inventoryPlan.js';
import { passOrders } from './plan/orderPass.js';
import { planOrders } from './plan/orderPlan.js';
import { planReviews } from './plan/reviewPlan.js';
import { planSessions, sessionDays } from './plan/sessionPlan.js';
import type { EcommerceShared } from './shared.js';
import { WEB } from './vocabulary.js';

const diffs = (first: ArrayLike<number>, at: (i: number) => number = (i) => first[i]!) =>
  Int32Array.from({ length: first.length - 1 }, (_, i) => at(i + 1) - at(i));

/** Index of the first entry of each day of `times` (ascending), days + 1 entries. */
function dayFirstOf(times: ArrayLike<number>, startDay: number, days: number): Int32Array {
  const out = new Int32Array(days + 1);
  for (let k = 0; k < times.length; k++) out[Math.floor(times[k]! / 86_400_000_000) - startDay + 1]!++;
  for (let i = 0; i < days; i++) out[i + 1]! += out[i]!;
  return out;
}

/** A generator: the event loop gets a turn between stages, so a stop signal is handled during planning. */
export function* planEcommerce({
  config,
  seed,
  scale,
  tables,
}: PlanRequest<Config>): Steps<ScenarioPlan<EcommerceShared>> {
  const window = windowOf(config);
  const calendar = new ShopCalendar(config, window);
  const customers = generateCustomers(config, seed, scale, calendar);
  const products = generateProducts(config, seed, scale, window);
  const customerView = shareArrays(customers.view);
  const productView = shareArrays(products.view);
  yield;
  const sessionFirst = shareArrays({
    dayFirst: sessionDays(config.sessions.per_day * scale, calendar),
  }).dayFirst;
  const models = buildModels(config, seed, customerView, productView, sessionFirst);
  const sessions = planSessions(models.sessions, sessionFirst, calendar);
  yield;
  const index = planOrders(config, seed, scale, calendar, customerView, sessions);
  const book = new OrderBook(index, models.sessions, models.baskets, models.terms, customerView);
  const pass = passOrders(config, seed, book, customerView.count, window);
  yield;
  const inventory = planInventory(config, seed, scale, productView, window, pass.movements);
  const reviews = planReviews(config, seed, calendar, pass.reviews);

  // The order each converting session placed.
  const convertedOrder = new Int32Array(sessions.converted.length);
  for (let o = 0; o < index.count; o++) {
    if (index.channel[o] !== WEB) continue;
    let lo = 0;
    let hi = sessions.converted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sessions.converted[mid]! < index.key[o]!) lo = mid + 1;
      else hi = mid;
    }
    convertedOrder[lo] = o;
  }
  const returnedUs = Float64Array.from(pass.returnedOrders, (o) => book.load(o).life.returnedUs);
  const shared: EcommerceShared = {
    config,
    seed,
    customers: customerView,
    products: productView,
    sessions: shareArrays({
      dayFirst: sessionFirst,
      eventBuckets: sessions.eventBuckets,
      converted: sessions.converted,
      convertedOrder,
    }),
    orders: shareArrays({ ...index, itemFirst: pass.itemFirst }),
    inventory: {
      planned: shareArrays(inventory.planned),
      opening: shareArrays(inventory.opening),
      ...shareArrays({
        returned: pass.returnedOrders,
        returnedDayFirst: dayFirstOf(returnedUs, window.startDay, window.days),
      }),
    },
    reviews: shareArrays(reviews),
    changes: {},
    dimensionRows: {},
  };

  const shardRows = config.shard_rows;
  const movementsPerDay = Int32Array.from(inventory.perDay, (x, i) => x + pass.movementsPerDay[i]!);
  const perDay: Record<string, () => FactShardPlan[]> = {
    sessions: () => dayShards('sessions', diffs(sessionFirst), window.startDay, shardRows, seed, 'chunk'),
    clickstream_events: () =>
      clickstreamShards(sessions.eventBuckets, window.startDay, window.days, shardRows, seed),
    orders: () => dayShards('orders', diffs(index.dayFirst), window.startDay, shardRows, seed, 'chunk'),
    order_items: () =>
      dayShards(
        'order_items',
        diffs(index.dayFirst, (i) => pass.itemFirst[index.dayFirst[i]!]!),
        window.startDay,
        shardRows,
        seed,
        'chunk',
      ),
    inventory_movements: () =>
      dayShards('inventory_movements', movementsPerDay, window.startDay, shardRows, seed, 'day'),
    reviews: () => dayShards('reviews', diffs(reviews.dayFirst), window.startDay, shardRows, seed, 'chunk'),
  };
  const facts = new Map<string, FactShardPlan[]>();
  for (const [table, make] of Object.entries(perDay))
    if (tables.includes(table)) {
      yield;
      facts.set(table, make());
    }

  const segment = segmentsOf(config, customerView, pass.ordersPerCustomer, window.endUs);
  const dimensions: Batch[] = [
    {
      table: 'customers',
      rows: customerView.count,
      columns: { ...customers.columns, segment },
      validity: {},
    },
    products.batch,
  ];
  yield;
  const logs = planChanges({ config, seed, tables, window, shared, book, dimensions });
  for (const [table, shards] of logs.facts) facts.set(table, shards);
  return {
    dimensions,
    shared: { ...shared, ...logs.shared },
    facts,
    expected: expectedAnswers(
      config,
      window,
      customerView.count,
      productView.count,
      sessions,
      pass.stats,
      inventory.restocks,
    ),
  };
}
