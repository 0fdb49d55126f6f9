/**
 * Puts Iceberg metadata files in place in an output folder without ever showing a reader a metadata
 * version whose files are missing, and without touching a file gen-parquet cannot prove it wrote.
 *
 * Every file is written under `<out>/_tmp/` first. `_iceberg.json` then names every file about to be
 * placed (and those it replaces), so a crash at any later point leaves only files the record
 * vouches for. The files are renamed into place manifests first, then each `vN.metadata.json`, then
 * `version-hint.text`: a metadata version appears only once everything it references is there.
 * Files of the previous record that are no longer needed go last, and the record is rewritten
 * `complete`.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InterruptedError, UsageError } from '../errors.js';
import { fsError } from '../run/fsErrors.js';
import {
  type IcebergRecord,
  isMetadataPath,
  placingRank,
  type RecordedFile,
  writeIcebergRecord,
} from '../run/icebergRecord.js';
import { tempRoot } from '../run/temporaries.js';

export interface OutputFile {
  /** Relative to the output folder: `<table>/metadata/<name>`. */
  readonly path: string;
  readonly bytes: Buffer;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function contents(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fsError('read', path, err);
  }
}

/**
 * Installs `files` and records them with `record`'s location and tables. Returns false, writing
 * nothing, when the folder already holds exactly these files under a complete record.
 */
export async function installFiles(
  outDir: string,
  files: readonly OutputFile[],
  record: Pick<IcebergRecord, 'table_location' | 'tables'>,
  previous: IcebergRecord | undefined,
  signal?: AbortSignal,
): Promise<boolean> {
  const vouched = new Set(previous?.files.map((f) => f.path));
  const recorded: RecordedFile[] = files.map((f) => {
    if (!isMetadataPath(f.path)) throw new Error(`internal: ${f.path} is not a metadata path`);
    return { path: f.path, bytes: f.bytes.length, sha256: sha256(f.bytes) };
  });
  let same = previous?.complete === true && previous.files.length === files.length;
  for (const f of files) {
    const existing = await contents(join(outDir, f.path));
    if (existing && !vouched.has(f.path)) {
      throw new UsageError(
        `--out ${outDir}: holds ${f.path}, which gen-parquet did not write; move it out of the folder (gen-parquet never replaces it)`,
      );
    }
    same &&= existing?.equals(f.bytes) === true;
  }
  if (same && previous?.table_location === record.table_location) return false;
  if (signal?.aborted) throw new InterruptedError('no Iceberg metadata was written.');

  await mkdir(tempRoot(outDir), { recursive: true });
  const temp = await mkdtemp(join(tempRoot(outDir), 'iceberg-'));
  try {
    const staged = files.map((f, i) => ({ ...f, temp: join(temp, String(i)) }));
    for (const f of staged) {
      await writeFile(f.temp, f.bytes).catch((err) => {
        throw fsError('write', f.temp, err);
      });
    }
    const placing = new Set(recorded.map((f) => f.path));
    const replaced = previous?.files.filter((f) => !placing.has(f.path)) ?? [];
    await writeIcebergRecord(outDir, {
      format_version: 2,
      ...record,
      complete: false,
      files: [...recorded, ...replaced],
    });
    for (const f of [...staged].sort((a, b) => placingRank(a.path) - placingRank(b.path))) {
      const target = join(outDir, f.path);
      await mkdir(dirname(target), { recursive: true });
      await rename(f.temp, target).catch((err) => {
        throw fsError('write', target, err);
      });
    }
    for (const f of replaced) await rm(join(outDir, f.path), { force: true });
    for (const dir of new Set(replaced.map((f) => dirname(join(outDir, f.path))))) {
      await rmdir(dir).catch(() => {}); // still holds files (or gone): stays
    }
    await writeIcebergRecord(outDir, { format_version: 2, ...record, complete: true, files: recorded });
  } finally {
    await rm(temp, { recursive: true, force: true });
    await rmdir(tempRoot(outDir)).catch(() => {}); // other temporaries in it: they stay
  }
  return true;
}
