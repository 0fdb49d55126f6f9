/** Worker-side: generate fact shards with the run's pack, wrap them as Arrow, write them as Parquet files. */
import { join } from 'node:path';
import { toRecordBatch } from '../arrow/toRecordBatch.js';
import { Arena } from '../generate/arena.js';
import type { FactFilePlan } from '../plan/files.js';
import type { PackWorker, ShardGenerator } from '../scenario/scenarioPack.js';
import { findTable } from '../schema/tableSpec.js';
import type { Compression, ParquetSink } from '../sink/parquetSink.js';

/** Sent once to each worker when the pool starts, before the plan exists. */
export interface WorkerSetup {
  /** URL of the pack's worker module (`ScenarioPack.workerModule`), which exports `worker`. */
  readonly workerModule: string;
  /** Where the files go (the output folder, or an append's staging folder), by their relative paths. */
  readonly destDir: string;
  /** The output folder's temporaries (`<out>/_tmp`): on the destination's file system. */
  readonly tempDir: string;
  readonly compression: Compression;
  readonly rowGroupRows: number;
}

/**
 * One task: the pack's setup for its workers (`ScenarioPlan.shared`: SharedArrayBuffers inside are
 * shared, not copied; a worker prepares from the first one it gets) and a few files of one table.
 */
export interface FactTask {
  readonly shared: unknown;
  readonly files: readonly FactFilePlan[];
}

export interface FileResult {
  readonly path: string;
  readonly table: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** A worker's means of making shards: the pack's worker side, its prepared generator and the column arena. */
export interface ShardMaker {
  readonly pack: PackWorker;
  readonly generate: ShardGenerator;
  /** Column memory of the shard being written, reused by the next one. */
  readonly arena: Arena;
}

export async function shardMaker(setup: { workerModule: string; shared: unknown }): Promise<ShardMaker> {
  const pack = ((await import(setup.workerModule)) as { worker: PackWorker }).worker;
  return { pack, generate: pack.prepare(setup.shared), arena: new Arena() };
}

/**
 * Writes a task's files (all of one table) in one sink call. Each shard is generated only when
 * DuckDB reaches it, into the worker's arena, which the next shard reuses: DuckDB has copied the
 * previous one by then, so a worker holds one shard's columns whatever the file or task size.
 */
export async function writeFactFiles(
  setup: WorkerSetup,
  maker: ShardMaker,
  sink: ParquetSink,
  files: readonly FactFilePlan[],
): Promise<FileResult[]> {
  const written = await sink.write(
    files.map((file) => {
      const spec = findTable(maker.pack.tables, file.table);
      return {
        parts: file.shards.map((shard) => ({
          rows: shard.rows,
          make: () => {
            maker.arena.reset();
            return toRecordBatch(spec, maker.generate(shard, maker.arena));
          },
        })),
        path: join(setup.destDir, file.path),
      };
    }),
  );
  return written.map((w, i) => ({
    path: files[i]!.path,
    table: files[i]!.table,
    rows: files[i]!.rows,
    ...w,
  }));
}
