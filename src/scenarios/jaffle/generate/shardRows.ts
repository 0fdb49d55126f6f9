/** Where a day shard's rows start among its table's rows: ids run 1..N in day order, so row = id − 1. */
import type { FactShardPlan } from '../../../plan/shards.js';

export const firstRowOf = (shard: FactShardPlan): number => shard.firstId - 1;
