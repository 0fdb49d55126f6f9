/**
 * The main-thread coordinator: takes the folder's lock, plans the run, writes dimensions itself and
 * fans fact shards out to a Piscina pool, journaling every finished file so a crashed or interrupted
 * run resumes; then the manifest, then `_SUCCESS`. Nothing here depends on the worker count.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { toRecordBatch } from '../arrow/toRecordBatch.js';
import type { LoadedConfig } from '../config/load.js';
import { InterruptedError } from '../errors.js';
import { type FactFilePlan, groupTasks, taskRowsFor } from '../plan/files.js';
import type { ScenarioPack } from '../scenario/scenarioPack.js';
import type { PartitionBy } from '../schema/partitioning.js';
import { findTable } from '../schema/tableSpec.js';
import { type Compression, ParquetSink, ready } from '../sink/parquetSink.js';
import { GENERATOR } from '../version.js';
import type { FactTask, FileResult, WorkerSetup } from './factShard.js';
import { JOURNAL, Journal } from './journal.js';
import { acquireLock } from './lock.js';
import { type Manifest, readManifest, SUCCESS, writeAtomic, writeManifest } from './manifest.js';
import { createOutputDir, openOutputDir, removeTemporaries } from './outputDir.js';
import type { Progress } from './progress.js';
import type { RunParams } from './runParams.js';
import { buildPlan, type RunPlan } from './runPlan.js';
import { tempRoot } from './temporaries.js';

export interface GenerateOptions {
  /** The business to generate. */
  readonly pack: ScenarioPack;
  readonly loaded: LoadedConfig;
  readonly scale: number;
  readonly seed: number;
  readonly outDir: string;
  readonly workers: number;
  readonly tables: readonly string[];
  readonly force: boolean;
  readonly compression: Compression;
  readonly rowGroupRows: number;
  readonly partitionBy: PartitionBy;
  readonly progress: Progress;
  /** Aborting stops the workers and leaves the journal for a resume. */
  readonly signal?: AbortSignal;
  /**
   * Runs once every file and the manifest are written, before `_SUCCESS` (the CLI writes the Iceberg
   * metadata here): until it has finished the dataset is not complete, and a failure leaves the
   * journal for a resume.
   */
  readonly beforeSuccess?: (manifest: Manifest) => Promise<void>;
}

export interface TableSummary {
  readonly table: string;
  readonly rows: number;
  readonly files: number;
  readonly bytes: number;
  readonly seconds: number;
  /** Files kept from an interrupted run. */
  readonly reused: number;
}

export interface GenerateResult {
  readonly manifest: Manifest;
  readonly tables: readonly TableSummary[];
  readonly seconds: number;
  /** The folder already held this exact dataset: nothing was written. */
  readonly alreadyComplete: boolean;
}

const INTERRUPTED = 'no partial file was kept. Run the same command again to resume where it stopped.';

const WORKER_FILE = new URL('../../workers/shardTask.js', import.meta.url);
/**
 * A worker's garbage is small short-lived objects (DuckDB chunk handles, Arrow wrappers); V8's default
 * young generation lets ~40 MB of it pile up per worker before a scavenge. 8 MB: 1x tap_events peak
 * RSS 402 → 366 MiB at the same speed (medians of 4 alternated runs).
 */
