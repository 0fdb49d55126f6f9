/**
 * `gen-parquet validate`: DuckDB (in-process) over the files on disk, never the generator's memory.
 * Six groups, as SPEC.md "Validation" lists them; each check reports target, measured and status.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { UsageError } from '../errors.js';
import { MANIFEST, type Manifest, readManifest } from '../run/manifest.js';
import type { ScenarioPack } from '../scenario/scenarioPack.js';
import { type CheckContext, type CheckResult, GROUP, result } from './check.js';
import { countChecks } from './countChecks.js';
import { fileChecks } from './fileChecks.js';
import { keyChecks } from './keyChecks.js';
import { timeChecks } from './timeChecks.js';

export type { CheckResult } from './check.js';

export interface ValidationReport {
  readonly passed: boolean;
  readonly checks: readonly CheckResult[];
  readonly seconds: number;
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

export async function validateOutput(outDir: string, findPack: PackFinder): Promise<ValidationReport> {
  const started = performance.now();
  const manifest = await loadManifest(outDir);
  const pack = findPack(manifest.scenario);
  const tables = pack.tables;
  const files = await fileChecks(outDir, manifest);
  const checks: CheckResult[] = [...files.checks];
  if (files.missing === 0) {
    const spill = mkdtempSync(join(tmpdir(), 'gen-parquet-validate-'));
    const instance = await DuckDBInstance.create(':memory:', {
      memory_limit: MEMORY_LIMIT,
      temp_directory: spill,
    });
    const con = await instance.connect();
    try {
      await con.run(`SET TimeZone = 'UTC'`);
      // Many checks scan the same ~2,000 files per table: keep their Parquet metadata cached.
      await con.run('SET enable_object_cache = true');
      // A fact table the plan gave no rows (a review table of a one-day window) has no files to read: absent.
      const written = new Set(manifest.files.map((f) => f.table));
      const present = new Set(
        tables
          .filter((t) => manifest.tables.includes(t.name) && (t.kind === 'dimension' || written.has(t.name)))
          .map((t) => t.name),
      );
      for (const t of tables.filter((x) => present.has(x.name))) {
        const glob = join(outDir, t.name, '**', '*.parquet').replaceAll("'", "''");
        const source = `read_parquet('${glob}', hive_partitioning = ${t.partition ? 'true' : 'false'})`;
        // Dimensions are small: materialise them once; facts stay views scanned in place.
        await con.run(
          `CREATE ${t.kind === 'dimension' ? 'TABLE' : 'VIEW'} ${t.name} AS SELECT * FROM ${source}`,
        );
      }
      const ctx: CheckContext = { con, manifest, pack, has: (t) => present.has(t) };
      for (const group of [keyChecks, countChecks, timeChecks, ...pack.checks.groups]) {
        try {
          checks.push(...(await group(ctx)));
        } catch (err) {
          // An unreadable or malformed file must fail the run with its reason, not crash it.
          const reason = String((err as Error).message).split('\n')[0]!;
          checks.push(result(GROUP.files, `${group.name}: DuckDB could read the data`, 'yes', reason, false));
        }
      }
    } finally {
      con.closeSync();
      instance.closeSync();
      rmSync(spill, { recursive: true, force: true });
    }
  }
  return { passed: checks.every((c) => c.pass), checks, seconds: (performance.now() - started) / 1000 };
}
