/**
 * Opens the output folder for a run. A fresh or --force'd folder starts empty; an unfinished run with
 * the same parameters resumes (its verified files are kept); a complete dataset with the same
 * parameters is left as it is; anything made with other parameters is refused, naming the difference.
 * Files gen-parquet did not write are never deleted, even with --force.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { FileResult } from './factShard.js';
import { JOURNAL, readJournal, verifiedFiles } from './journal.js';
import { LOCK } from './lock.js';
import { MANIFEST, readManifest, SUCCESS } from './manifest.js';
import { type RunParams, requireSameParams } from './runParams.js';

const OUR_FILES = [MANIFEST, SUCCESS, '_validation.json', JOURNAL, LOCK, `${MANIFEST}.tmp`, `${SUCCESS}.tmp`];

export type FolderState =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'complete' }
  | { readonly kind: 'resume'; readonly reuse: Map<string, FileResult> };

/** Fails with a UsageError unless `outDir` is a folder we may write (creating it if missing). */
export async function checkOutputPath(outDir: string): Promise<void> {
  try {
    if (!(await stat(outDir)).isDirectory()) {
      throw new UsageError(`--out ${outDir}: is a file; pass a folder path (it is created if missing)`);
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UsageError(
        `--out ${outDir}: cannot read (${(err as NodeJS.ErrnoException).code}); pass a writable folder`,
      );
    }
  }
}

/** Removes half-written leftovers (temporary names) of a run that stopped. */
export async function removeTemporaries(outDir: string, tables: readonly string[]): Promise<void> {
  await removeUnverified(outDir, tables, undefined);
}

/** Removes half-written leftovers, and (given `keep`) Parquet files the journal cannot vouch for. */
async function removeUnverified(
  outDir: string,
  tables: readonly string[],
  keep: ReadonlyMap<string, FileResult> | undefined,
): Promise<void> {
  for (const table of tables) {
    const dir = join(outDir, table);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { recursive: true, withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const path = join(e.parentPath, e.name);
      const rel = path.slice(outDir.length + 1);
      if (e.name.startsWith('.tmp-')) await rm(path, { recursive: true, force: true });
      else if (
        e.isFile() &&
        (e.name.endsWith('.tmp') || (keep && e.name.endsWith('.parquet') && !keep.has(rel)))
      ) {
        await rm(path, { force: true });
      }
    }
  }
}

/** `tables`: every table of the run's scenario (their folders are ours). */
export async function openOutputDir(
  outDir: string,
  force: boolean,
  params: RunParams,
  tables: readonly string[],
): Promise<FolderState> {
  const ours = new Set([...tables, ...OUR_FILES]);
  const entries = (await readdir(outDir)).filter((e) => e !== LOCK);
  if (!entries.length) return { kind: 'fresh' };
  const foreign = entries.filter((e) => !ours.has(e));
  if (foreign.length) {
    throw new UsageError(
      `--out ${outDir}: holds files gen-parquet did not write (${foreign.slice(0, 3).join(', ')}); choose an empty or new folder`,
    );
  }
  if (force) {
    await rm(join(outDir, SUCCESS), { force: true });
    for (const e of entries) await rm(join(outDir, e), { recursive: true, force: true });
    return { kind: 'fresh' };
  }
  const journal = readJournal(outDir);
  if (journal) {
    requireSameParams(outDir, journal.params, params);
    const reuse = await verifiedFiles(outDir, journal.files);
    await removeUnverified(outDir, tables, reuse);
    return { kind: 'resume', reuse };
  }
  if (entries.includes(SUCCESS) && entries.includes(MANIFEST)) {
    const manifest = await readManifest(outDir);
    requireSameParams(outDir, manifest, params);
    return { kind: 'complete' };
  }
  throw new UsageError(
    `--out ${outDir}: holds an unfinished dataset of unknown parameters; pass --force to replace it`,
  );
}
