/** Worker-side: generate fact shards with the run's pack, wrap them as Arrow, write them as Parquet files. */
import { join } from 'node:path';
import { toRecordBatch } from '../arrow/toRecordBatch.js';
import { Arena } from '../generate/arena.js';
import type { FactFilePlan } from '../plan/files.js';
import type { FileNote } from '../quality/issues.js';
import { isSpoiled } from '../quality/planSpoils.js';
import type { QualitySlots } from '../quality/slots.js';
import type { PackWorker, ShardGenerator } from '../scenario/scenarioPack.js';
import { findTable } from '../schema/tableSpec.js';
import type { Compression, ParquetSink } from '../sink/parquetSink.js';
import { writeSpoiled } from './spoiledWrite.js';

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
  /** A spoiled run's slots per table (`--quality`); absent for a clean run. */
  readonly quality?: QualitySlots;
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

/** What a task wrote, and in a spoiled run what each of its files adds to the ground truth. */
export interface TaskResult {
  readonly files: FileResult[];
  readonly notes: FileNote[];
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
 * previous one by then, so a worker holds one shard's columns whatever the file or task size. A
 * spoiled run's files take two passes and hold the task's spoiled shards (spoiledWrite.ts).
 */
export async function writeFactFiles(
  setup: WorkerSetup,
  maker: ShardMaker,
  sink: ParquetSink,
  files: readonly FactFilePlan[],
): Promise<TaskResult> {
  const spec = findTable(maker.pack.tables, files[0]!.table);
  const make = (shard: FactFilePlan['shards'][number]) => () => {
    maker.arena.reset();
    return maker.generate(shard, maker.arena);
  };
  if (setup.quality && files.every(isSpoiled)) {
    const { written, notes } = await writeSpoiled(
      sink,
      spec,
      setup.quality[spec.name]!,
      files.map((file) => ({
        path: file.path,
        dest: join(setup.destDir, file.path),
        partition: file.partition,
        day: file.shards[0]!.day,
        shards: file.shards.map((shard, j) => ({
          rows: shard.rows,
          spoil: file.spoils[j]!,
          make: make(shard),
        })),
      })),
    );
    return {
      files: [...written].map(([i, w]) => ({
        path: files[i]!.path,
        table: spec.name,
        rows: w.rows,
        bytes: w.bytes,
        sha256: w.sha256,
      })),
      notes,
    };
  }
  const written = await sink.write(
    files.map((file) => ({
      parts: file.shards.map((shard) => ({
        rows: shard.rows,
        make: () => toRecordBatch(spec, make(shard)()),
      })),
      path: join(setup.destDir, file.path),
    })),
  );
  return {
    files: written.map((w, i) => ({
      path: files[i]!.path,
      table: files[i]!.table,
      rows: files[i]!.rows,
      ...w,
    })),
    notes: [],
  };
}
