/**
 * Opens the output folder for a run: a fresh or --force'd folder starts empty of our files; an
 * unfinished run with the same parameters resumes (its verified files are kept); a complete dataset
 * with the same parameters is left as it is; anything made with other parameters is refused, naming
 * the difference.
 *
 * gen-parquet deletes only what it can prove it wrote: files listed in the folder's `_manifest.json`
 * or `_progress.jsonl` (which also names every file a crashed write had started), the Iceberg
 * metadata files its `_iceberg.json` lists, its own top-level
 * names once the folder is proven ours, and its temporaries (`_tmp/`, `*.tmp`, and older versions'
 * `.tmp-*` folders). A folder with neither manifest nor journal is not a gen-parquet output; any
 * other file found inside an output makes the run refuse, naming it, before anything is deleted.
 */
import type { Dirent } from 'node:fs';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { SCHEMA_VERSIONS_PATH } from '../quality/issues.js';
import { NOTES } from '../quality/notes.js';
import type { FileResult } from './factShard.js';
import { cannotWriteOut, describe, fsError, whyCannotCreate } from './fsErrors.js';
import { ICEBERG_RECORD, type IcebergRecord, isMetadataPath, readIcebergRecord } from './icebergRecord.js';
import { NEXT_DIR, rollForward } from './increment.js';
import { JOURNAL, readJournal, verifiedFiles } from './journal.js';
import { LOCK } from './lock.js';
import { MANIFEST, type Manifest, readManifest, SUCCESS } from './manifest.js';
import { listParts, PARTS_DIR } from './partRecord.js';
import { remove, removeFiles } from './removeFiles.js';
import { differences, type RunParams, requireSameParams } from './runParams.js';
import { TEMP_DIR } from './temporaries.js';

const VALIDATION = '_validation.json';
/** Our top-level files: ours to delete only in a folder a manifest or journal proves is ours. */
const TOP_FILES = [MANIFEST, SUCCESS, VALIDATION, JOURNAL, ICEBERG_RECORD, NOTES];
/** Older versions wrote temporaries as `.tmp-*` folders beside the files. */
const LEGACY_TEMP_PREFIX = '.tmp-';

export type FolderState =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'complete' }
  | { readonly kind: 'resume'; readonly reuse: Map<string, FileResult> };

/** A finished dataset an append extends: its manifest, and staged files of an interrupted append of the same days. */
export type AppendState =
  | { readonly kind: 'complete'; readonly manifest: Manifest }
  | {
      readonly kind: 'append';
      readonly manifest: Manifest;
      readonly reuse: Map<string, FileResult>;
      /** The dataset's Iceberg tables, when it has them: the increment commits to each. */
      readonly iceberg: IcebergRecord | undefined;
    };

/** What a folder holds, sorted by whose it can be. */
export interface Contents {
  /** Top-level files that are not ours. */
  readonly foreign: string[];
  /** Our top-level files present (`_manifest.json`, `_SUCCESS`, …, and the parts' folder `_parts`). */
  readonly own: string[];
  /** Our temporaries, relative to the folder: ours by name, whatever else the folder holds. */
  readonly temporaries: string[];
  /** Every file (anything not a folder) under the top-level folders (table folders), relative, `/`-separated. */
  readonly files: string[];
  /** Files an append has staged in `_next/`, relative to it. */
  readonly staged: string[];
}

const isTemporaryTop = (name: string) => name === TEMP_DIR || TOP_FILES.some((own) => name === `${own}.tmp`);

/**
 * A path a manifest or journal may vouch for: a Parquet file inside a (table) folder of the output,
 * never outside it, or the ground truth's schema versions. Table names are not needed: a folder's files are ours only if listed.
 */
export const isDataPath = (p: unknown): p is string =>
  p === SCHEMA_VERSIONS_PATH ||
  (typeof p === 'string' &&
    p.endsWith('.parquet') &&
    p.includes('/') &&
    p.split('/').every((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('\\')));

async function list(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true });
  } catch (err) {
    throw fsError('read', dir, err);
  }
}

