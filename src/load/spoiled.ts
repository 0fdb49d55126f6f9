/**
 * A dataset spoiled on purpose (`--quality`) in database tables: its planted duplicates, orphans and
 * NULLs break the primary keys, foreign keys and NOT NULL columns a clean load declares, so its
 * tables get the column types only. The ground truth, `_quality/issues.parquet`, is loaded beside
 * them as one more table, so a check's finds can be scored with a join in the target.
 */
import { ISSUE_COLUMNS, ISSUES_PATH, QUALITY_TABLE } from '../quality/issues.js';
import type { ColumnType, TableSpec } from '../schema/tableSpec.js';
import type { DatasetTable } from './dataset.js';
import type { LoadOptions } from './loadOptions.js';

export const ISSUES_TABLE = '_quality_issues';

const TYPES: Record<string, ColumnType> = { VARCHAR: 'string', BIGINT: 'int64', INTEGER: 'int32' };

const issuesSpec: TableSpec = {
  name: ISSUES_TABLE,
  kind: 'dimension',
  description:
    'Ground truth of the planted data-quality issues (_quality/issues.parquet), one row per issue.',
  rowsAt1x: '-',
  // Never declared: a spoiled dataset's tables have no keys (the issues' own have no unique column either).
  primaryKey: 'table',
  foreignKeys: [],
  columns: ISSUE_COLUMNS.map(([name, type]) => ({
    name,
    type: TYPES[type]!,
    nullable: true,
    description: `${name} of the planted issue (see README, Dirty data).`,
  })),
};

/** Whether the tables get keys and NOT NULL (a clean dataset) or the column types only (a spoiled one). */
export const keyed = (o: LoadOptions) => o.dataset.manifest.quality === undefined;

/** `o` with the ground truth as one more table to load, for a spoiled dataset; `o` itself for a clean one. */
export function withIssues<T extends LoadOptions>(o: T): T {
  if (keyed(o)) return o;
  const file = o.dataset.manifest.files.find((f) => f.table === QUALITY_TABLE && f.path === ISSUES_PATH);
  if (!file) throw new Error(`internal: the manifest of a spoiled dataset lists no ${ISSUES_PATH}`);
  const issues: DatasetTable = { spec: issuesSpec, files: [file.path], rows: file.rows };
  const { dataset } = o;
  return {
    ...o,
    dataset: {
      ...dataset,
      pack: { ...dataset.pack, tables: [...dataset.pack.tables, issuesSpec] },
      tables: [...dataset.tables, issues],
    },
    tables: [...o.tables, ISSUES_TABLE],
  };
}
