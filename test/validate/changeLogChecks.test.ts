/**
 * The change-log replay check, generic over any mutable table: DuckDB tables stand for a snapshot
 * and its log, and planted faults (a lost update, a delete the snapshot ignores) must fail it.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/run/manifest.js';
import type { ScenarioPack } from '../../src/scenario/scenarioPack.js';
import { changeLogOf } from '../../src/schema/changeLog.js';
import { col, type TableSpec } from '../../src/schema/tableSpec.js';
import { changeLogChecks, replaySql } from '../../src/validate/changeLogChecks.js';
import type { CheckContext, CheckResult } from '../../src/validate/check.js';

const table: TableSpec = {
  name: 'parcels',
  kind: 'dimension',
  mutable: true,
  description: '',
  rowsAt1x: '',
  primaryKey: 'parcel_id',
  foreignKeys: [],
  columns: [col('parcel_id', 'int32', ''), col('status', 'string', '')],
};
const log = changeLogOf(table);
const T = (day: number, hour = 0) =>
  `TIMESTAMPTZ '2024-01-0${day} ${String(hour).padStart(2, '0')}:00:00+00'`;

/** A history: parcel 1 ships on day 2 and arrives on day 3; parcel 2 is made on day 2 and deleted on day 3. */
const HISTORY = [
  `('insert', ${T(1)}, 1, 'new')`,
  `('update', ${T(2, 9)}, 1, 'shipped')`,
  `('update', ${T(3, 23)}, 1, 'arrived')`,
  `('insert', ${T(2, 12)}, 2, 'new')`,
  `('delete', ${T(3, 1)}, 2, 'new')`,
];

async function withTables<T>(
  snapshot: readonly string[],
  changes: readonly string[],
  use: (ctx: CheckContext) => Promise<T>,
): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    await con.run(`SET TimeZone = 'UTC'`);
    await con.run('CREATE TABLE parcels (parcel_id INTEGER, status VARCHAR)');
    await con.run(
      'CREATE TABLE parcels_changes (op VARCHAR, changed_at TIMESTAMPTZ, parcel_id INTEGER, status VARCHAR)',
    );
    if (snapshot.length) await con.run(`INSERT INTO parcels VALUES ${snapshot.join(', ')}`);
    if (changes.length) await con.run(`INSERT INTO parcels_changes VALUES ${changes.join(', ')}`);
    const ctx = {
      con,
      manifest: { tables: [table.name, log.name] } as unknown as Manifest,
      pack: { tables: [table, log] } as unknown as ScenarioPack,
      has: () => true,
      why: (err: unknown) => String(err),
    } as CheckContext;
    return await use(ctx);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

const check = (snapshot: readonly string[], changes: readonly string[]): Promise<CheckResult> =>
  withTables(snapshot, changes, async (ctx) => (await changeLogChecks(ctx))[0]!);

describe('change-log replay check', () => {
  it('passes when the log replays to the snapshot (a deleted key is gone)', async () => {
    const c = await check([`(1, 'arrived')`], HISTORY);
    expect(c).toMatchObject({ name: 'parcels = parcels_changes replayed up to the end', pass: true });
    expect(c.measured).toBe('0 rows differ');
  });

  it('fails on a lost update: the replay keeps the older row', async () => {
    const c = await check(
      [`(1, 'arrived')`],
      HISTORY.filter((r) => !r.includes('arrived')),
    );
    expect(c.pass).toBe(false);
    expect(c.measured).toBe('2 rows differ');
  });

  it('fails when the snapshot keeps a row the log deleted, or lacks one it inserted', async () => {
    expect((await check([`(1, 'arrived')`, `(2, 'new')`], HISTORY)).pass).toBe(false);
    expect((await check([], HISTORY)).measured).toBe('1 rows differ');
  });

  it('replays up to a day: the latest row of each key changed by its end, deleted keys dropped', async () => {
    const asOf = (day: number) =>
      withTables([], HISTORY, async (ctx) =>
        (
          await ctx.con.runAndReadAll(
            `${replaySql(table, 'parcels_changes', Date.UTC(2024, 0, day + 1) * 1000)} ORDER BY parcel_id`,
          )
        ).getRows(),
      );
    expect(await asOf(1)).toEqual([[1, 'new']]);
    expect(await asOf(2)).toEqual([
      [1, 'shipped'],
      [2, 'new'],
    ]);
    expect(await asOf(3)).toEqual([[1, 'arrived']]);
  });
});
