import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toRecordBatch } from '../src/arrow/toRecordBatch.js';
import { decimalCol } from '../src/schema/tableSpec.js';
import { type BatchSource, ParquetSink } from '../src/sink/parquetSink.js';
import { query, tempDir, testTable } from './helpers.js';

const TABLE = testTable([
  { name: 'id', type: 'int32', nullable: false, description: '' },
  { name: 'kind', type: 'enum', nullable: false, description: '', members: ['x', 'y'] },
]);

/** A part of `ids`, logging when it is made. */
function part(ids: number[], made: number[][]): BatchSource {
  return {
    rows: ids.length,
    make: () => {
      made.push(ids);
      const kind = Uint8Array.from(ids, (id) => id % 2);
      return toRecordBatch(TABLE, {
        table: 't',
        rows: ids.length,
        columns: { id: Int32Array.from(ids), kind },
        validity: {},
      });
    },
  };
}

describe('ParquetSink', () => {
  let sink: ParquetSink;
  const out = tempDir('sink');
  const temporaries = tempDir('sink-tmp');
  beforeAll(async () => {
    sink = await ParquetSink.open(temporaries);
  });
  afterAll(() => sink.close());

  it('writes each file from its parts, made once each, in order', async () => {
    const made: number[][] = [];
    const written = await sink.write([
      { parts: [part([1, 2], made), part([3], made)], path: join(out, 'a.parquet') },
      { parts: [part([4, 5, 6], made)], path: join(out, 'b.parquet') },
    ]);
    expect(made).toEqual([[1, 2], [3], [4, 5, 6]]);
    expect(written.map((w) => w.sha256.length)).toEqual([64, 64]);
    const a = await query(`SELECT id, kind FROM '${join(out, 'a.parquet')}'`);
    expect(a).toEqual([
      { id: 1, kind: 'y' },
      { id: 2, kind: 'x' },
      { id: 3, kind: 'y' },
    ]);
    const b = await query(`SELECT list(id) AS ids FROM '${join(out, 'b.parquet')}'`);
    expect(b).toEqual([{ ids: [4, 5, 6] }]);
    expect(readdirSync(out).sort()).toEqual(['a.parquet', 'b.parquet']);
    expect(readdirSync(temporaries)).toEqual([]);
  });

  it('writes dates as DATE and a wider decimal as DECIMAL(12,2), values exact', async () => {
    const table = testTable([
      { name: 'id', type: 'int32', nullable: false, description: '' },
      { name: 'born', type: 'date', nullable: true, description: '' },
      decimalCol('total', '', 12),
    ]);
    const rows = {
      table: 't',
      rows: 3,
      columns: {
        id: Int32Array.of(1, 2, 3),
        born: Int32Array.of(0, 19723, -1),
        total: Float64Array.of(0.1, 9_876_543_210.99, -0.07),
      },
      validity: { born: Uint8Array.of(1, 1, 0) },
    };
    const path = join(out, 'typed.parquet');
    await sink.write([{ parts: [{ rows: 3, make: () => toRecordBatch(table, rows) }], path }]);
    const types = await query(
      `SELECT column_name AS c, column_type AS t FROM (DESCRIBE SELECT * FROM '${path}')`,
    );
    expect(types).toEqual([
      { c: 'id', t: 'INTEGER' },
      { c: 'born', t: 'DATE' },
      { c: 'total', t: 'DECIMAL(12,2)' },
    ]);
    const values = await query(
      `SELECT born::VARCHAR AS born, total::VARCHAR AS total FROM '${path}' ORDER BY id`,
    );
    expect(values).toEqual([
      { born: '1970-01-01', total: '0.10' },
      { born: '2024-01-01', total: '9876543210.99' },
      { born: null, total: '-0.07' },
    ]);
    expect(() => decimalCol('x', '', 20)).toThrow('outside 10..18');
  });

  it('fails the write, leaving no file, when a part makes other than the rows it promised', async () => {
    const made: number[][] = [];
    const liar: BatchSource = { rows: 5, make: part([7], made).make };
    await expect(
      sink.write([{ parts: [part([1], made), liar], path: join(out, 'c.parquet') }]),
    ).rejects.toThrow('promised 5 rows and made 1');
    expect(readdirSync(out).sort()).toEqual(['a.parquet', 'b.parquet', 'typed.parquet']);
    expect(readdirSync(temporaries)).toEqual([]);
  });
});
