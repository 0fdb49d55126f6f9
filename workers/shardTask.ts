/** Piscina entry point: one task = a few fact file plans of one table (descriptors, never rows); returns the files written (and, in a spoiled run, their ground truth). */
import { workerData } from 'node:worker_threads';
import {
  type FactTask,
  type ShardMaker,
  shardMaker,
  type TaskResult,
  type WorkerSetup,
  writeFactFiles,
} from '../src/run/factShard.js';
import { ParquetSink } from '../src/sink/parquetSink.js';

const setup = workerData as WorkerSetup;
// Loaded while the main thread plans (the pool starts first); prepared on the first task, which brings the plan.
await import(setup.workerModule);
let maker: Promise<ShardMaker> | undefined;
// Opened on the first task: a DuckDB instance still opening when an idle worker is terminated aborts the process.
let sink: Promise<ParquetSink> | undefined;

export default async function run({ shared, files }: FactTask): Promise<TaskResult> {
  try {
    maker ??= shardMaker({ workerModule: setup.workerModule, shared });
    sink ??= ParquetSink.open(setup.tempDir, setup.compression, setup.rowGroupRows);
    return await writeFactFiles(setup, await maker, await sink, files);
  } catch (err) {
    throw new Error(`files ${files[0]?.path} … ${files.at(-1)?.path}: ${(err as Error).message}`);
  }
}
