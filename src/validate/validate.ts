/**
 * `gen-parquet validate`: DuckDB (in-process) over the files on disk, never the generator's memory.
 * Six groups, as SPEC.md "Validation" lists them; each check reports target, measured and status.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { UsageError } from '../errors.js';
import { MANIFEST, type Manifest, readManifest, writeAtomic } from '../run/manifest.js';
import type { ScenarioPack } from '../scenario/scenarioPack.js';
import { changeLogChecks } from './changeLogChecks.js';
import { type CheckContext, type CheckResult, firstLine, GROUP, result } from './check.js';
import { cleanManifest, openCleanTables } from './cleanSources.js';
import { countChecks } from './countChecks.js';
import { fileChecks } from './fileChecks.js';
import { interruptible, throwIfStopped } from './interruptible.js';
import { keyChecks } from './keyChecks.js';
import { qualityChecks } from './qualityChecks.js';
import { sourceChecks } from './sourceChecks.js';
import { openTables } from './sources.js';
import { timeChecks } from './timeChecks.js';

export type { CheckResult } from './check.js';

/** The latest validation's report, in the output folder. */
export const VALIDATION = '_validation.json';

/**
 * How long one check group took (its function's name; `files` is hashing, `open` reading the tables'
 * metadata and the small tables). `cpu_seconds` is the process's CPU time (DuckDB's threads included):
 * on a shared machine it moves far less than wall time with the other work there.
 */
export interface GroupTiming {
  readonly group: string;
  readonly checks: number;
  readonly seconds: number;
  readonly cpu_seconds: number;
}

export interface ValidationReport {
  readonly passed: boolean;
  readonly checks: readonly CheckResult[];
  readonly seconds: number;
  readonly timings: readonly GroupTiming[];
}

/** Runs one group and records its time and how many checks it gave. */
async function timed(
  timings: GroupTiming[],
  group: string,
  run: () => Promise<readonly CheckResult[]>,
): Promise<readonly CheckResult[]> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const checks = await run();
  const used = process.cpuUsage(cpu);
  timings.push({
    group,
    checks: checks.length,
    seconds: (performance.now() - started) / 1000,
    cpu_seconds: (used.user + used.system) / 1e6,
  });
  return checks;
}

/**
 * DuckDB's memory cap for the checks; beyond it, it spills to a private temporary folder. Without a
 * cap the 1x checks peaked at 1,430 MiB; at 400 MB, 823 MiB in the same time (medians of 3
 * alternated runs of `gen-parquet validate` on a 1x folder). Bigger scales spill instead of growing.
 */
const MEMORY_LIMIT = '400MB';

