/** Temporary files live under `<out>/_tmp/`, outside the table folders, so no table glob can ever match one, even after kill -9. */
import { join } from 'node:path';

export const TEMP_DIR = '_tmp';

/**
 * The folder for a run's temporaries in `outDir`: inside it, so a rename into place never crosses
 * file systems; beside the table folders, never in one. Its `_` prefix also hides it from Hive-style
 * readers (Spark, polars, DuckDB) pointed at the whole output.
 */
export function tempRoot(outDir: string): string {
  return join(outDir, TEMP_DIR);
}

/** A write's temporaries: its own folder when it shares the output with other writers (a part), else the output's. */
export function tempDirOf(opts: { readonly outDir: string; readonly tempDir?: string }): string {
  return opts.tempDir ?? tempRoot(opts.outDir);
}
