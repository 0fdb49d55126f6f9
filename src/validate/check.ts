/** Check results and the helpers every check group uses. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Manifest } from '../run/manifest.js';
import type { ScenarioPack } from '../scenario/scenarioPack.js';

export type Status = 'pass' | 'fail' | 'skip';

export interface CheckResult {
  readonly group: string;
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  readonly status: Status;
  readonly pass: boolean;
}

export const GROUP = {
  keys: '1. Referential integrity',
  counts: '2. Row counts and ID ranges',
  time: '3. Temporal consistency',
  business: '4. Business rules',
  distributions: '5. Distributions',
  files: '6. Files and checksums',
} as const;

export interface CheckContext {
  readonly con: DuckDBConnection;
  readonly manifest: Manifest;
  /** The pack that wrote the folder: its tables and checks. */
  readonly pack: ScenarioPack;
  readonly has: (table: string) => boolean;
  /** Why a query failed, in one line (for a table DuckDB could not open, why it could not). */
  readonly why: (err: unknown) => string;
}

/** The first line of an error without DuckDB's type prefix ("Invalid Input Error: "): never the SQL. */
export function firstLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.split('\n')[0]!.replace(/^[A-Z][A-Za-z ]*Error: /, '');
}

export function result(
  group: string,
  name: string,
  target: string,
  measured: string,
  ok: boolean,
): CheckResult {
  return { group, name, target, measured, status: ok ? 'pass' : 'fail', pass: ok };
}

export function skipped(group: string, name: string, target: string, why: string): CheckResult {
  return { group, name, target, measured: `skipped: ${why}`, status: 'skip', pass: true };
}

/** A count of violations that must be zero. */
export function zero(group: string, name: string, violations: number): CheckResult {
  return result(group, name, '0', String(violations), violations === 0);
}

/** Below 1x (150 accounts) samples are too small for shares to sit inside fixed bounds: such checks skip. */
export const MIN_SHARE_SCALE = 1;

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(4));

/** A measured value that must lie in [lo, hi]. */
export function within(group: string, name: string, value: number, lo: number, hi: number): CheckResult {
  return result(group, name, `${fmt(lo)}–${fmt(hi)}`, fmt(value), value >= lo && value <= hi);
}

/** `within` for a share or ratio, skipped below MIN_SHARE_SCALE. */
export function shareWithin(
  scale: number,
  group: string,
  name: string,
  value: number,
  lo: number,
  hi: number,
): CheckResult {
  return scale < MIN_SHARE_SCALE
    ? skipped(group, name, `${fmt(lo)}–${fmt(hi)}`, `sample too small at ${scale}x (measured ${fmt(value)})`)
    : within(group, name, value, lo, hi);
}

/** A measured value that must be within `tolerance` (absolute) of `expected`. */
export function near(
  group: string,
  name: string,
  value: number,
  expected: number,
  tolerance: number,
): CheckResult {
  return result(
    group,
    name,
    `${fmt(expected)} ± ${fmt(tolerance)}`,
    fmt(value),
    Math.abs(value - expected) <= tolerance,
  );
}

/**
 * Runs one query and judges its answer. If the query fails (an unreadable or malformed file), the
 * checks it feeds are reported all the same, each failed with the reason, so every run lists the same
 * checks and one broken table fails only the checks that read it.
 */
export async function answered<T>(
  ctx: CheckContext,
  ask: () => Promise<T>,
  judge: (answer: T) => CheckResult[],
  unanswered: T,
): Promise<CheckResult[]> {
  try {
    return judge(await ask());
  } catch (err) {
    const measured = `error: ${ctx.why(err)}`;
    return judge(unanswered).map((c) => ({ ...c, measured, status: 'fail', pass: false }));
  }
}

/** Every value of a row that could not be read. */
export const NO_ROW: Record<string, number> = new Proxy({}, { get: () => Number.NaN });

/** `answered` for a one-row query (or one whose SQL needs a query first, e.g. a shared temporary table). */
export function rowChecks(
  ctx: CheckContext,
  sql: string | (() => Promise<string>),
  judge: (r: Record<string, number>) => CheckResult[],
): Promise<CheckResult[]> {
  return answered(ctx, async () => row(ctx.con, typeof sql === 'string' ? sql : await sql()), judge, NO_ROW);
}

/** The first row of a query as numbers (DuckDB BIGINT/DECIMAL come back as bigint or objects). */
export async function row(con: DuckDBConnection, sql: string): Promise<Record<string, number>> {
  const rows = (await con.runAndReadAll(sql)).getRowObjectsJson();
  const first = rows[0] ?? {};
  return Object.fromEntries(Object.entries(first).map(([k, v]) => [k, v === null ? Number.NaN : Number(v)]));
}

export async function scalar(con: DuckDBConnection, sql: string): Promise<number> {
  const r = await row(con, sql);
  return Object.values(r)[0] ?? Number.NaN;
}
