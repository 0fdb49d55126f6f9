/**
 * Runs one of TapFlow's check groups over a few hand-made rows (DuckDB tables named like the real
 * ones), so a test can state each measured value exactly and plant a fault in one row.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import type { Manifest } from '../../../../src/run/manifest.js';
import tapflow from '../../../../src/scenarios/tapflow/index.js';
import { type CheckContext, type CheckResult, firstLine } from '../../../../src/validate/check.js';

/** 2020-01-01 … 2025-06-26 (UTC), as TapFlow's default config. */
export const TIME = { start_us: 1577836800000000, end_us: 1750896000000000, heartbeat_days: 7 };

/** `tables`: name → `SELECT …` of its rows. Returns each check's measured value by name. */
export async function measured(
  group: (ctx: CheckContext) => Promise<CheckResult[]>,
  tables: Readonly<Record<string, string>>,
  expected: Record<string, unknown> = {},
  scale = 1,
): Promise<Record<string, string>> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    await con.run(`SET TimeZone = 'UTC'`);
    for (const [name, select] of Object.entries(tables)) await con.run(`CREATE TABLE ${name} AS ${select}`);
    const manifest = { scale, expected: { rows: {}, time: TIME, ...expected } } as unknown as Manifest;
    const ctx: CheckContext = {
      con,
      manifest,
      pack: tapflow,
      has: (t) => t in tables,
      why: firstLine,
    };
    return Object.fromEntries((await group(ctx)).map((c) => [c.name, c.measured]));
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

/** `VALUES` rows as a SELECT with named columns. */
export const rows = (columns: string, values: readonly string[]) =>
  `SELECT * FROM (VALUES ${values.map((v) => `(${v})`).join(', ')}) t(${columns})`;
