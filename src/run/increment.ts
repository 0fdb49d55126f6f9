/**
 * An append's files wait in `<out>/_next/` (outside every table folder, so no table glob sees them)
 * until all are written. Then the increment is committed: the new manifest is written to
 * `_next/_manifest.json` (from then on the increment is decided and only rolls forward), `_SUCCESS`
 * goes, each file is renamed into place (a mutable table's file over its older snapshot), files the
 * new snapshot no longer has are removed, the manifest is renamed into place, and `_SUCCESS` comes
 * back. A stop before the commit leaves the previous increment as it was; a stop during it is
 * finished by the next `append` or run on the folder (`rollForward`).
 *
 * A dataset with Iceberg tables stages the increment's metadata beside its files: the new
 * `_iceberg.json` as `_next/_iceberg.json` (written before the metadata files, so it vouches for each
 * of them), the new Avro files, `vN.metadata.json` and `version-hint.text` in
 * `_next/<table>/metadata/`. They go into place after the data files (`placeIcebergMetadata`), so
 * until then every table's current version is the previous one.
 */
import { mkdir, readFile, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsError } from './fsErrors.js';
import { ICEBERG_RECORD, placingRank, readIcebergRecord, writeIcebergRecord } from './icebergRecord.js';
import { JOURNAL } from './journal.js';
import { MANIFEST, type Manifest, SUCCESS, writeAtomic, writeManifest } from './manifest.js';
import { removeFiles } from './removeFiles.js';

export const NEXT_DIR = '_next';

const VALIDATION = '_validation.json';

export const nextDir = (outDir: string) => join(outDir, NEXT_DIR);

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function moveIntoPlace(outDir: string, path: string): Promise<void> {
  const from = join(nextDir(outDir), path);
  if (!(await exists(from))) return; // moved before a stop
  const to = join(outDir, path);
  try {
    await mkdir(dirname(to), { recursive: true });
    await rename(from, to);
  } catch (err) {
    throw fsError('write', to, err);
  }
}

/**
 * Puts the staged Iceberg metadata in place: `_iceberg.json` first names both the files coming and
 * those going (so a stop leaves none unvouched), then the files move in their placing order
 * (`version-hint.text` last), the files the new record no longer lists (an expired snapshot's
 * manifests) are deleted, and the new record is written. Idempotent, like the rest of `finish`.
 */
async function placeIcebergMetadata(outDir: string): Promise<void> {
  const staged = await readIcebergRecord(nextDir(outDir));
  if (!staged) return;
  const keeping = new Set(staged.files.map((f) => f.path));
  const dropped = ((await readIcebergRecord(outDir))?.files ?? []).filter((f) => !keeping.has(f.path));
  await writeIcebergRecord(outDir, { ...staged, complete: false, files: [...staged.files, ...dropped] });
  const placing = [...staged.files].sort((a, b) => placingRank(a.path) - placingRank(b.path));
  for (const f of placing) await moveIntoPlace(outDir, f.path);
  await removeFiles(
    outDir,
    dropped.map((f) => f.path),
  );
  await writeIcebergRecord(outDir, staged);
  await removeFiles(
    outDir,
    staged.files.map((f) => `${NEXT_DIR}/${f.path}`),
  );
  await rm(join(nextDir(outDir), ICEBERG_RECORD), { force: true });
}

/** Finishes a decided increment: every step is idempotent, so a stop anywhere in it is finished by running it again. */
async function finish(outDir: string, manifest: Manifest): Promise<void> {
  await rm(join(outDir, SUCCESS), { force: true });
  await rm(join(outDir, VALIDATION), { force: true });
  for (const f of manifest.files) await moveIntoPlace(outDir, f.path);
  await removeFiles(outDir, manifest.increments.at(-1)?.removed ?? []);
  await placeIcebergMetadata(outDir);
  try {
    await rename(join(nextDir(outDir), MANIFEST), join(outDir, MANIFEST));
  } catch (err) {
    throw fsError('write', join(outDir, MANIFEST), err);
  }
  await rm(join(outDir, JOURNAL), { force: true });
  // Every file has moved out: what is left of `_next/` is empty folders.
  await removeFiles(
    outDir,
    manifest.files.map((f) => `${NEXT_DIR}/${f.path}`),
  );
  await rmdir(nextDir(outDir)).catch(() => {});
  await writeAtomic(join(outDir, SUCCESS), '');
}

/** Commits an increment whose files are all in `_next/`. */
export async function commitIncrement(outDir: string, manifest: Manifest): Promise<void> {
  await mkdir(nextDir(outDir), { recursive: true });
  await writeManifest(nextDir(outDir), manifest);
  await finish(outDir, manifest);
}

/** Finishes an increment a stop interrupted during its commit; returns whether there was one. */
export async function rollForward(outDir: string): Promise<boolean> {
  const path = join(nextDir(outDir), MANIFEST);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return false;
  }
  await finish(outDir, JSON.parse(text) as Manifest);
  return true;
}
