/** Piscina entry point: one task = a few fact file plans of one table (descriptors, never rows); returns the files written. */
import { workerData } from 'node:worker_threads';
import type { FactFilePlan } from '../src/plan/files.js';
import { type FileResult, shardMaker, type WorkerSetup, writeFactFiles } from '../src/run/factShard.js';
import { tempRoot } from '../src/run/temporaries.js';
import { ParquetSink } from '../src/sink/parquetSink.js';

const setup = workerData as WorkerSetup;
const maker = await shardMaker(setup);
// Opened on the first task: a DuckDB instance still opening when an idle worker is terminated aborts the process.
let sink: Promise<ParquetSink> | undefined;

export default async function run(files: readonly FactFilePlan[]): Promise<FileResult[]> {
  try {
    sink ??= ParquetSink.open(tempRoot(setup.outDir), setup.compression, setup.rowGroupRows);
    return await writeFactFiles(setup, maker, await sink, files);
  } catch (err) {
    throw new Error(`files ${files[0]?.path} … ${files.at(-1)?.path}: ${(err as Error).message}`);
  }
}
