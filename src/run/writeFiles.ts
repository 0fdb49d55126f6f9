/**
 * Writes a plan's files: dimensions on this thread with its own sink, fact files by a Piscina pool
 * in tasks of consecutive files, each file journaled when finished. Shared by a run and an append;
 * which files to write and where to put them is theirs to say.
 */
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { toRecordBatch } from '../arrow/toRecordBatch.js';
import { InterruptedError } from '../errors.js';
import type { Batch } from '../generate/batch.js';
import { type FactFilePlan, groupTasks, taskRowsFor } from '../plan/files.js';
import type { NoteLog } from '../quality/notes.js';
import { dimensionSpoil } from '../quality/planSpoils.js';
import type { QualitySlots } from '../quality/slots.js';
import type { ScenarioPack } from '../scenario/scenarioPack.js';
import { findTable } from '../schema/tableSpec.js';
import { type Compression, ParquetSink, ready } from '../sink/parquetSink.js';
import type { FactTask, FileResult, TaskResult, WorkerSetup } from './factShard.js';
import type { Journal } from './journal.js';
import type { Progress } from './progress.js';
import { writeSpoiled } from './spoiledWrite.js';
import { tempDirOf } from './temporaries.js';

export interface TableSummary {
  readonly table: string;
  readonly rows: number;
  readonly files: number;
  readonly bytes: number;
  readonly seconds: number;
  /** Files kept from an interrupted run (or, in an append, from earlier increments). */
  readonly reused: number;
}

export const INTERRUPTED = 'no partial file was kept. Run the same command again to resume where it stopped.';

const WORKER_FILE = new URL('../../workers/shardTask.js', import.meta.url);
/**
 * A worker's garbage is small short-lived objects (DuckDB chunk handles, Arrow wrappers); V8's default
 * young generation lets ~40 MB of it pile up per worker before a scavenge. 8 MB: 1x tap_events peak
 * RSS 402 → 366 MiB at the same speed (medians of 4 alternated runs).
 */
const WORKER_YOUNG_GENERATION_MB = 8;

export interface PoolOptions {
  readonly pack: ScenarioPack;
  readonly outDir: string;
  /** Where files go: the output folder, or an append's staging folder inside it. */
  readonly destDir: string;
  /** Where temporaries go, under `<out>/_tmp/` (default: that folder itself). */
  readonly tempDir?: string;
  readonly workers: number;
  readonly tables: readonly string[];
  readonly compression: Compression;
  readonly rowGroupRows: number;
  /** A spoiled run's slots per table (`--quality`). */
  readonly qualitySlots?: QualitySlots;
}

/**
 * The worker pool for the fact tables (none when no fact table is asked for). Started before the
 * plan: the workers load their modules while this thread plans (the plan reaches them with each task).
 */
