/** The ecommerce pack's worker side: its models built once per worker from the shared setup, and one shard's generation. */
import type { Arena } from '../../generate/arena.js';
import type { Batch } from '../../generate/batch.js';
import type { FactShardPlan } from '../../plan/shards.js';
import type { PackWorker, ShardGenerator } from '../../scenario/scenarioPack.js';
import { CHANGES_SUFFIX } from '../../schema/changeLog.js';
import { generateChangesShard } from './generate/changesShard.js';
import { generateClickstreamShard } from './generate/clickstreamShard.js';
import { generateInventoryShard, StockScratch } from './generate/inventoryShard.js';
import { buildModels } from './generate/models.js';
import { OrderBook } from './generate/orderBook.js';
import { generateOrderItemsShard } from './generate/orderItemsShard.js';
import { generateOrdersShard } from './generate/ordersShard.js';
import { generateReviewsShard, ReviewDraws } from './generate/reviewsShard.js';
import { ReviewText } from './generate/reviewText.js';
import { Session } from './generate/session.js';
import { generateSessionsShard } from './generate/sessionsShard.js';
import type { ShardContext } from './generate/shardContext.js';
import { pageUrls } from './generate/urls.js';
import type { EcommerceShared } from './shared.js';
import { TABLES } from './tables.js';

export function prepareEcommerceWorker(shared: EcommerceShared): ShardGenerator {
  const models = buildModels(
    shared.config,
    shared.seed,
    shared.customers,
    shared.products,
    shared.sessions.dayFirst,
  );
  const book = new OrderBook(shared.orders, models.sessions, models.baskets, models.terms, shared.customers);
  const ctx: ShardContext = { shared, models, book, urls: pageUrls(shared.products), session: new Session() };
  const stock = new StockScratch(shared.products.count);
  const reviews = new ReviewDraws(ctx, new ReviewText());
  return (shard: FactShardPlan, arena: Arena): Batch => {
    switch (shard.table) {
      case 'sessions':
        return generateSessionsShard(ctx, shard, arena);
      case 'clickstream_events':
        return generateClickstreamShard(ctx, shard, arena);
      case 'orders':
        return generateOrdersShard(ctx, shard, arena);
      case 'order_items':
        return generateOrderItemsShard(ctx, shard, arena);
      case 'inventory_movements':
        return generateInventoryShard(ctx, stock, shard, arena);
      case 'reviews':
        return generateReviewsShard(ctx, reviews, shard, arena);
      default:
        if (shard.table.endsWith(CHANGES_SUFFIX)) return generateChangesShard(ctx, shard, arena);
        throw new Error(`no generator for fact table ${shard.table}`);
    }
  };
}

/** What each worker thread imports (`ScenarioPack.workerModule`): no planning code. */
export const worker: PackWorker<EcommerceShared> = { tables: TABLES, prepare: prepareEcommerceWorker };
