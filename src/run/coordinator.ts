/**
 * The main-thread coordinator of a run: takes the folder's lock, plans the run, writes its files
 * (`writeFiles`), journaling every finished file so a crashed or interrupted run resumes; then the
 * manifest, then `_SUCCESS`. Nothing here depends on the worker count.
 */
import { rmSync } from 'node:fs';
import { rm, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import { UsageError } from '../errors.js';
import { NOTES, NoteLog } from '../quality/notes.js';
import type { QualitySetup } from '../quality/profile.js';
import { resolveSlots } from '../quality/slots.js';
import type { ScenarioPack } from '../scenario/scenarioPack.js';
import type { PartitionBy } from '../schema/partitioning.js';
import { findTable, type TableSpec } from '../schema/tableSpec.js';
import type { Compression } from '../sink/parquetSink.js';
import { groupSizes } from '../sources/assign.js';
import { sourcePaths, writeSources } from '../sources/extract.js';
import type { DateWindow } from '../time/window.js';
import { GENERATOR } from '../version.js';
import type { FileResult } from './factShard.js';
import { JOURNAL, Journal } from './journal.js';
import { type Manifest, readManifest, SUCCESS, writeAtomic, writeManifest } from './manifest.js';
import { createOutputDir, openOutputDir } from './outputDir.js';
import { planAndWrite, underLock } from './planAndWrite.js';
import type { Progress } from './progress.js';
import type { RunParams } from './runParams.js';
import { incrementOf } from './runPlan.js';
import { tempDirOf } from './temporaries.js';
import type { TableSummary } from './writeFiles.js';

export type { TableSummary } from './writeFiles.js';

export interface GenerateOptions {
  /** The business to generate. */
  readonly pack: ScenarioPack;
  readonly loaded: LoadedConfig;
  readonly scale: number;
  readonly seed: number;
  /** The business window; the config's when not given. */
  readonly window?: DateWindow;
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
  /** Plant the profile's issues and write their ground truth (`--quality`); absent: clean. */
  readonly quality?: QualitySetup;
  /** `--sources 3`: the pack's entity table, to extract as three conflicting sources once written. */
  readonly sources?: TableSpec;
}

export interface GenerateResult {
  readonly manifest: Manifest;
  readonly tables: readonly TableSummary[];
  readonly seconds: number;
  /** The folder already held this exact dataset: nothing was written. */
  readonly alreadyComplete: boolean;
}

/** What decides a run's bytes, the window resolved. */
export function runParams(
  opts: Pick<
    GenerateOptions,
    | 'pack'
    | 'loaded'
    | 'seed'
    | 'scale'
    | 'tables'
    | 'compression'
    | 'rowGroupRows'
    | 'partitionBy'
    | 'quality'
    | 'sources'
  > & { readonly window: DateWindow },
): RunParams {
  return {
    generator: GENERATOR,
    scenario: opts.pack.name,
    seed: opts.seed,
    scale: opts.scale,
    config_sha256: opts.loaded.sha256,
    // Recorded only when given, so a run without --set keeps the manifest it always had.
    ...(opts.loaded.overrides.length ? { config_set: opts.loaded.overrides } : {}),
    window: opts.window,
    tables: [...opts.tables],
    compression: opts.compression,
    row_group_rows: opts.rowGroupRows,
    partition_by: opts.partitionBy,
    ...(opts.quality ? { quality: { profile: opts.quality.profile, sha256: opts.quality.sha256 } } : {}),
    ...(opts.sources ? { sources: 3 } : {}),
    // Like config_set: a dataset without change logs keeps the manifest it always had.
    ...(opts.tables.some((t) => findTable(opts.pack.tables, t).changesOf) ? { changes: true as const } : {}),
  };
}

export async function generate(opts: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const window = opts.window ?? opts.pack.window.of(opts.loaded.config);
  const params = runParams({ ...opts, window });
  const slots = opts.quality && resolveSlots(opts.quality, opts.pack.tables, window.start, opts.seed);
  const existed = await stat(opts.outDir).then(
    () => true,
    () => false,
  );
  await createOutputDir(opts.outDir);
  try {
    return await run(opts, params, window, slots, started);
  } catch (err) {
    // A refusal made before any file: the folder this run made goes too (rmdir fails if anything is in it).
    if (err instanceof UsageError && !existed) await rmdir(opts.outDir).catch(() => {});
    throw err;
  }
}

async function run(
  opts: GenerateOptions,
  params: RunParams,
  window: DateWindow,
  slots: ReturnType<typeof resolveSlots> | undefined,
  started: number,
): Promise<GenerateResult> {
  return underLock(opts.outDir, opts.signal, async () => {
    const state = await openOutputDir(opts.outDir, opts.force, params);
    if (state.kind === 'complete') {
      return { manifest: await readManifest(opts.outDir), tables: [], seconds: 0, alreadyComplete: true };
    }
    const reuse = state.kind === 'resume' ? state.reuse : new Map<string, FileResult>();
    if (reuse.size)
      opts.progress.line(`resuming: ${reuse.size} files of an interrupted run verified and kept`);
    const journal = Journal.start(opts.outDir, params, [...reuse.values()]);
    const written = await planAndWrite(
      {
        ...opts,
        window,
        destDir: opts.outDir,
        kept: reuse,
        journal,
        ...(slots
          ? { qualitySlots: slots, spoil: { notes: NoteLog.open(opts.outDir, reuse.size === 0) } }
          : {}),
      },
      (plan) => {
        // Too few entities for three sources: known from the plan, refused before any file is written.
        // A fresh run's journal goes too: nothing is left of the run.
        const entity = opts.sources && plan.dimensions.find((b) => b.table === opts.sources!.name);
        try {
          if (entity) groupSizes(entity.rows);
        } catch (err) {
          if (reuse.size === 0) rmSync(join(opts.outDir, JOURNAL), { force: true });
          throw err;
        }
        return {
          dimensions: plan.dimensions.filter((b) => opts.tables.includes(b.table)),
          facts: plan.facts,
        };
      },
    );
    const sources = opts.sources && (await extractSources(opts, opts.sources, window, journal));
    const files = [...written.files, ...(written.truth?.files ?? []), ...(sources?.files ?? [])];
    const manifest: Manifest = {
      ...params,
      expected: sources ? { ...written.expected, sources: sources.expected } : written.expected,
      files,
      increments: [incrementOf(0, window, files, [], [])],
      ...(written.truth ? { ground_truth: written.truth.truth } : {}),
    };
    await writeManifest(opts.outDir, manifest);
    await opts.beforeSuccess?.(manifest);
    await writeAtomic(join(opts.outDir, SUCCESS), '');
    await rm(join(opts.outDir, NOTES), { force: true });
    await rm(join(opts.outDir, JOURNAL), { force: true });
    return {
      manifest,
      tables: written.tables,
      seconds: (performance.now() - started) / 1000,
      alreadyComplete: false,
    };
  });
}

/** The three source extracts and their map, from the clean entity table just written; journaled like every file. */
async function extractSources(
  opts: GenerateOptions,
  spec: TableSpec,
  window: DateWindow,
  journal: Journal,
): Promise<Awaited<ReturnType<typeof writeSources>>> {
  const tempDir = tempDirOf(opts);
  journal.intend(sourcePaths(spec.name));
  const written = await writeSources({
    spec,
    seed: opts.seed,
    lastDay: window.end,
    destDir: opts.outDir,
    tempDir,
  });
  journal.record(written.files);
  await rm(tempDir, { recursive: true, force: true });
  return written;
}
