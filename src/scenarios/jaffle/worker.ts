/** The jaffle pack's worker side: one shard of a fact table from the shared plan (no planning code, no faker). */
import type { Arena } from '../../generate/arena.js';
import type { Batch } from '../../generate/batch.js';
import type { FactShardPlan } from '../../plan/shards.js';
import type { PackWorker, ShardGenerator } from '../../scenario/scenarioPack.js';
import { CHANGES_SUFFIX } from '../../schema/changeLog.js';
import { generateAdsShard } from './generate/adsShard.js';
import { generateChangesShard } from './generate/changesShard.js';
import { foldName } from './generate/email.js';
import { generateOrdersShard } from './generate/ordersShard.js';
import { generatePaymentsShard } from './generate/paymentsShard.js';
import { generateSessionsShard } from './generate/sessionsShard.js';
import { generateSignupsShard } from './generate/signupsShard.js';
import type { JaffleShared } from './shared.js';
import { TABLES } from './tables.js';

export function prepareJaffleWorker(shared: JaffleShared): ShardGenerator {
  const folded = shared.firstNames.map(foldName);
  return (shard: FactShardPlan, arena: Arena): Batch => {
    switch (shard.table) {
      case 'raw_signups':
        return generateSignupsShard(shared, folded, shard, arena);
      case 'raw_orders':
        return generateOrdersShard(shared, shard, arena);
      case 'raw_payments':
        return generatePaymentsShard(shared, shard, arena);
      case 'website_sessions':
        return generateSessionsShard(shared, 0, shard, arena);
      case 'app_sessions':
        return generateSessionsShard(shared, 1, shard, arena);
      case 'google_ads':
        return generateAdsShard(shared, 0, shard, arena);
      case 'facebook_ads':
        return generateAdsShard(shared, 1, shard, arena);
      case 'instagram_ads':
        return generateAdsShard(shared, 2, shard, arena);
      default:
        if (shard.table.endsWith(CHANGES_SUFFIX)) return generateChangesShard(shared, shard, arena);
        throw new Error(`no generator for fact table ${shard.table}`);
    }
  };
}

/** What each worker thread imports (`ScenarioPack.workerModule`). */
export const worker: PackWorker<JaffleShared> = { tables: TABLES, prepare: prepareJaffleWorker };
