/**
 * `gen-parquet append`: extends a finished dataset by the next days. The plan of the longer window
 * gives every immutable table's earlier files unchanged (the pack promises it: `appendStable`, and
 * each kept file's planned rows are checked against the manifest), so only the new days' files are
 * written, with each mutable table's new snapshot (but for the files the pack says are settled:
 * `settleDays`), into `_next/`; then the increment is
 * committed (`increment.ts`). A stop before the commit leaves the previous increment untouched and
 * valid; the same command resumes, with the same bytes.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import { InterruptedError, UsageError } from '../errors.js';
import type { Batch } from '../generate/batch.js';
import type { FactFilePlan } from '../plan/files.js';
import { QUALITY_TABLE } from '../quality/issues.js';
import { NOTES, NoteLog } from '../quality/notes.js';
import { isSpoiled } from '../quality/planSpoils.js';
import type { QualitySetup } from '../quality/profile.js';
import { type QualitySlots, resolveSlots } from '../quality/slots.js';
import type { ScenarioPack } from '../scenario/scenarioPack.js';
import { withChanges } from '../schema/changeLog.js';
import { findTable } from '../schema/tableSpec.js';
import type { Compression } from '../sink/parquetSink.js';
import { type DateWindow, windowDays } from '../time/window.js';
import { type GenerateResult, runParams } from './coordinator.js';
import type { FileResult } from './factShard.js';
import type { IcebergRecord } from './icebergRecord.js';
import { commitIncrement, nextDir } from './increment.js';
import { Journal } from './journal.js';
import type { Manifest } from './manifest.js';
import { openForAppend } from './outputDir.js';
import { planAndWrite, underLock } from './planAndWrite.js';
import type { Progress } from './progress.js';
import { incrementOf } from './runPlan.js';
import { dimensionPath, INTERRUPTED } from './writeFiles.js';

export interface AppendOptions {
  readonly pack: ScenarioPack;
  /** The dataset's config (checked against its manifest's hash). */
  readonly loaded: LoadedConfig;
  /** The dataset as it stands. */
  readonly manifest: Manifest;
  /** The new window: the dataset's start, a later end. */
  readonly window: DateWindow;
  readonly outDir: string;
  readonly workers: number;
  readonly progress: Progress;
  readonly signal?: AbortSignal;
  /** The dataset's `--quality` profile: the new days get its issues at its rates. */
  readonly quality?: QualitySetup;
  /**
   * Stages the increment's Iceberg commit in `_next/` (the CLI passes `iceberg/appendIceberg.ts`'s),
   * called when the dataset has Iceberg tables, once the increment's files and manifest are known.
   */
  readonly stageIceberg?: (manifest: Manifest, record: IcebergRecord) => Promise<void>;
  /** `--changes` as given (absent: the dataset's own); another value than the dataset's is refused. */
  readonly changes?: boolean;
}

/** What an increment writes and keeps: the plan's files sorted by whether an earlier increment has them. */
interface Selection {
  readonly dimensions: Batch[];
  readonly facts: Map<string, FactFilePlan[]>;
  readonly replaced: string[];
  readonly removed: string[];
  readonly kept: FileResult[];
}

function select(
  pack: ScenarioPack,
  before: Manifest,
  dimensions: readonly Batch[],
  facts: ReadonlyMap<string, readonly FactFilePlan[]>,
  spoiled: boolean,
  settled: (file: FactFilePlan) => boolean,
): Selection {
  const old = new Map(before.files.map((f) => [f.path, f]));
  const planned = new Set<string>();
  const out: Selection = { dimensions: [], facts: new Map(), replaced: [], removed: [], kept: [] };
  // A spoiled file is compared by its clean rows: missing children make its spoiled rows known only once written.
  const keep = (path: string, rows: number, clean = false) => {
    const had = old.get(path)!;
    const was = clean ? before.ground_truth?.clean[path]?.rows : had.rows;
    if (was !== rows) {
      throw new Error(
        `${pack.name} is not append-stable: ${path} would hold ${rows} rows, the dataset's has ${was}`,
      );
    }
    out.kept.push(had);
  };
  for (const batch of dimensions) {
    if (!before.tables.includes(batch.table)) continue;
    const path = dimensionPath(batch.table);
    planned.add(path);
    if (old.has(path) && !findTable(pack.tables, batch.table).mutable) keep(path, batch.rows, spoiled);
    else {
      if (old.has(path)) out.replaced.push(path);
      out.dimensions.push(batch);
    }
  }
  for (const [table, files] of facts) {
    const mutable = findTable(pack.tables, table).mutable;
    const todo: FactFilePlan[] = [];
    for (const f of files) {
      planned.add(f.path);
      if (old.has(f.path) && (!mutable || settled(f))) {
        if (isSpoiled(f)) keep(f.path, f.cleanRows, true);
        else keep(f.path, f.rows);
      } else {
        if (old.has(f.path)) out.replaced.push(f.path);
        todo.push(f);
      }
    }
    out.facts.set(table, todo);
  }
  for (const f of before.files) {
    if (planned.has(f.path)) continue;
    // The ground truth is made anew for every increment.
    if (f.table === QUALITY_TABLE) {
      out.replaced.push(f.path);
      continue;
    }
    if (!findTable(pack.tables, f.table).mutable)
      throw new Error(`${pack.name} is not append-stable: the longer window has no ${f.path}`);
    out.removed.push(f.path);
  }
  return out;
}

