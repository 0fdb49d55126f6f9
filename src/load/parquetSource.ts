/**
 * How DuckDB reads a table's Parquet files for a load: the explicit file list of the manifest, never
 * a glob. DuckDB expands glob characters (`*`, `?`, `[`) even inside a list of paths, so a folder
 * named `out[1]` would silently read `out1`; the list therefore goes through a symbolic link to the
 * folder, made in a private temporary folder whose path holds none of them.
 */
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatasetTable } from './dataset.js';

const GLOB = /[*?[\]{}]/;

export const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * DuckDB keeps ~37 KB per file of a `read_parquet` list until the scan ends (4,008 files: 319 MB
 * peak RSS, 668: 171 MB), so a table is read as consecutive scans of at most this many files.
 */
export const FILES_PER_SCAN = 256;

/** `read_parquet([...])` of each run of ≤ FILES_PER_SCAN of the table's files under `root`, in order. */
export function readParquet(root: string, table: DatasetTable, perScan = FILES_PER_SCAN): string[] {
  if (GLOB.test(root)) throw new Error(`internal: ${root} holds a glob character`);
  const scans: string[] = [];
  for (let i = 0; i < table.files.length; i += perScan) {
    const list = table.files.slice(i, i + perScan).map((f) => sqlString(join(root, f)));
    scans.push(`read_parquet([${list.join(', ')}], hive_partitioning = false)`);
  }
  return scans;
}

/** Whether DuckDB would take `path` for a pattern. */
export const hasGlob = (path: string) => GLOB.test(path);

export interface SourceRoot {
  /** A path to the folder without glob characters. */
  readonly root: string;
  close(): void;
}

export function globFreeRoot(outDir: string): SourceRoot {
  const real = realpathSync(outDir);
  if (!hasGlob(real)) return { root: real, close() {} };
  const dir = mkdtempSync(join(tmpdir(), 'gen-parquet-load-'));
  const root = join(dir, 'out');
  if (hasGlob(root)) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the temporary folder ${dir} holds a glob character; set TMPDIR to a plain path`);
  }
  symlinkSync(real, root);
  return { root, close: () => rmSync(dir, { recursive: true, force: true }) };
}