const WORKER_YOUNG_GENERATION_MB = 8;

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
  onDone: (files: FileResult[]) => void,
): Promise<FileResult[][]> {
  const results: FileResult[][] = new Array(tasks.length);
  let next = 0;
  let failure: unknown;
  const lane = async () => {
    while (next < tasks.length && !signal?.aborted && failure === undefined) {
      const i = next++;
      try {
        const task: FactTask = { shared, files: tasks[i]! };
        results[i] = (await pool.run(task)) as FileResult[];
        onDone(results[i]!);
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

/**
 * The worker pool for the fact tables (none when no fact table is asked for). Started before the
 * plan: the workers load their modules while this thread plans (the plan reaches them with each task).
 */
function startPool(opts: GenerateOptions): Piscina | undefined {
  if (!opts.tables.some((t) => findTable(opts.pack.tables, t).kind === 'fact')) return undefined;
  const setup: WorkerSetup = {
    workerModule: opts.pack.workerModule,
    outDir: opts.outDir,
    compression: opts.compression,
    rowGroupRows: opts.rowGroupRows,
  };
  return new Piscina({
    filename: WORKER_FILE.href,
    workerData: setup,
    minThreads: opts.workers,
    maxThreads: opts.workers,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
  });
}

export async function generate(opts: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const params: RunParams = {
    generator: GENERATOR,
    scenario: opts.pack.name,
    seed: opts.seed,
    scale: opts.scale,
    config_sha256: opts.loaded.sha256,
    // Recorded only when given, so a run without --set keeps the manifest it always had.
    ...(opts.loaded.overrides.length ? { config_set: opts.loaded.overrides } : {}),
    tables: [...opts.tables],
    compression: opts.compression,
    row_group_rows: opts.rowGroupRows,
    partition_by: opts.partitionBy,
  };
  await createOutputDir(opts.outDir);
  const release = acquireLock(opts.outDir);
  try {
    const state = await openOutputDir(opts.outDir, opts.force, params);
    if (state.kind === 'complete') {
      return { manifest: await readManifest(opts.outDir), tables: [], seconds: 0, alreadyComplete: true };
    }
    const reuse = state.kind === 'resume' ? state.reuse : new Map<string, FileResult>();
    if (reuse.size)
      opts.progress.line(`resuming: ${reuse.size} files of an interrupted run verified and kept`);
    const journal = Journal.start(opts.outDir, params, [...reuse.values()]);
    const pool = startPool(opts);
    let plan: RunPlan;
    const results: FileResult[] = [];
    const summaries: TableSummary[] = [];
    try {
      plan = await buildPlan(
        opts.pack,
        opts.loaded,
        opts.seed,
        opts.scale,
        opts.tables,
        opts.partitionBy,
        opts.signal,
      );
      const sink = await ParquetSink.open(tempRoot(opts.outDir), opts.compression, opts.rowGroupRows);
      try {
        for (const batch of plan.dimensions) {
          if (!opts.tables.includes(batch.table)) continue;
          const t0 = performance.now();
          const path = `${batch.table}/part-00000.parquet`;
          let result = reuse.get(path);
          if (!result) {
            journal.intend([path]);
            const [file] = await sink.write([
              {
                parts: [ready(toRecordBatch(findTable(opts.pack.tables, batch.table), batch))],
                path: join(opts.outDir, path),
              },
            ]);
            result = { path, table: batch.table, rows: batch.rows, ...file! };
            journal.record([result]);
          }
          results.push(result);
          summaries.push(
            summarize(batch.table, [result], (performance.now() - t0) / 1000, reuse.has(path) ? 1 : 0),
          );
        }
      } finally {
        sink.close();
      }
      if (opts.signal?.aborted) throw new InterruptedError(INTERRUPTED);

      for (const [table, planned] of plan.facts) {
        const t0 = performance.now();
        const kept = planned.flatMap((f) => reuse.get(f.path) ?? []);
        const todo = planned.filter((f) => !reuse.has(f.path));
        const total = planned.reduce((a, f) => a + f.rows, 0);
        opts.progress.start(
          table,
          total,
          kept.reduce((a, f) => a + f.rows, 0),
        );
        const tasks = groupTasks(todo, taskRowsFor(total));
        // Every file of the table is noted before any is written: a crash can leave finished but
        // unjournaled files, which a resume may replace only because the journal names them.
        journal.intend(todo.map((f) => f.path));
        const done = await runTasks(pool!, plan.shared, tasks, opts.workers * 2, opts.signal, (files) => {
          journal.record(files);
          opts.progress.advance(files.reduce((a, f) => a + f.rows, 0));
        });
        opts.progress.finish();
        const files = [...kept, ...done.flat()];
        results.push(...files);
        summaries.push(summarize(table, files, (performance.now() - t0) / 1000, kept.length));
      }
    } finally {
      await pool?.destroy();
    }

    // Each write removed its own temporaries; their folder goes before the dataset is declared complete.
    await rm(tempRoot(opts.outDir), { recursive: true, force: true });
    const manifest: Manifest = { ...params, expected: plan.expected, files: results };
    await writeManifest(opts.outDir, manifest);
    await opts.beforeSuccess?.(manifest);
    await writeAtomic(join(opts.outDir, SUCCESS), '');
    await rm(join(opts.outDir, JOURNAL), { force: true });
    return {
      manifest,
      tables: summaries,
      seconds: (performance.now() - started) / 1000,
      alreadyComplete: false,
    };
  } catch (err) {
    // Whatever stopped the run, no half-written file stays behind; the journal stays for a resume.
    await removeTemporaries(opts.outDir);
    if (opts.signal?.aborted) throw new InterruptedError(INTERRUPTED);
    throw err;
  } finally {
    release();
  }
}
