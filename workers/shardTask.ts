/** Piscina entry point: one task = one fact shard descriptor; never rows. */
import { workerData } from 'node:worker_threads';
import { tapContext, type WorkerSetup, type ShardResult, writeFactShard } from '../src/run/factShard.js';
import type { FactShardPlan } from '../src/plan/tapPlan.js';
import { ParquetSink } from '../src/sink/parquetSink.js';

const setup = workerData as WorkerSetup;
const ctx = tapContext(setup);
const sink = ParquetSink.open(setup.compression, setup.rowGroupRows);

export default async function run(shard: FactShardPlan): Promise<ShardResult> {
  try {
    return await writeFactShard(setup, ctx, await sink, shard);
  } catch (err) {
    throw new Error(`shard ${shard.path}: ${(err as Error).message}`);
  }
}
