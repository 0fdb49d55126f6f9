/**
 * A table's content digest: the sum over its rows of DuckDB's hash of the row's values, the same
 * whatever the row order. Computed on the clean rows as they are generated (the writer feeds them to
 * DuckDB) and again by validation on the clean rows rebuilt from the dirty files and the ground truth:
 * equal digests mean the dirty data differs from the clean data by the listed issues only. Enum
 * columns are hashed as text: written files hold them as text.
 */
import type { TableSpec } from '../schema/tableSpec.js';

/** `sum(hash(…))` of a row's columns, as text (a HUGEINT). `alias` prefixes each column. */
export function digestSql(spec: TableSpec, alias = ''): string {
  const cols = spec.columns.map((c) => {
    const ref = `${alias}"${c.name}"`;
    return c.type === 'enum' ? `CAST(${ref} AS VARCHAR)` : ref;
  });
  return `CAST(sum(hash(${cols.join(', ')})) AS VARCHAR)`;
}
