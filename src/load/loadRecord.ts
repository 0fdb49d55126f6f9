/**
 * `_gen_parquet_loaded`: what a database target holds, one row per loaded table (and table prefix):
 * the dataset's identity from its manifest and the increment loaded. Every table load writes its
 * row in the transaction that makes the table visible, so the record and the tables never disagree.
 * A later load of the same dataset at a newer increment brings the tables forward instead of
 * refusing them; another dataset, or an older increment, is refused (`decideLoad`).
 */
import { UsageError } from '../errors.js';
import type { Manifest } from '../run/manifest.js';
import { sqlString } from './parquetSource.js';

export const RECORD_TABLE = '_gen_parquet_loaded';

/** Runs one statement and returns its rows (PostgreSQL's client or a DuckDB connection). */
export type SqlQuery = (sql: string) => Promise<Record<string, unknown>[]>;

/** What decides a table's rows: the folder's parameters that change data, and the increment held. */
export interface LoadRecord {
  readonly table: string;
  readonly generator_version: string;
  readonly scenario: string;
  readonly seed: number;
  readonly scale: number;
  readonly config_sha256: string;
  /** `profile sha256` of a `--quality` profile, `''` for a clean dataset. */
  readonly quality: string;
  readonly window_start: string;
  readonly window_end: string;
  readonly increment: number;
}

const IDENTITY = ['generator_version', 'scenario', 'seed', 'scale', 'config_sha256', 'quality'] as const;

/** The record of `table` loaded from `manifest` at its latest increment. */
export function recordOf(manifest: Manifest, table: string): LoadRecord {
  const latest = manifest.increments.at(-1)!;
  return {
    table,
    generator_version: manifest.generator.version,
    scenario: manifest.scenario,
    seed: manifest.seed,
    scale: manifest.scale,
    config_sha256: manifest.config_sha256,
    quality: manifest.quality ? `${manifest.quality.profile} ${manifest.quality.sha256}` : '',
    window_start: latest.window.start,
    window_end: latest.window.end,
    increment: latest.number,
  };
}

/** The record table, created in the target's schema by the first load that writes a row. */
export const createRecordSql = (qualified: string) =>
  `CREATE TABLE IF NOT EXISTS ${qualified} (
  table_prefix TEXT NOT NULL, table_name TEXT NOT NULL, generator_version TEXT NOT NULL,
  scenario TEXT NOT NULL, seed BIGINT NOT NULL, scale DOUBLE PRECISION NOT NULL, config_sha256 TEXT NOT NULL,
  quality TEXT NOT NULL, window_start TEXT NOT NULL, window_end TEXT NOT NULL, increment INTEGER NOT NULL,
  PRIMARY KEY (table_prefix, table_name))`;

const COLUMNS = ['table_prefix', 'table_name', ...IDENTITY, 'window_start', 'window_end', 'increment'];

/** Creates the record table if needed and sets the rows of `records` (same statements in both databases). */
export function writeRecordSql(qualified: string, prefix: string, records: readonly LoadRecord[]): string[] {
  if (!records.length) return [];
  const values = records.map((r) =>
    [
      sqlString(prefix),
      sqlString(r.table),
      ...IDENTITY.map((k) => (typeof r[k] === 'number' ? String(r[k]) : sqlString(String(r[k])))),
      sqlString(r.window_start),
      sqlString(r.window_end),
      String(r.increment),
    ].join(', '),
  );
  return [
    createRecordSql(qualified),
    `INSERT INTO ${qualified} (${COLUMNS.join(', ')}) VALUES (${values.join('), (')})
      ON CONFLICT (table_prefix, table_name) DO UPDATE SET ${COLUMNS.slice(2)
        .map((c) => `${c} = EXCLUDED.${c}`)
        .join(', ')}`,
  ];
}

/** Removes the rows of `tables` (a load of views: no rows of ours to bring forward). */
export const forgetRecordSql = (qualified: string, prefix: string, tables: readonly string[]) =>
  `DELETE FROM ${qualified} WHERE table_prefix = ${sqlString(prefix)} AND table_name IN (${tables.map(sqlString).join(', ')})`;

