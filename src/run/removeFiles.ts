/** Deleting what gen-parquet wrote: one path, or files and then the folders they leave empty. */
import { rm, rmdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsError } from './fsErrors.js';

export async function remove(outDir: string, rel: string): Promise<void> {
  try {
    await rm(join(outDir, rel), { recursive: true, force: true });
  } catch (err) {
    throw fsError('remove', join(outDir, rel), err);
  }
}

/** Removes `files`, then each folder they leave empty (up to, not including, the output folder). */
export async function removeFiles(outDir: string, files: readonly string[]): Promise<void> {
  for (const f of files) await remove(outDir, f);
  const folders = new Set(files.map((f) => dirname(f)).filter((d) => d !== '.'));
  for (const start of [...folders].sort((a, b) => b.length - a.length)) {
    for (let dir = start; dir !== '.'; dir = dirname(dir)) {
      try {
        await rmdir(join(outDir, dir));
      } catch {
        break; // not empty (or already gone): it and its parents stay
      }
    }
  }
}
