/** A sequence table's id facts: one pass in file order when the ids run consecutively, the exact sort otherwise. */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { TableSpec } from '../../src/schema/tableSpec.js';
import type { CheckContext } from '../../src/validate/check.js';
import { type SequenceFacts, sequenceFacts } from '../../src/validate/sequenceFacts.js';
import { testTable } from '../helpers.js';

const table = { ...testTable([]), sequence: { column: 'id', time: 'ts' } } as TableSpec & {
  sequence: { column: string; time: string };
};

/** Facts of table `t` holding (id, ts) rows in this order, and the SQL it took. */
async function factsOf(rows: readonly [number | null, number][]): Promise<[SequenceFacts, string[]]> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const values = rows.map(([id, ts]) => `(${id ?? 'NULL'}::BIGINT, ${ts})`).join(', ');
  await con.run(
    rows.length
      ? `CREATE TABLE t AS SELECT * FROM (VALUES ${values}) v(id, ts)`
      : 'CREATE TABLE t (id BIGINT, ts INTEGER)',
  );
  const asked: string[] = [];
  const spy = new Proxy(con, {
    get: (target, key) =>
      key === 'runAndReadAll'
        ? (sql: string) => {
            asked.push(sql.includes('ORDER BY') ? 'sorted' : 'in file order');
            return target.runAndReadAll(sql);
          }
        : Reflect.get(target, key, target),
  });
  try {
    const ctx = { con: spy } as unknown as CheckContext;
    return [await sequenceFacts(ctx, table), asked];
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

describe('sequence facts', () => {
  it('read ids in order in one pass', async () => {
    expect(
      await factsOf([
        [1, 10],
        [2, 10],
        [3, 12],
        [4, 15],
      ]),
    ).toEqual([{ rows: 4, dup: 0, lo: 1, hi: 4, backwards: 0 }, ['in file order']]);
  });

  it('count time running backwards in that pass', async () => {
    expect(
      await factsOf([
        [1, 10],
        [2, 13],
        [3, 12],
        [4, 15],
      ]),
    ).toEqual([{ rows: 4, dup: 0, lo: 1, hi: 4, backwards: 1 }, ['in file order']]);
  });

  it('sort ids stored out of order, so order is judged by id', async () => {
    // In file order the time would run backwards after id 4; by id it never does.
    expect(
      await factsOf([
        [1, 10],
        [2, 11],
        [4, 13],
        [3, 12],
        [5, 14],
      ]),
    ).toEqual([{ rows: 5, dup: 0, lo: 1, hi: 5, backwards: 0 }, ['in file order', 'sorted']]);
  });

  it('count duplicates, gaps and missing ids exactly', async () => {
    expect(
      (
        await factsOf([
          [1, 10],
          [2, 11],
          [2, 11],
          [3, 12],
        ])
      )[0],
    ).toMatchObject({ rows: 4, dup: 1 });
    expect(
      (
        await factsOf([
          [1, 10],
          [2, 11],
          [4, 12],
        ])
      )[0],
    ).toEqual({
      rows: 3,
      dup: 0,
      lo: 1,
      hi: 4,
      backwards: 0,
    });
    expect((await factsOf([[null, 10]]))[0]).toMatchObject({ rows: 1, dup: 1 });
    expect(
      (
        await factsOf([
          [1, 10],
          [null, 11],
          [2, 12],
        ])
      )[0],
    ).toMatchObject({ rows: 3, dup: 1 });
  });

  it('take an empty table as in order', async () => {
    expect(await factsOf([])).toEqual([
      { rows: 0, dup: 0, lo: Number.NaN, hi: Number.NaN, backwards: 0 },
      ['in file order'],
    ]);
  });
});
