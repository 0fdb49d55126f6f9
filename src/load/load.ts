/** `gen-parquet load`: the target's loader, with the names it is given checked first. */
import { UsageError } from '../errors.js';
import { refuseDrift } from '../quality/drift.js';
import { loadCsv } from './csvLoader.js';
import { loadDuckDb } from './duckdbLoader.js';
import type { LoadOptions, LoadResult } from './loadOptions.js';
import { loadPostgres } from './postgresLoader.js';
import { ISSUES_TABLE, withIssues } from './spoiled.js';
import type { Target } from './target.js';

export { openDataset } from './dataset.js';
export type { LoadOptions, LoadResult, TableLoad } from './loadOptions.js';
export { parseTarget } from './target.js';

/** The default schema of each target (a CSV target has none). */
export const defaultSchema = (target: Target) =>
  target.kind === 'postgres' ? 'public' : target.kind === 'duckdb' ? 'main' : '';

/** Names PostgreSQL and DuckDB both take without quotes, so a user's own queries need none either. */
export function checkNames(schema: string, prefix: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema) || Buffer.byteLength(schema) > 63)
    throw new UsageError(
      `--schema ${schema}: accepted: lower-case letters, digits and _, not starting with a digit, up to 63 characters`,
    );
  checkPrefix(prefix);
}

function checkPrefix(prefix: string): void {
  if (!/^([a-z_][a-z0-9_]*)?$/.test(prefix))
    throw new UsageError(
      `--table-prefix ${prefix}: accepted: lower-case letters, digits and _, not starting with a digit`,
    );
}

/** The suffix ends a CSV file's name, which `dbt seed` makes a table's: so the same letters as the prefix. */
function checkSuffix(suffix: string): void {
  if (!/^[a-z0-9_]*$/.test(suffix))
    throw new UsageError(`--suffix ${suffix}: accepted: lower-case letters, digits and _`);
}

export async function load(
  target: Target,
  o: LoadOptions & { readonly views: boolean; readonly suffix?: string },
): Promise<LoadResult> {
  refuseDrift(o.dataset.outDir, o.dataset.manifest.ground_truth, 'a load');
  if (target.kind === 'csv') {
    if (o.schema)
      throw new UsageError(
        '--schema: only for a database target; a CSV file is named <table-prefix><table><suffix>.csv',
      );
    if (o.views) throw new UsageError('--views: only for a DuckDB target (--to duckdb:FILE)');
    const suffix = o.suffix ?? '';
    checkPrefix(o.prefix);
    checkSuffix(suffix);
    return loadCsv(target, { ...o, suffix });
  }
  if (o.suffix !== undefined) throw new UsageError('--suffix: only for a CSV target (--to csv:DIR)');
  checkNames(o.schema, o.prefix);
  if (target.kind === 'postgres') {
    if (o.views) throw new UsageError('--views: only for a DuckDB target (--to duckdb:FILE)');
    return spoiledNote(o, await loadPostgres(target, withIssues(o)));
  }
  return spoiledNote(o, await loadDuckDb(target, withIssues(o)));
}

/** A spoiled dataset's tables lack what a clean load declares: the summary says so. */
function spoiledNote(o: LoadOptions & { readonly views: boolean }, result: LoadResult): LoadResult {
  const quality = o.dataset.manifest.quality;
  if (!quality) return result;
  const what = o.views ? 'views' : 'tables without keys and constraints';
  return {
    ...result,
    note: `spoiled dataset (--quality ${quality.profile}): loaded as ${what}, its ground truth as ${o.prefix}${ISSUES_TABLE}`,
  };
}
