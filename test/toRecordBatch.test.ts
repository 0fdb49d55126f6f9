import { describe, expect, it } from 'vitest';
import { packBits, toRecordBatch, utf8Buffers } from '../src/arrow/toRecordBatch.js';
import { testTable } from './helpers.js';

describe('packBits', () => {
  it('packs bytes LSB-first, any non-zero byte set', () => {
    expect(Array.from(packBits(Uint8Array.of(1, 0, 1, 1, 0, 0, 0, 0, 7), 9))).toEqual([0b1101, 1]);
  });
});

describe('utf8Buffers', () => {
  it('writes UTF-8 bytes back to back; nulls take no bytes', () => {
    const { valueOffsets, data } = utf8Buffers(['ab', 'skipped', 'é', ''], Uint8Array.of(1, 0, 1, 1));
    expect(Array.from(valueOffsets)).toEqual([0, 2, 2, 4, 4]);
    expect(Array.from(data)).toEqual([0x61, 0x62, 0xc3, 0xa9]);
  });
});

const TABLE = testTable([
  { name: 'id', type: 'int32', nullable: false, description: '' },
  { name: 'name', type: 'string', nullable: true, description: '' },
  { name: 'kind', type: 'enum', nullable: false, description: '', members: ['x', 'y'] },
  { name: 'ok', type: 'bool', nullable: false, description: '' },
  { name: 'price', type: 'decimal', nullable: false, description: '' },
]);

describe('toRecordBatch', () => {
  it('reads back every value, null and type', () => {
    const batch = toRecordBatch(TABLE, {
      table: 't',
      rows: 3,
      columns: {
        id: Int32Array.of(1, 2, 3),
        name: ['Zoë', 'unused', 'c'],
        kind: Uint8Array.of(1, 0, 1),
        ok: Uint8Array.of(0, 1, 1),
        price: Float64Array.of(1.5, -2.25, 1234567.89),
      },
      validity: { name: Uint8Array.of(1, 0, 1) },
    });
    const rows = batch.toArray().map((r) => ({ ...r.toJSON(), price: undefined }));
    expect(rows).toEqual([
      { id: 1, name: 'Zoë', kind: 'y', ok: false, price: undefined },
      { id: 2, name: null, kind: 'x', ok: true, price: undefined },
      { id: 3, name: 'c', kind: 'y', ok: true, price: undefined },
    ]);
    const words = batch.getChild('price')!.data[0]!.values as Uint32Array;
    // 128-bit little-endian cents: 150, -225 (two's complement), 123456789.
    expect(Array.from(words.subarray(0, 12))).toEqual([
      150, 0, 0, 0, 0xffffff1f, 0xffffffff, 0xffffffff, 0xffffffff, 123456789, 0, 0, 0,
    ]);
  });

  it('refuses a column whose length is not the row count', () => {
    expect(() =>
      toRecordBatch(TABLE, {
        table: 't',
        rows: 2,
        columns: {
          id: Int32Array.of(1),
          name: [],
          kind: new Uint8Array(2),
          ok: new Uint8Array(2),
          price: new Float64Array(2),
        },
        validity: {},
      }),
    ).toThrow('t.id: 1 values for 2 rows');
  });
});
