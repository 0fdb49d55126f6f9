/**
 * One part of a partitioned run (`--part k/n`): plans the whole dataset, writes the files of its cut
 * (`partCut.ts`) into the shared output folder under its own lock, journal and temporaries, then its
 * record in `_parts/`. Never the manifest or `_SUCCESS`: `commit` makes them from all n records.
 */
import { mkdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { GenerateOptions, TableSummary } from './coordinator.js';
import { runParams } from './coordinator.js';
import type { FileResult } from './factShard.js';
import { Journal } from './journal.js';
import { LOCK, lockHeld } from './lock.js';
import { createOutputDir } from './outputDir.js';
import { cutPlan, type PartCut } from './partCut.js';
import { openForPart } from './partDir.js';
import {
  journalName,
  lockPath,
  PARTS_DIR,
  type PartIdentity,
  type PartRecord,
  partTempDir,
  recordPath,
  writePartRecord,
} from './partRecord.js';
import { planAndWrite, underLock } from './planAndWrite.js';
import type { RunParams } from './runParams.js';

export interface PartOptions extends Omit<GenerateOptions, 'force' | 'beforeSuccess'> {
  readonly part: { readonly k: number; readonly n: number };
  readonly tableFormat: string;
  readonly tableLocation?: string;
}

export interface PartResult {
  /** `written`: files written now (some maybe kept from a crashed attempt); `recorded`: the part was already done; `complete`: the dataset is. */
  readonly kind: 'written' | 'recorded' | 'complete';
  readonly record?: PartRecord;
  readonly tables: readonly TableSummary[];
  readonly seconds: number;
}

/** The record's files in the plan's order, whatever order they were written or kept in. */
function inPlanOrder(cut: PartCut, files: readonly FileResult[]): FileResult[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const paths = [
    ...cut.dimensions.map((b) => `${b.table}/part-00000.parquet`),
    ...[...cut.facts.values()].flatMap((fs) => fs.map((f) => f.path)),
  ];
  return paths.map((p) => byPath.get(p)!);
}

export async function generatePart(opts: PartOptions): Promise<PartResult> {
  const started = performance.now();
  const window = opts.window ?? opts.pack.window.of(opts.loaded.config);
  const params = runParams({ ...opts, window });
  const identity: PartIdentity = {
    part: opts.part.k,
    parts: opts.part.n,
    table_format: opts.tableFormat,
    ...(opts.tableLocation === undefined ? {} : { table_location: opts.tableLocation }),
  };
  await createOutputDir(opts.outDir);
  // The parts' folder before the folder's lock is looked at: a run without --part takes that lock,
  // then looks for this folder, so of two that start together at least one sees the other.
  await mkdir(join(opts.outDir, PARTS_DIR), { recursive: true });
  try {
    return await writePart(opts, params, identity, started);
  } finally {
    // Left empty (a refusal, a finished dataset): no part is there.
    await rmdir(join(opts.outDir, PARTS_DIR)).catch(() => {});
  }
}

async function writePart(
  opts: PartOptions,
  params: RunParams,
  identity: PartIdentity,
  started: number,
): Promise<PartResult> {
  const window = params.window;
  const tempDir = partTempDir(opts.outDir, opts.part);
  const scope = { lock: lockPath(opts.outDir, opts.part), tempDir };
  return underLock(
    opts.outDir,
    opts.signal,
    async (): Promise<PartResult> => {
      const busy = lockHeld(join(opts.outDir, LOCK));
      if (busy)
        throw new UsageError(
          `--out ${opts.outDir}: ${busy} (a run without --part, or a commit); wait for it, or choose another --out`,
        );
      const state = await openForPart(opts.outDir, params, identity);
      if (state.kind !== 'write') return { ...state, tables: [], seconds: 0 };
      if (state.reuse.size)
        opts.progress.line(`resuming: ${state.reuse.size} files of an interrupted part verified and kept`);
      const journal = Journal.start(
        opts.outDir,
        params,
        [...state.reuse.values()],
        journalName(opts.part),
        identity,
      );
      // The journal names every file the record did: the record goes until the part is whole again.
      await rm(recordPath(opts.outDir, opts.part), { force: true });
      const written = await planAndWrite(
        { ...opts, window, destDir: opts.outDir, tempDir, kept: state.reuse, journal },
        (plan) => cutPlan(plan, opts.tables, opts.part),
      );
      const { chosen } = written;
      const record: PartRecord = {
        ...identity,
        params,
        cut: { units: chosen.units, ...chosen.range },
        expected: written.expected,
        files: inPlanOrder(chosen, written.files),
      };
      await writePartRecord(opts.outDir, record);
      await rm(join(opts.outDir, journalName(opts.part)), { force: true });
      await rm(tempDir, { recursive: true, force: true });
      return {
        kind: 'written',
        record,
        tables: written.tables,
        seconds: (performance.now() - started) / 1000,
      };
    },
    scope,
  );
}