/** The rows for `prefix` in `schema`; none when the record table does not exist. */
export async function readRecords(
  query: SqlQuery,
  schema: string,
  qualified: string,
  prefix: string,
): Promise<LoadRecord[]> {
  const exists = await query(
    `SELECT 1 FROM information_schema.tables WHERE table_catalog = current_database()
      AND table_schema = ${sqlString(schema)} AND table_name = ${sqlString(RECORD_TABLE)}`,
  );
  if (!exists.length) return [];
  const rows = await query(`SELECT * FROM ${qualified} WHERE table_prefix = ${sqlString(prefix)}`);
  return rows.map((r) => ({
    table: String(r.table_name),
    generator_version: String(r.generator_version),
    scenario: String(r.scenario),
    seed: Number(r.seed),
    scale: Number(r.scale),
    config_sha256: String(r.config_sha256),
    quality: String(r.quality),
    window_start: String(r.window_start),
    window_end: String(r.window_end),
    increment: Number(r.increment),
  }));
}

/** A fresh load of every table (as without a record), or each table brought forward from the increment it holds. */
export type LoadMode =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'increment'; readonly from: ReadonlyMap<string, number>; readonly to: number };

export interface Decision {
  readonly manifest: Manifest;
  readonly outDir: string;
  readonly tables: readonly string[];
  readonly records: readonly LoadRecord[];
  readonly replace: boolean;
  /** A table's name as the user sees it in the target (`raw.app_orders`). */
  readonly show: (table: string) => string;
}

function show(key: string, v: unknown): string {
  const s = String(v);
  if (key === 'config_sha256') return s.slice(0, 12);
  if (key === 'quality') return s ? s.replace(/ ([0-9a-f]{12})[0-9a-f]*$/, ' $1') : 'none (clean)';
  return s;
}

/** What the target's records say to do with `tables`; a target that holds something else is a UsageError. */
export function decideLoad(d: Decision): LoadMode {
  const held = d.tables.flatMap((t) => d.records.filter((r) => r.table === t));
  if (d.replace || !held.length) return { kind: 'fresh' };
  const instead =
    'pass --replace to load this folder in its place, or choose another --schema or --table-prefix';
  const missing = d.tables.filter((t) => !held.some((r) => r.table === t));
  if (missing.length)
    throw new UsageError(
      `${missing.map(d.show).join(', ')}: not in ${RECORD_TABLE} while ${d.show(held[0]!.table)} holds increment ${held[0]!.increment} of a dataset; load ${missing.length === 1 ? 'it' : 'them'} on ${missing.length === 1 ? 'its' : 'their'} own (--tables), or ${instead}`,
    );
  const latest = d.manifest.increments.at(-1)!.number;
  const from = new Map<string, number>();
  for (const r of held) {
    const now = recordOf(d.manifest, r.table);
    const differs = IDENTITY.filter((k) => r[k] !== now[k]).map(
      (k) => `${k} (target: ${show(k, r[k])}, folder: ${show(k, now[k])})`,
    );
    if (differs.length)
      throw new UsageError(
        `${d.show(r.table)} holds another dataset than --out ${d.outDir}: ${differs.join('; ')}; ${instead}`,
      );
    if (r.increment > latest)
      throw new UsageError(
        `${d.show(r.table)} holds increment ${r.increment} of this dataset, newer than --out ${d.outDir} (increment ${latest}); load a folder at increment ${r.increment} or later, or ${instead}`,
      );
    const window = d.manifest.increments[r.increment]!.window;
    if (window.start !== r.window_start || window.end !== r.window_end)
      throw new UsageError(
        `${d.show(r.table)} holds increment ${r.increment} as ${r.window_start} to ${r.window_end}, --out ${d.outDir} has it as ${window.start} to ${window.end}: another history of this dataset; ${instead}`,
      );
    from.set(r.table, r.increment);
  }
  // The merge of changed partitions goes by primary key, which a spoiled dataset's tables lack.
  if (d.manifest.quality)
    throw new UsageError(
      `${d.show(held[0]!.table)} holds increment ${held[0]!.increment} of this dataset, spoiled on purpose (--quality ${d.manifest.quality.profile}): an incremental load merges changed partitions by primary key, which its tables lack (planted duplicates); pass --replace to load the folder afresh`,
    );
  return { kind: 'increment', from, to: latest };
}
