/** Group 6: the files on disk are exactly the manifest's, byte for byte, and `_SUCCESS` is there. */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { type Manifest, SUCCESS } from '../run/manifest.js';
import { type CheckResult, GROUP, result, zero } from './check.js';

async function listParquet(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.parquet'))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((p) => !p.startsWith('_')) // `_tmp/`, an append's `_next/`: ours, outside every table
    .sort();
}

export async function fileChecks(
  outDir: string,
  manifest: Manifest,
): Promise<{ checks: CheckResult[]; missing: number }> {
  const listed = new Set(manifest.files.map((f) => f.path));
  const unlisted = (await listParquet(outDir)).filter((p) => !listed.has(p));
  let missing = 0;
  const changed: string[] = [];
  for (const f of manifest.files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(outDir, f.path));
    } catch {
      missing++;
      continue;
    }
    if (bytes.length !== f.bytes || createHash('sha256').update(bytes).digest('hex') !== f.sha256)
      changed.push(f.path);
  }
  const success = (await readdir(outDir)).includes(SUCCESS);
  const named = (n: number, first?: string) => String(n) + (first ? ` (${first})` : '');
  return {
    missing,
    checks: [
      result(
        GROUP.files,
        'Parquet files not in the manifest',
        '0',
        named(unlisted.length, unlisted[0]),
        unlisted.length === 0,
      ),
      zero(GROUP.files, 'manifest files missing on disk', missing),
      result(
        GROUP.files,
        'files whose size or sha256 differ from the manifest',
        '0',
        named(changed.length, changed[0]),
        changed.length === 0,
      ),
      result(GROUP.files, `${SUCCESS} present`, 'yes', success ? 'yes' : 'no', success),
    ],
  };
}