export async function scan(outDir: string): Promise<Contents> {
  const found: Contents = { foreign: [], own: [], temporaries: [], files: [], staged: [] };
  const walk = async (rel: string, into: string[], base = ''): Promise<void> => {
    for (const e of await list(join(outDir, base, rel))) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (!e.isDirectory()) into.push(path);
      else if (e.name.startsWith(LEGACY_TEMP_PREFIX)) found.temporaries.push(join(base, path));
      else await walk(path, into, base);
    }
  };
  for (const e of await list(outDir)) {
    if (e.name === LOCK) continue;
    if (e.name === NEXT_DIR && e.isDirectory()) await walk('', found.staged, NEXT_DIR);
    else if (isTemporaryTop(e.name)) found.temporaries.push(e.name);
    else if (TOP_FILES.includes(e.name) || (e.name === PARTS_DIR && e.isDirectory())) found.own.push(e.name);
    else if (e.isDirectory()) await walk(e.name, found.files);
    else found.foreign.push(e.name);
  }
  for (const names of Object.values(found)) names.sort();
  return found;
}

export const some = (paths: readonly string[]) =>
  `${paths.slice(0, 3).join(', ')}${paths.length > 3 ? `, and ${paths.length - 3} more` : ''}`;

/** Removes our temporaries; after a failure, best effort: the failure is what the user must see. */
export async function removeTemporaries(outDir: string): Promise<void> {
  try {
    for (const t of (await scan(outDir)).temporaries) await remove(outDir, t);
  } catch {
    // a folder we cannot read or clean: the run's own error says what went wrong
  }
}

