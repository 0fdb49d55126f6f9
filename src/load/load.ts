/** `gen-parquet load`: the target's loader, with the names it is given checked first. */
import { UsageError } from '../errors.js';
import { loadDuckDb } from './duckdbLoader.js';
import type { LoadOptions, LoadResult } from './loadOptions.js';
import { loadPostgres } from './postgresLoader.js';
import type { Target } from './target.js';

export { openDataset } from './dataset.js';
export type { LoadOptions, LoadResult, TableLoad } from './loadOptions.js';
export { parseTarget } from './target.js';

/** The default schema of each target. */
export const defaultSchema = (target: Target) => (target.kind === 'postgres' ? 'public' : 'main');

/** Names PostgreSQL and DuckDB both take without quotes, so a user's own queries need none either. */
export function checkNames(schema: string, prefix: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema) || Buffer.byteLength(schema) > 63)
    throw new UsageError(
      `--schema ${schema}: accepted: lower-case letters, digits and _, not starting with a digit, up to 63 characters`,
    );
  if (!/^([a-z_][a-z0-9_]*)?$/.test(prefix))
    throw new UsageError(
      `--table-prefix ${prefix}: accepted: lower-case letters, digits and _, not starting with a digit`,
    );
}

export async function load(
  target: Target,
  o: LoadOptions & { readonly views: boolean },
): Promise<LoadResult> {
  checkNames(o.schema, o.prefix);
  if (target.kind === 'postgres') {
    if (o.views) throw new UsageError('--views: only for a DuckDB target (--to duckdb:FILE)');
    return loadPostgres(target, o);
  }
  return loadDuckDb(target, o);
}
