/** What both targets take and give back. */
import type { Progress } from '../run/progress.js';
import type { Dataset } from './dataset.js';
import type { RowCount } from './rowCounts.js';

export interface LoadOptions {
  readonly dataset: Dataset;
  /** Tables to load, in the pack's order. */
  readonly tables: readonly string[];
  readonly schema: string;
  readonly prefix: string;
  readonly replace: boolean;
  readonly progress: Progress;
  readonly signal?: AbortSignal;
}

export interface TableLoad {
  readonly table: string;
  readonly rows: number;
  readonly seconds: number;
  /** One line the summary adds (a spoiled dataset loaded without keys and constraints). */
  readonly note?: string;
}

export interface LoadResult {
  readonly tables: readonly TableLoad[];
  /** Each loaded table's rows in the target against the manifest's (all equal, or the load failed). */
  readonly counts: readonly RowCount[];
  /** PostgreSQL: primary keys, foreign keys, their indexes and ANALYZE after the copies. */
  readonly keysSeconds?: number;
  /** An incremental load: the earliest increment a table held, and the one every table holds now. */
  readonly increment?: { readonly from: number; readonly to: number };
  readonly seconds: number;
  /** One line the summary adds (a spoiled dataset loaded without keys and constraints). */
  readonly note?: string;
}

export const since = (t: number) => (performance.now() - t) / 1000;
