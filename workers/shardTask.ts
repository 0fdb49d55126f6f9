/** Piscina entry point: one task = a few fact shard descriptors of one table (never rows); returns their files. */
import { workerData } from 'node:worker_threads';
import type { FactShardPlan } from '../src/plan/shards.js';
import { factContexts, type ShardResult, type WorkerSetup, writeFactShards } from '../src/run/factShard.js';
import { ParquetSink } from '../src/sink/parquetSink.js';

const setup = workerData as WorkerSetup;
const ctx = factContexts(setup);
// Opened on the first task: a DuckDB instance still opening when an idle worker is terminated aborts the process.
let sink: Promise<ParquetSink> | undefined;

export default async function run(shards: readonly FactShardPlan[]): Promise<ShardResult[]> {
  try {
    sink ??= ParquetSink.open(setup.compression, setup.rowGroupRows);
    return await writeFactShards(setup, ctx, await sink, shards);
  } catch (err) {
    throw new Error(`shards ${shards[0]?.path} … ${shards.at(-1)?.path}: ${(err as Error).message}`);
  }
}