export async function append(opts: AppendOptions): Promise<GenerateResult> {
  const started = performance.now();
  const { manifest: before, pack } = opts;
  if (!pack.window.appendStable) {
    throw new UsageError(
      `--out ${opts.outDir}: the ${pack.name} scenario cannot be appended to yet (a longer window changes its earlier days); generate the longer window with --days or --end instead`,
    );
  }
  if (before.partition_by !== 'day') {
    throw new UsageError(
      `--out ${opts.outDir}: made with --partition-by ${before.partition_by}; append needs day files (a month's file would change), so generate with --partition-by day`,
    );
  }
  const params = runParams({
    pack,
    loaded: opts.loaded,
    seed: before.seed,
    scale: before.scale,
    window: opts.window,
    tables:
      opts.changes === undefined
        ? before.tables
        : withChanges(
            pack.tables,
            before.tables.filter((t) => !findTable(pack.tables, t).changesOf),
            opts.changes,
          ),
    compression: before.compression as Compression,
    rowGroupRows: before.row_group_rows,
    partitionBy: before.partition_by,
    quality: opts.quality,
  });
  const slots: QualitySlots | undefined =
    opts.quality && resolveSlots(opts.quality, pack.tables, before.window.start, params.seed);
  const settleDays = pack.window.settleDays?.(opts.loaded.config) ?? {};
  const oldEnd = windowDays(before.window).endDay;
  // A settled file's rows are final by the dataset's end: the longer window writes the same bytes.
  const settled = (f: FactFilePlan) => {
    const days = settleDays[f.table];
    return days !== undefined && f.shards[0]!.day + days <= oldEnd;
  };
  return underLock(opts.outDir, opts.signal, async () => {
    const state = await openForAppend(opts.outDir, params);
    // Its mutable files are rewritten in place: without a new snapshot its tables would read wrong bytes.
    if (state.kind === 'append' && state.iceberg && !opts.stageIceberg) {
      throw new UsageError(
        `--out ${opts.outDir}: has Iceberg tables; append needs stageIceberg to commit the increment to them`,
      );
    }
    if (state.kind === 'complete')
      return { manifest: state.manifest, tables: [], seconds: 0, alreadyComplete: true };
    if (state.reuse.size)
      opts.progress.line(`resuming: ${state.reuse.size} files of an interrupted append verified and kept`);
    const written = await planAndWrite(
      {
        pack,
        loaded: opts.loaded,
        window: opts.window,
        base: before.increments[0]!.window,
        seed: params.seed,
        scale: params.scale,
        tables: params.tables,
        compression: params.compression as Compression,
        rowGroupRows: params.row_group_rows,
        partitionBy: 'day',
        outDir: opts.outDir,
        destDir: nextDir(opts.outDir),
        workers: opts.workers,
        kept: state.reuse,
        journal: Journal.start(opts.outDir, params, [...state.reuse.values()]),
        progress: opts.progress,
        signal: opts.signal,
        ...(slots
          ? {
              qualitySlots: slots,
              spoil: {
                notes: NoteLog.open(opts.outDir, state.reuse.size === 0),
                previous: before.ground_truth,
              },
            }
          : {}),
      },
      (plan) => select(pack, before, plan.dimensions, plan.facts, slots !== undefined, settled),
    );
    const { chosen } = written;
    const files = [...written.files, ...(written.truth?.files ?? [])];
    const manifest: Manifest = {
      ...params,
      expected: written.expected,
      files: [...chosen.kept, ...files],
      increments: [
        ...before.increments,
        incrementOf(before.increments.length, opts.window, files, chosen.replaced, chosen.removed),
      ],
      ...(written.truth ? { ground_truth: written.truth.truth } : {}),
    };
    // Staged with the files, so the increment's commit puts the new table versions in place too.
    if (state.iceberg) await opts.stageIceberg!(manifest, state.iceberg);
    if (opts.signal?.aborted) throw new InterruptedError(INTERRUPTED);
    await commitIncrement(opts.outDir, manifest);
    await rm(join(opts.outDir, NOTES), { force: true });
    return {
      manifest,
      tables: written.tables,
      seconds: (performance.now() - started) / 1000,
      alreadyComplete: false,
    };
  });
}