/** Makes sure `outDir` is a folder we may write, creating it if missing; a UsageError says why not. */
export async function createOutputDir(outDir: string): Promise<void> {
  try {
    if (!(await stat(outDir)).isDirectory()) {
      throw new UsageError(`--out ${outDir}: is a file; pass a folder path (it is created if missing)`);
    }
    return;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    // ENOTDIR: a file stands where a parent folder should be, which the creation below reports.
    if (!['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) {
      throw new UsageError(`--out ${outDir}: cannot read it: ${describe(err)}; pass a writable folder`);
    }
  }
  try {
    await mkdir(outDir, { recursive: true });
  } catch {
    const { place, reason } = await whyCannotCreate(outDir);
    throw cannotWriteOut(outDir, place, reason);
  }
}

async function manifestIn(outDir: string, found: Contents): Promise<Manifest | string> {
  if (!found.own.includes(MANIFEST)) return `no ${MANIFEST} or ${JOURNAL}`;
  try {
    const manifest = await readManifest(outDir);
    return Array.isArray(manifest.files) ? manifest : `${MANIFEST} lists no files`;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * Staged files of an interrupted append that its journal names, or (Iceberg metadata) that the staged
 * `_next/_iceberg.json` names: ours to delete, the staged record last; any other makes us refuse.
 */
async function stagedOurs(
  outDir: string,
  found: Contents,
  journal: ReturnType<typeof readJournal>,
): Promise<string[]> {
  const staged = await readIcebergRecord(join(outDir, NEXT_DIR)).catch(() => undefined);
  const named = new Set([
    ...(journal?.files.map((f) => f.path) ?? []).filter(isDataPath),
    ...(journal?.writing ?? []).filter(isDataPath),
    ...(staged?.files.map((f) => f?.path) ?? []).filter(isMetadataPath),
  ]);
  const records = [`${ICEBERG_RECORD}.tmp`, ICEBERG_RECORD];
  const unknown = found.staged.filter((f) => !named.has(f) && !records.includes(f));
  if (unknown.length) {
    throw new UsageError(
      `--out ${outDir}: holds files gen-parquet did not write (${some(unknown.map((f) => `${NEXT_DIR}/${f}`))}); move them out of the folder (gen-parquet never deletes them)`,
    );
  }
  const last = (f: string) => (records.includes(f) ? 1 : 0);
  return [...found.staged].sort((a, b) => last(a) - last(b)).map((f) => `${NEXT_DIR}/${f}`);
}

/** Parts write beside each other, never beside a whole run or an append: refused, naming them. */
async function refuseParts(outDir: string, found: Contents, what: string): Promise<void> {
  if (!found.own.includes(PARTS_DIR)) return;
  const { entries, foreign } = await listParts(outDir);
  // Empty: no part has taken its lock yet, and one that does next finds this writer's lock and stops.
  if (!entries.length && !foreign.length) return void (await rmdir(join(outDir, PARTS_DIR)).catch(() => {}));
  const names = [...new Set(entries.map((e) => `${e.k}/${e.n}`))];
  throw new UsageError(
    `--out ${outDir}: holds parts of a partitioned run (${PARTS_DIR}/: ${names.length ? some(names) : 'empty'}); ${what} cannot write beside them: run the missing parts with --part k/n, then gen-parquet commit --out ${outDir}, or choose another --out`,
  );
}

export async function openOutputDir(outDir: string, force: boolean, params: RunParams): Promise<FolderState> {
  await rollForward(outDir);
  const found = await scan(outDir);
  await refuseParts(outDir, found, 'a run without --part');
  const journal = readJournal(outDir);
  const manifest = await manifestIn(outDir, found);
  // An append stages beside a finished dataset: its journal and _SUCCESS stand together.
  const appending =
    journal &&
    found.own.includes(SUCCESS) &&
    typeof manifest !== 'string' &&
    JSON.stringify(journal.params.window) !== JSON.stringify(manifest.window);
  if (appending) {
    if (!force) {
      throw new UsageError(
        `--out ${outDir}: holds an unfinished append (to ${journal.params.window?.end}); run gen-parquet append --out ${outDir} again to finish it, or pass --force to replace the dataset`,
      );
    }
    for (const f of await stagedOurs(outDir, found, journal)) await remove(outDir, f);
    await remove(outDir, NEXT_DIR);
    found.staged.length = 0;
  }
  if (!journal && typeof manifest === 'string') {
    const shown = [...found.foreign, ...found.files, ...found.own];
    if (shown.length) {
      throw new UsageError(
        `--out ${outDir}: not a gen-parquet output (${manifest}; found ${some(shown)}); choose an empty or new folder`,
      );
    }
    for (const t of found.temporaries) await remove(outDir, t);
    return { kind: 'fresh' };
  }
  if (found.foreign.length) {
    throw new UsageError(
      `--out ${outDir}: holds files gen-parquet did not write (${some(found.foreign)}); choose an empty or new folder`,
    );
  }
  if (!force) {
    if (!journal) {
      requireSameParams(outDir, manifest as Manifest, params);
      if (found.own.includes(SUCCESS)) return { kind: 'complete' };
      throw new UsageError(
        `--out ${outDir}: holds an incomplete dataset (${MANIFEST} without ${SUCCESS}); pass --force to replace it`,
      );
    }
    requireSameParams(outDir, journal.params, params);
  }

  const iceberg = found.own.includes(ICEBERG_RECORD)
    ? await readIcebergRecord(outDir).catch(() => undefined) // unreadable: its files count as unknown
    : undefined;
  const ours = new Set([
    ...[
      ...(typeof manifest === 'string' ? [] : manifest.files.map((f) => f?.path)),
      ...(journal?.files.map((f) => f.path) ?? []),
      ...(journal?.writing ?? []),
    ].filter(isDataPath),
    ...(iceberg?.files.map((f) => f?.path) ?? []).filter(isMetadataPath),
  ]);
  const unknown = found.files.filter((f) => !ours.has(f));
  if (unknown.length) {
    throw new UsageError(
      `--out ${outDir}: holds files gen-parquet did not write (${some(unknown)}); move them out of the folder (gen-parquet never deletes them)${force ? '' : ', then run again to resume'}`,
    );
  }

  // A half-cleaned folder must never look complete, and must stay provably ours: _SUCCESS goes
  // first, the manifest and journal (the proof) last.
  for (const f of [SUCCESS, VALIDATION]) if (found.own.includes(f)) await remove(outDir, f);
  for (const t of found.temporaries) await remove(outDir, t);
  if (force || !journal) {
    await removeFiles(outDir, found.files);
    for (const f of [NOTES, ICEBERG_RECORD, MANIFEST, JOURNAL])
      if (found.own.includes(f)) await remove(outDir, f);
    return { kind: 'fresh' };
  }
  const reuse = await verifiedFiles(
    outDir,
    journal.files.filter((f) => isDataPath(f.path)),
  );
  await removeFiles(
    outDir,
    found.files.filter((f) => !reuse.has(f)),
  );
  // Its files (never data files) are gone: the resumed run writes the metadata again if asked.
  if (found.own.includes(ICEBERG_RECORD)) await remove(outDir, ICEBERG_RECORD);
  return { kind: 'resume', reuse };
}

/**
 * Opens a finished dataset for `append`: a decided increment is finished first; the folder must hold
 * a complete dataset of the same parameters but the window, which `params.window` extends. Staged
 * files of an interrupted append of the same days are verified and kept; of other days, removed.
 */
export async function openForAppend(outDir: string, params: RunParams): Promise<AppendState> {
  await rollForward(outDir);
  const found = await scan(outDir);
  await refuseParts(outDir, found, 'append');
  const manifest = await manifestIn(outDir, found);
  if (typeof manifest === 'string' || !found.own.includes(SUCCESS)) {
    throw new UsageError(
      `--out ${outDir}: not a finished gen-parquet dataset (${typeof manifest === 'string' ? manifest : `no ${SUCCESS}`}); append extends a dataset a finished run wrote`,
    );
  }
  if (found.foreign.length) {
    throw new UsageError(
      `--out ${outDir}: holds files gen-parquet did not write (${some(found.foreign)}); move them out of the folder`,
    );
  }
  const iceberg = found.own.includes(ICEBERG_RECORD) ? await readIcebergRecord(outDir) : undefined;
  if (iceberg && !iceberg.complete) {
    throw new UsageError(
      `--out ${outDir}: its Iceberg metadata was being written when gen-parquet stopped; run gen-parquet iceberg --out ${outDir} to finish it, then append`,
    );
  }
  const differ = differences(manifest, params);
  if (differ.length) {
    throw new UsageError(
      `--out ${outDir}: append must use the dataset's own parameters; it differs in ${differ.join('; ')}`,
    );
  }
  const ours = new Set([...manifest.files.map((f) => f.path), ...(iceberg?.files.map((f) => f.path) ?? [])]);
  const unknown = found.files.filter((f) => !ours.has(f));
  if (unknown.length) {
    throw new UsageError(
      `--out ${outDir}: holds files gen-parquet did not write (${some(unknown)}); move them out of the folder (gen-parquet never deletes them)`,
    );
  }
  if (params.window.end === manifest.window.end) return { kind: 'complete', manifest };
  const journal = readJournal(outDir);
  const staged = await stagedOurs(outDir, found, journal);
  for (const t of found.temporaries) await remove(outDir, t);
  const sameDays = journal && JSON.stringify(journal.params) === JSON.stringify(params);
  const reuse = sameDays
    ? await verifiedFiles(
        join(outDir, NEXT_DIR),
        journal.files.filter((f) => isDataPath(f.path)),
      )
    : new Map<string, FileResult>();
  await removeFiles(
    outDir,
    staged.filter((f) => !reuse.has(f.slice(NEXT_DIR.length + 1))),
  );
  return { kind: 'append', manifest, reuse, iceberg };
}
