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

/** `read_parquet([...])` of `files` (relative paths) under `root`, whose path must hold no glob character. */
export function readParquet(root: string, table: DatasetTable): string {
  if (GLOB.test(root)) throw new Error(`internal: ${root} holds a glob character`);
  const list = table.files.map((f) => sqlString(join(root, f))).join(', ');
  return `read_parquet([${list}], hive_partitioning = false)`;
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
