/**
 * What a run and an append share around `writeFiles`: the folder's lock held for the whole write (a
 * failure or stop leaves no temporary, and a stop is an InterruptedError), and the plan of a window
 * made while the pool starts, written as the caller chooses.
 */
import { rm } from 'node:fs/promises';
import type { LoadedConfig } from '../config/load.js';
import { InterruptedError } from '../errors.js';
import type { Batch } from '../generate/batch.js';
import type { FactFilePlan } from '../plan/files.js';
import { type GroundTruth, type TruthFile, writeGroundTruth } from '../quality/groundTruth.js';
import type { NoteLog } from '../quality/notes.js';
import { spoilFiles } from '../quality/planSpoils.js';
import type { PartitionBy } from '../schema/partitioning.js';
import type { DateWindow } from '../time/window.js';
import type { FileResult } from './factShard.js';
import type { Journal } from './journal.js';
import { acquireLock } from './lock.js';
import type { Manifest } from './manifest.js';
import { removeTemporaries } from './outputDir.js';
import type { Progress } from './progress.js';
import { buildPlan, type RunPlan, windowed } from './runPlan.js';
import { tempDirOf } from './temporaries.js';
import {
  dimensionPath,
  INTERRUPTED,
  type PoolOptions,
  startPool,
  type TableSummary,
  writeFiles,
} from './writeFiles.js';

/** A writer's lock (leased: hosts may share the folder) and the temporaries to remove when it fails: a part's own, beside the other parts'. */
export interface LockScope {
  readonly lock: string;
  readonly tempDir: string;
}

/** Runs `write` holding `outDir`'s lock (or `scope`'s); whatever stops it, no half-written file stays behind. */
export async function underLock<T>(
  outDir: string,
  signal: AbortSignal | undefined,
  write: () => Promise<T>,
  scope?: LockScope,
): Promise<T> {
  const release = acquireLock(outDir, scope?.lock, scope !== undefined);
  try {
    return await write();
  } catch (err) {
    if (scope) await rm(scope.tempDir, { recursive: true, force: true }).catch(() => {});
    else await removeTemporaries(outDir);
    if (signal?.aborted) throw new InterruptedError(INTERRUPTED);
    throw err;
  } finally {
    release();
  }
}

export interface WriteJob extends PoolOptions {
  readonly loaded: LoadedConfig;
  readonly window: DateWindow;
  /** An append: the window of the dataset's first increment (`PlanRequest.base`). */
  readonly base?: DateWindow;
  readonly seed: number;
  readonly scale: number;
  readonly partitionBy: PartitionBy;
  /** Files already in place with the right bytes: kept, not written. */
  readonly kept: ReadonlyMap<string, FileResult>;
  readonly journal: Journal;
  readonly progress: Progress;
  readonly signal?: AbortSignal;
  /** A spoiled run (`--quality`): its notes, and for an append the earlier increments' ground truth. */
  readonly spoil?: { readonly notes: NoteLog; readonly previous?: GroundTruth };
}

/** Which of the plan's batches and fact files to write. */
export interface Chosen {
  readonly dimensions: readonly Batch[];
  readonly facts: ReadonlyMap<string, readonly FactFilePlan[]>;
  /** An append: files earlier increments wrote that stay as they are. */
  readonly kept?: readonly FileResult[];
}

/** Plans `job.window` (the pool's workers load meanwhile), writes what `choose` picks, and removes the temporaries' folder. */
export async function planAndWrite<C extends Chosen>(
  job: WriteJob,
  choose: (plan: RunPlan) => C,
): Promise<{
  expected: Manifest['expected'];
  chosen: C;
  files: FileResult[];
  tables: TableSummary[];
  truth?: { files: TruthFile[]; truth: GroundTruth };
}> {
  const pool = startPool(job);
  try {
    const plan = await buildPlan(
      job.pack,
      windowed(job.pack, job.loaded, job.window),
      job.seed,
      job.scale,
      job.tables,
      job.partitionBy,
      job.signal,
      job.base,
    );
    // A spoiled run's fact files carry their selections and spoiled row counts from here on.
    const slots = job.qualitySlots;
    const chosen = choose(
      slots
        ? {
            ...plan,
            facts: new Map(
              [...plan.facts].map(([t, files]) => [t, spoilFiles(job.seed, slots, files, job.partitionBy)]),
            ),
          }
        : plan,
    );
    const written = await writeFiles(job, pool, {
      dimensions: chosen.dimensions,
      facts: chosen.facts,
      shared: plan.shared,
      kept: job.kept,
      journal: job.journal,
      progress: job.progress,
      signal: job.signal,
      ...(job.spoil ? { quality: { seed: job.seed, notes: job.spoil.notes } } : {}),
    });
    const truth =
      job.spoil &&
      (await writeGroundTruth({
        outDir: job.outDir,
        destDir: job.destDir,
        tempDir: tempDirOf(job),
        notes: job.spoil.notes.path,
        made: [
          ...chosen.dimensions.map((b) => dimensionPath(b.table)),
          ...[...chosen.facts.values()].flatMap((files) => files.map((f) => f.path)),
        ],
        kept: chosen.kept?.map((f) => f.path),
        previous: job.spoil.previous,
        tables: job.pack.tables.filter((t) => job.tables.includes(t.name)),
        slots: job.qualitySlots!,
        from: job.window.start,
      }));
    // Each write removed its own temporaries; their folder goes before the dataset is declared complete.
    await rm(tempDirOf(job), { recursive: true, force: true });
    return { expected: plan.expected, chosen, ...written, ...(truth ? { truth } : {}) };
  } finally {
    await pool?.destroy();
  }
}
