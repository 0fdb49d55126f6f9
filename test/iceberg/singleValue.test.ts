import { describe, expect, it } from 'vitest';
import { icebergTable, partitionValue } from '../../src/iceberg/icebergTable.js';
import { nameUuid, numericId } from '../../src/iceberg/ids.js';
import { boundBytes, compareStats, intBytes, parseStat } from '../../src/iceberg/singleValue.js';
import { parseTableLocation } from '../../src/iceberg/writeIceberg.js';
import { col } from '../../src/schema/tableSpec.js';
import { testTable } from '../helpers.js';

const hex = (b: Buffer) => b.toString('hex');

describe('Iceberg single-value serialization of DuckDB statistics', () => {
  it('reads timestamps to the microsecond, whatever offset DuckDB prints', () => {
    expect(parseStat('timestamp', '2023-08-29 00:03:15.253284+00')).toBe(1693267395253284n);
    expect(parseStat('timestamp', '2023-08-28 17:03:15.253284-07')).toBe(1693267395253284n);
    expect(parseStat('timestamp', '2023-08-29 00:03:15+00')).toBe(1693267395000000n);
    expect(hex(boundBytes('timestamp', 1n, 'lower'))).toBe('0100000000000000');
  });

  it('writes ints and dates as 4-byte and longs as 8-byte little-endian', () => {
    expect(hex(boundBytes('int32', parseStat('int32', '-2'), 'lower'))).toBe('feffffff');
    expect(hex(boundBytes('date', parseStat('date', '1970-01-02'), 'lower'))).toBe('01000000');
    expect(parseStat('date', '2024-01-31')).toBe(19753);
    expect(hex(boundBytes('int64', parseStat('int64', '258'), 'upper'))).toBe('0201000000000000');
    expect(hex(intBytes(648))).toBe('88020000');
  });

  it('writes decimals as the unscaled value, big-endian two’s complement in the fewest bytes', () => {
    expect(hex(boundBytes('decimal', parseStat('decimal', '4.99'), 'lower'))).toBe('01f3');
    expect(hex(boundBytes('decimal', parseStat('decimal', '1.28'), 'lower'))).toBe('0080');
    expect(hex(boundBytes('decimal', parseStat('decimal', '-0.01'), 'lower'))).toBe('ff');
    expect(hex(boundBytes('decimal', parseStat('decimal', '0.00'), 'lower'))).toBe('00');
    expect(hex(boundBytes('decimal', parseStat('decimal', '-1.29'), 'lower'))).toBe('ff7f');
    expect(() => parseStat('decimal', '1.234')).toThrow(/decimal statistic/);
  });

  it('gives a zero lower bound of a double as -0.0 and a zero upper bound as +0.0', () => {
    expect(hex(boundBytes('float64', 0, 'lower'))).toBe('0000000000000080');
    expect(hex(boundBytes('float64', 0, 'upper'))).toBe('0000000000000000');
    expect(hex(boundBytes('float64', parseStat('float64', '1.5'), 'upper'))).toBe('000000000000f83f');
  });

  it('writes strings as UTF-8 and orders them by bytes, booleans false before true', () => {
    expect(hex(boundBytes('string', parseStat('string', 'é'), 'lower'))).toBe('c3a9');
    expect(compareStats(parseStat('string', 'z'), parseStat('string', 'é'))).toBe(-1);
    expect(compareStats(parseStat('string', 'Z'), parseStat('string', 'a'))).toBe(-1);
    expect(compareStats(parseStat('bool', 'false'), parseStat('bool', 'true'))).toBe(-1);
    expect(hex(boundBytes('bool', true, 'upper'))).toBe('01');
  });

  it('refuses a statistic it cannot read exactly', () => {
    expect(() => parseStat('int32', '2147483648')).toThrow(/int32 statistic/);
    expect(() => parseStat('timestamp', '2023-08-29T00:03:15.1234567')).toThrow(/timestamp statistic/);
    expect(() => parseStat('float64', 'NaN')).toThrow(/float64 statistic/);
  });
});

describe('deterministic identifiers', () => {
  it('are RFC 9562 version-5 UUIDs of the name (as Python’s uuid5 computes them)', () => {
    expect(nameUuid('tapflow/accounts')).toBe('75e0b390-3e63-57d1-92df-b45a0913bbd5');
  });

  it('gives positive ids below 2^53, the same for the same parts', () => {
    const id = numericId(['a', 'b']);
    expect(id).toBeGreaterThan(0);
    expect(Number.isSafeInteger(id)).toBe(true);
    expect(numericId(['a', 'b'])).toBe(id);
    expect(numericId(['ab', ''])).not.toBe(id);
  });
});

describe('table layout', () => {
  const spec = {
    ...testTable([col('id', 'int64', ''), col('ts', 'timestamp', ''), col('note', 'string', '', true)]),
    partition: { column: 'ts_date', source: 'ts' },
    sequence: { column: 'id', time: 'ts' },
  };

  it('partitions by a day or month transform of the Hive column’s source, named like the Hive column', () => {
    const day = icebergTable(spec, 'day', 'file:///o/t', 'u', {});
    expect(day.spec.fields).toEqual([
      { name: 'ts_date', transform: 'day', 'source-id': 2, 'field-id': 1000 },
    ]);
    expect(partitionValue(day, 't/ts_date=2024-01-31/part-00000.parquet')).toBe(19753);
    const month = icebergTable(spec, 'month', 'file:///o/t', 'u', {});
    expect(month.spec.fields[0]).toMatchObject({ name: 'ts_month', transform: 'month' });
    expect(partitionValue(month, 't/ts_month=2024-01/part-00000.parquet')).toBe(648);
    expect(() => partitionValue(month, 't/ts_date=2024-01-31/part-00000.parquet')).toThrow(/ts_month=/);
  });

  it('numbers fields from 1, marks not-null columns required, sorts by the sequence and maps names', () => {
    const t = icebergTable(spec, 'day', 'file:///o/t', 'u', {});
    expect(t.schema.fields.map((f) => [f.id, f.name, f.required, f.type])).toEqual([
      [1, 'id', true, 'long'],
      [2, 'ts', true, 'timestamptz'],
      [3, 'note', false, 'string'],
    ]);
    expect(t.sortOrder).toEqual({
      'order-id': 1,
      fields: [{ transform: 'identity', 'source-id': 1, direction: 'asc', 'null-order': 'nulls-first' }],
    });
    expect(JSON.parse(t.properties['schema.name-mapping.default']!)).toEqual([
      { 'field-id': 1, names: ['id'] },
      { 'field-id': 2, names: ['ts'] },
      { 'field-id': 3, names: ['note'] },
    ]);
  });

  it('takes a table location with a scheme, without trailing slashes', () => {
    expect(parseTableLocation('s3://bucket/warehouse/db/')).toBe('s3://bucket/warehouse/db');
    expect(parseTableLocation('file:///data/out')).toBe('file:///data/out');
    expect(parseTableLocation('http://127.0.0.1:8080/out')).toBe('http://127.0.0.1:8080/out');
    for (const bad of ['/data/out', 'out', 's3://', 'http://h/x?y=1', 'file:///a b']) {
      expect(() => parseTableLocation(bad)).toThrow(/not an absolute URI/);
    }
  });
});