async function loadManifest(outDir: string): Promise<Manifest> {
  try {
    return await readManifest(outDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? `no ${MANIFEST}` : `unreadable ${MANIFEST} (${code ?? (err as Error).message})`;
    throw new UsageError(
      `--out ${outDir}: not a gen-parquet output (${why}); generate one with gen-parquet --out ${outDir}`,
    );
  }
}

/** Finds the pack named in a manifest (`undefined`: a manifest from before scenarios were recorded). */
export type PackFinder = (scenario: string | undefined) => ScenarioPack;

/** `signal` stops the checks within one query, with an InterruptedError and no report. */
export async function validateOutput(
  outDir: string,
  findPack: PackFinder,
  signal?: AbortSignal,
): Promise<ValidationReport> {
  const started = performance.now();
  const manifest = await loadManifest(outDir);
  return checkOutput(outDir, manifest, findPack(manifest.scenario), started, signal);
}

/**
 * `validateOutput`, its report written to `_validation.json`, which is removed first so that a
 * validation that throws or is stopped leaves no earlier verdict to contradict it. Only in a folder
 * with a manifest: any other folder is not gen-parquet's, and its files are left alone.
 */
export async function validateAndRecord(
  outDir: string,
  findPack: PackFinder,
  signal?: AbortSignal,
): Promise<ValidationReport> {
  // A folder without a manifest, or of an unknown scenario, throws here, before a file is touched.
  findPack((await loadManifest(outDir)).scenario);
  const path = join(outDir, VALIDATION);
  await rm(path, { force: true });
  const report = await validateOutput(outDir, findPack, signal);
  await writeAtomic(path, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

async function checkOutput(
  outDir: string,
  manifest: Manifest,
  pack: ScenarioPack,
  started: number,
  signal: AbortSignal | undefined,
): Promise<ValidationReport> {
  const timings: GroupTiming[] = [];
  let missing = 0;
  const checks: CheckResult[] = [
    ...(await timed(timings, 'files', async () => {
      const files = await fileChecks(outDir, manifest, signal);
      missing = files.missing;
      return files.checks;
    })),
  ];
  throwIfStopped(signal);
  if (missing === 0) {
    const spill = mkdtempSync(join(tmpdir(), 'gen-parquet-validate-'));
    const instance = await DuckDBInstance.create(':memory:', {
      memory_limit: MEMORY_LIMIT,
      temp_directory: spill,
    });
    const { con, release } = interruptible(await instance.connect(), signal);
    try {
      await con.run(`SET TimeZone = 'UTC'`);
      // Many checks scan the same ~2,000 files per table: keep their Parquet metadata cached, and
      // trust DuckDB's cache of their bytes without checking each file again at every scan (they
      // were hashed just before; a scan of a day-partitioned table took twice as long with checks).
      await con.run('SET enable_object_cache = true');
      await con.run(`SET validate_external_file_cache = 'NO_VALIDATION'`);
      // DuckDB's copy of the files' bytes saves no CPU over the system's page cache on later scans
      // (0.7 s either way for three columns of tap_events at 1x), costs ~0.4 s to fill at the first
      // scan of each table and holds ~250 MB of the memory cap that joins and aggregates need.
      await con.run('SET enable_external_file_cache = false');
      // A spoiled dataset is checked as its clean twin, rebuilt from the ground truth (cleanSources.ts).
      const spoiled = manifest.quality !== undefined && manifest.ground_truth !== undefined;
      const twin = spoiled ? cleanManifest(manifest) : manifest;
      // A fact table the plan gave no rows (a review table of a one-day window) has no files to read: absent.
      const written = new Set(twin.files.map((f) => f.table));
      const present = new Set(
        pack.tables
          .filter((t) => manifest.tables.includes(t.name) && (t.kind === 'dimension' || written.has(t.name)))
          .map((t) => t.name),
      );
      let why: CheckContext['why'] = firstLine;
      checks.push(
        ...(await timed(timings, 'open', async () => {
          const opened = await (spoiled ? openCleanTables : openTables)(
            con,
            outDir,
            manifest,
            pack.tables.filter((t) => present.has(t.name)),
          );
          why = opened.why;
          const unopened = [...opened.unopened].map(([table, why]) => `${table}: ${why}`);
          return [
            result(
              GROUP.files,
              'tables DuckDB could not open',
              '0',
              String(unopened.length) + (unopened[0] ? ` (${unopened[0]})` : ''),
              unopened.length === 0,
            ),
          ];
        })),
      );
      const ctx: CheckContext = { con, manifest: twin, pack, has: (t) => present.has(t), why };
      const groups = [keyChecks, countChecks, timeChecks, changeLogChecks, ...pack.checks.groups];
      if (spoiled) groups.push(qualityChecks(outDir, manifest));
      if (manifest.sources !== undefined) groups.push(sourceChecks(outDir));
      for (const [i, group] of groups.entries())
        checks.push(...(await timed(timings, group.name || `group ${i + 1}`, () => group(ctx))));
      throwIfStopped(signal);
    } finally {
      release();
      con.closeSync();
      instance.closeSync();
      rmSync(spill, { recursive: true, force: true });
    }
  }
  return {
    passed: checks.every((c) => c.pass),
    checks,
    seconds: (performance.now() - started) / 1000,
    timings,
  };
}
