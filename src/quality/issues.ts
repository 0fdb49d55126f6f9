/**
 * The ground truth's row: one per planted issue. `file` and `row_number` say where the spoiled row is
 * in the dirty dataset (0-based within the file; null for a removed row, whose `clean_value` is the
 * whole row as JSON); `original_key` is the key of the clean row an added row copies.
 */
import type { TableSpec } from '../schema/tableSpec.js';

export type IssueRow = readonly [
  table: string,
  /** Null for a schema drift (it concerns a file, not a row). */
  row_key: string | null,
  column: string | null,
  kind: string,
  partition: string | null,
  clean_value: string | null,
  planted_value: string | null,
  change: string,
  file: string,
  row_number: number | null,
  original_key: string | null,
  schema_version: number,
];

/** Columns of `_quality/issues.parquet`, in order, with their DuckDB types. */
export const ISSUE_COLUMNS: readonly (readonly [string, string])[] = [
  ['table', 'VARCHAR'],
  ['row_key', 'VARCHAR'],
  ['column', 'VARCHAR'],
  ['kind', 'VARCHAR'],
  ['partition', 'VARCHAR'],
  ['clean_value', 'VARCHAR'],
  ['planted_value', 'VARCHAR'],
  ['change', 'VARCHAR'],
  ['file', 'VARCHAR'],
  ['row_number', 'BIGINT'],
  ['original_key', 'VARCHAR'],
  ['schema_version', 'INTEGER'],
];

/** What one written (or, emptied by issues, unwritten) file contributes: its clean rows' digest and its issues. */
export interface FileNote {
  readonly file: string;
  readonly table: string;
  /** Rows and digest of the file as the clean generator made it. */
  readonly clean_rows: number;
  readonly clean_digest: string;
  readonly issues: readonly IssueRow[];
}

export const ISSUES_PATH = '_quality/issues.parquet';
export const SCHEMA_VERSIONS_PATH = '_quality/schema_versions.json';
/** The table name the manifest gives the ground truth's files. */
export const QUALITY_TABLE = '_quality';

/** The primary key's column names. */
export const keyNames = (spec: TableSpec) => spec.primaryKey.split(',').map((k) => k.trim());
