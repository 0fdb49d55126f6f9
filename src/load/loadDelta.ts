/**
 * What an incremental load changes in one table, from the manifest's list of increments: the
 * partitions whose files changed since the increment the target holds (added, replaced or removed
 * files), and the files the folder has now in those partitions. The target's rows of a partition are
 * exactly the rows of that partition's files, so bringing a table forward is: put in the rows of the
 * current files of each changed partition, and take out the rows those partitions no longer have.
 */
import type { Manifest } from '../run/manifest.js';
import type { TableSpec } from '../schema/tableSpec.js';
import type { DatasetTable } from './dataset.js';

/** The paths the dataset held once increment `number` was complete. */
export function filesAt(manifest: Manifest, number: number): Set<string> {
  const files = new Set<string>();
  for (const inc of manifest.increments) {
    if (inc.number > number) break;
    for (const p of inc.added) files.add(p);
    for (const p of inc.replaced) files.add(p);
    for (const p of inc.removed) files.delete(p);
  }
  return files;
}

/** A file's partition: its folder (`orders/order_date=2024-01-01`, or `customers` for a table without partitions). */
export const partitionOf = (path: string) => path.slice(0, Math.max(0, path.lastIndexOf('/')));

export interface TableDelta {
  readonly spec: TableSpec;
  /** The changed partitions' folders. */
  readonly partitions: readonly string[];
  /** The folder's files now in those partitions, in manifest order, with their rows. */
  readonly source: DatasetTable;
  /** Whether the target holds rows in those partitions (some had files at the earlier increment). */
  readonly touchesRows: boolean;
}

/** `table`'s change from increment `from` to the folder's latest (no partitions: nothing to do). */
export function tableDelta(manifest: Manifest, spec: TableSpec, from: number): TableDelta {
  const before = filesAt(manifest, from);
  const rewritten = new Set<string>();
  for (const inc of manifest.increments)
    if (inc.number > from) for (const p of [...inc.added, ...inc.replaced, ...inc.removed]) rewritten.add(p);
  const own = (p: string) => p.startsWith(`${spec.name}/`);
  const partitions = new Set([...rewritten].filter(own).map(partitionOf));
  const now = manifest.files.filter((f) => f.table === spec.name && partitions.has(partitionOf(f.path)));
  return {
    spec,
    partitions: [...partitions].sort(),
    source: { spec, files: now.map((f) => f.path), rows: now.reduce((a, f) => a + f.rows, 0) },
    touchesRows: [...before].some((p) => own(p) && partitions.has(partitionOf(p))),
  };
}

/** The next month's first day of `YYYY-MM`, as `YYYY-MM-DD`. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * SQL (PostgreSQL and DuckDB alike) true for the rows of `partitions` in the loaded table: a Hive
 * folder `col=YYYY-MM-DD` is that date of the table's partition column, `col=YYYY-MM` that month
 * (the column is always the day); a table without partitions is one partition, all its rows.
 */
export function partitionPredicate(spec: TableSpec, partitions: readonly string[]): string {
  const column = spec.partition && `"${spec.partition.column}"`;
  const days: string[] = [];
  const ranges: string[] = [];
  for (const folder of partitions) {
    const value = /=([0-9-]+)$/.exec(folder)?.[1];
    if (!column || value === undefined) return 'TRUE';
    if (value.length === 10) days.push(`DATE '${value}'`);
    else ranges.push(`(${column} >= DATE '${value}-01' AND ${column} < DATE '${nextMonth(value)}')`);
  }
  if (days.length) ranges.unshift(`${column} IN (${days.join(', ')})`);
  return ranges.length ? ranges.join(' OR ') : 'FALSE';
}