export function startPool(opts: PoolOptions): Piscina | undefined {
  if (!opts.tables.some((t) => findTable(opts.pack.tables, t).kind === 'fact')) return undefined;
  const setup: WorkerSetup = {
    workerModule: opts.pack.workerModule,
    destDir: opts.destDir,
    tempDir: tempDirOf(opts),
    compression: opts.compression,
    rowGroupRows: opts.rowGroupRows,
    ...(opts.qualitySlots ? { quality: opts.qualitySlots } : {}),
  };
  return new Piscina({
    filename: WORKER_FILE.href,
    workerData: setup,
    minThreads: opts.workers,
    maxThreads: opts.workers,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
}

function summarize(
  table: string,
  files: readonly FileResult[],
  seconds: number,
  reused: number,
): TableSummary {
  return {
    table,
    rows: files.reduce((a, f) => a + f.rows, 0),
    files: files.length,
    bytes: files.reduce((a, f) => a + f.bytes, 0),
    seconds,
    reused,
  };
}

/**
 * Runs tasks with at most `inFlight` queued at once. On abort no new task starts, and the running
 * ones finish: terminating a worker in the middle of a DuckDB write would abort the whole process.
 */
async function runTasks(
  pool: Piscina,
  shared: unknown,
  tasks: readonly (readonly FactFilePlan[])[],
  inFlight: number,
  signal: AbortSignal | undefined,
  onDone: (result: TaskResult) => void,
): Promise<FileResult[][]> {
  const results: FileResult[][] = new Array(tasks.length);
  let next = 0;
  let failure: unknown;
  const lane = async () => {
    while (next < tasks.length && !signal?.aborted && failure === undefined) {
      const i = next++;
      try {
        const task: FactTask = { shared, files: tasks[i]! };
        const result = (await pool.run(task)) as TaskResult;
        results[i] = result.files;
        onDone(result);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, tasks.length) }, lane));
  if (failure !== undefined) throw failure;
  if (signal?.aborted) throw new InterruptedError(INTERRUPTED);
  return results;
}

export interface WriteRequest {
  /** Dimension batches to write (each one file, `<table>/part-00000.parquet`). */
  readonly dimensions: readonly Batch[];
  /** Fact files to write, by table. */
  readonly facts: ReadonlyMap<string, readonly FactFilePlan[]>;
  /** The plan's shared worker setup. */
  readonly shared: unknown;
  /** Files already in place with the right bytes (a resume's): kept, not written. */
  readonly kept: ReadonlyMap<string, FileResult>;
  readonly journal: Journal;
  readonly progress: Progress;
  readonly signal?: AbortSignal;
  /** A spoiled run: each file's note goes to the log before the file is journaled. */
  readonly quality?: { readonly seed: number; readonly notes: NoteLog };
}

export const dimensionPath = (table: string) => `${table}/part-00000.parquet`;

export async function writeFiles(
  opts: PoolOptions,
  pool: Piscina | undefined,
  req: WriteRequest,
): Promise<{ files: FileResult[]; tables: TableSummary[] }> {
  const results: FileResult[] = [];
  const summaries: TableSummary[] = [];
  const sink = await ParquetSink.open(tempDirOf(opts), opts.compression, opts.rowGroupRows);
  try {
    for (const batch of req.dimensions) {
      const t0 = performance.now();
      const path = dimensionPath(batch.table);
      let result = req.kept.get(path);
      if (!result) {
        req.journal.intend([path]);
        const spec = findTable(opts.pack.tables, batch.table);
        if (req.quality && opts.qualitySlots) {
          const slots = opts.qualitySlots[batch.table]!;
          const { written, notes } = await writeSpoiled(sink, spec, slots, [
            {
              path,
              dest: join(opts.destDir, path),
              partition: null,
              shards: [
                {
                  rows: batch.rows,
                  spoil: dimensionSpoil(req.quality.seed, opts.qualitySlots, batch),
                  make: () => batch,
                },
              ],
            },
          ]);
          req.quality.notes.append(notes);
          const file = written.get(0);
          result = file && {
            path,
            table: batch.table,
            rows: file.rows,
            bytes: file.bytes,
            sha256: file.sha256,
          };
        } else {
          const [file] = await sink.write([
            { parts: [ready(toRecordBatch(spec, batch))], path: join(opts.destDir, path) },
          ]);
          result = { path, table: batch.table, rows: batch.rows, ...file! };
        }
        if (result) req.journal.record([result]);
      }
      if (!result) continue;
      results.push(result);
      summaries.push(
        summarize(batch.table, [result], (performance.now() - t0) / 1000, req.kept.has(path) ? 1 : 0),
      );
    }
  } finally {
    sink.close();
  }
  if (req.signal?.aborted) throw new InterruptedError(INTERRUPTED);

  for (const [table, planned] of req.facts) {
    const t0 = performance.now();
    const kept = planned.flatMap((f) => req.kept.get(f.path) ?? []);
    const todo = planned.filter((f) => !req.kept.has(f.path));
    const total = planned.reduce((a, f) => a + f.rows, 0);
    req.progress.start(
      table,
      total,
      kept.reduce((a, f) => a + f.rows, 0),
    );
    const tasks = groupTasks(todo, taskRowsFor(total));
    // Every file of the table is noted before any is written: a crash can leave finished but
    // unjournaled files, which a resume may replace only because the journal names them.
    req.journal.intend(todo.map((f) => f.path));
    const done = tasks.length
      ? await runTasks(pool!, req.shared, tasks, opts.workers * 2, req.signal, ({ files, notes }) => {
          req.quality?.notes.append(notes);
          req.journal.record(files);
          req.progress.advance(files.reduce((a, f) => a + f.rows, 0));
        })
      : [];
    req.progress.finish();
    const files = [...kept, ...done.flat()];
    results.push(...files);
    summaries.push(summarize(table, files, (performance.now() - t0) / 1000, kept.length));
  }
  return { files: results, tables: summaries };
}
