/** Piscina entry point: one task = a few fact shard descriptors (never rows); returns their files. */
import { workerData } from 'node:worker_threads';
import { tapContext, type WorkerSetup, type ShardResult, writeFactShards } from '../src/run/factShard.js';
import type { FactShardPlan } from '../src/plan/tapPlan.js';
import { ParquetSink } from '../src/sink/parquetSink.js';

const setup = workerData as WorkerSetup;
const ctx = tapContext(setup);
const sink = ParquetSink.open(setup.compression, setup.rowGroupRows);

export default async function run(shards: readonly FactShardPlan[]): Promise<ShardResult[]> {
  try {
    return await writeFactShards(setup, ctx, await sink, shards);
  } catch (err) {
    throw new Error(`shards ${shards[0]?.path} … ${shards.at(-1)?.path}: ${(err as Error).message}`);
  }
}
