/** Guards the output folder: never delete a non-empty folder without --force, nor anything we did not write. */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { TABLE_NAMES } from '../schema/tables.js';
import { MANIFEST, SUCCESS } from './manifest.js';

const OURS = new Set([...TABLE_NAMES, MANIFEST, SUCCESS, '_validation.json', `${MANIFEST}.tmp`]);

export async function prepareOutputDir(outDir: string, force: boolean): Promise<void> {
  let entries: string[];
  try {
    const info = await stat(outDir);
    if (!info.isDirectory())
      throw new UsageError(`--out ${outDir}: is a file; pass a folder path (it is created if missing)`);
    entries = await readdir(outDir);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new UsageError(
        `--out ${outDir}: cannot read (${(err as NodeJS.ErrnoException).code}); pass a writable folder`,
      );
    }
    entries = [];
  }
  if (entries.length > 0) {
    if (!force) {
      throw new UsageError(
        `--out ${outDir}: folder is not empty; pass --force to replace its dataset, or choose another --out`,
      );
    }
    const foreign = entries.filter((e) => !OURS.has(e));
    if (foreign.length) {
      throw new UsageError(
        `--out ${outDir}: holds files gen-parquet did not write (${foreign.slice(0, 3).join(', ')}); refusing to delete them even with --force`,
      );
    }
    await rm(join(outDir, SUCCESS), { force: true });
    for (const e of entries) await rm(join(outDir, e), { recursive: true, force: true });
  }
  try {
    await mkdir(outDir, { recursive: true });
  } catch (err) {
    throw new UsageError(
      `--out ${outDir}: cannot create (${(err as NodeJS.ErrnoException).code}); pass a writable folder`,
    );
  }
}
