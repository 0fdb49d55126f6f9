/** Rows inside per-device windows, joined by time bucket: the same pairs as the plain join on device and time. */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { DAY_US, inWindows } from '../../../../src/scenarios/tapflow/validate/windows.js';

/** Pairs as (row id, window id), by buckets and by the plain join, over the same made-up rows and windows. */
async function pairs(widthUs: number, fromUs: number, toUs: number): Promise<[string[], string[]]> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    // 3 devices; rows every 7 hours over 40 days; windows of every length, overlapping, open (to 9999)
    // or outside the bucket range (before and after it).
    await con.run(
      `CREATE TABLE rows AS SELECT i AS row_id, i % 3 AS device_id, i * 25200000000 AS ts FROM range(140) r(i)`,
    );
    await con.run(`CREATE TABLE windows AS SELECT * FROM (VALUES
      (1, 0, 0, 3 * ${DAY_US}), (2, 0, ${DAY_US}, 2 * ${DAY_US}), (3, 1, 5 * ${DAY_US}, 253402214400000000),
      (4, 2, -10 * ${DAY_US}, 2 * ${DAY_US}), (5, 2, 30 * ${DAY_US}, 45 * ${DAY_US}), (6, 0, 39 * ${DAY_US}, 39 * ${DAY_US} + 1),
      (7, 1, 10 * ${DAY_US}, 10 * ${DAY_US}), (8, 2, 20 * ${DAY_US} + 7, 20 * ${DAY_US} + 25200000000)) w(window_id, device_id, f, t)`);
    const read = async (sql: string) => (await con.runAndReadAll(sql)).getRows().map(([r, w]) => `${r}:${w}`);
    const bucketed = await read(
      `SELECT row_id, window_id FROM ${inWindows('SELECT * FROM rows', 'SELECT * FROM windows', { widthUs, fromUs, toUs })} ORDER BY ALL`,
    );
    const plain = await read(
      'SELECT row_id, window_id FROM rows r JOIN windows w USING (device_id) WHERE r.ts >= w.f AND r.ts < w.t ORDER BY ALL',
    );
    return [bucketed, plain];
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

describe('rows in windows by time bucket', () => {
  it.each([
    ['days over the whole range', DAY_US, 0, 40 * DAY_US],
    ['weeks', 7 * DAY_US, 0, 40 * DAY_US],
    ['hours, clamped to days 8–12', 3_600_000_000, 8 * DAY_US, 12 * DAY_US],
    ['one bucket', DAY_US, 3 * DAY_US, 3 * DAY_US],
  ])('finds the pairs of the plain join: %s', async (_, width, from, to) => {
    const [bucketed, plain] = await pairs(width, from, to);
    expect(plain.length).toBeGreaterThan(40);
    expect(bucketed).toEqual(plain);
  });
});
