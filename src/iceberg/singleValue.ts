/**
 * Column statistics as DuckDB's `parquet_metadata()` prints them, read back into exact values and
 * written in Iceberg's binary single-value serialization (spec, Appendix D) for manifest bounds.
 */
import type { ColumnType } from '../schema/tableSpec.js';

/** int32 and date: number (days for dates); int64, timestamp (µs) and decimal (unscaled): bigint. */
export type StatValue = bigint | number | boolean | Buffer;

const DECIMAL_SCALE = 2;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:([+-])(\d{2})(?::?(\d{2}))?)?$/;

function bad(type: ColumnType, text: string): Error {
  return new Error(`cannot read the ${type} statistic '${text}'`);
}

function integer(type: ColumnType, text: string): bigint {
  if (!/^-?\d+$/.test(text)) throw bad(type, text);
  return BigInt(text);
}

function days(type: ColumnType, text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) throw bad(type, text);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** Microseconds since 1970 UTC of `2024-01-31 12:34:56.123456+00` (any offset DuckDB prints). */
function micros(type: ColumnType, text: string): bigint {
  const m = TIMESTAMP.exec(text);
  if (!m) throw bad(type, text);
  const [, y, mo, d, h, mi, s, frac = '', sign, oh = '0', om = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offsetSeconds = (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60);
  return (BigInt(ms) / 1000n - BigInt(offsetSeconds)) * 1_000_000n + BigInt(frac.padEnd(6, '0'));
}

function unscaled(type: ColumnType, text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m || (m[3] ?? '').length > DECIMAL_SCALE) throw bad(type, text);
  const value = BigInt(m[2]! + (m[3] ?? '').padEnd(DECIMAL_SCALE, '0'));
  return m[1] ? -value : value;
}

/** The value of a statistic printed by DuckDB for a column of `type`. */
export function parseStat(type: ColumnType, text: string): StatValue {
  switch (type) {
    case 'int32': {
      const v = Number(integer(type, text));
      if (v < -(2 ** 31) || v >= 2 ** 31) throw bad(type, text);
      return v;
    }
    case 'int64':
      return integer(type, text);
    case 'float64': {
      const v = Number(text);
      if (text.trim() === '' || Number.isNaN(v)) throw bad(type, text);
      return v;
    }
    case 'bool':
      if (text !== 'true' && text !== 'false') throw bad(type, text);
      return text === 'true';
    case 'timestamp':
      return micros(type, text);
    case 'date':
      return days(type, text);
    case 'string':
    case 'enum':
      return Buffer.from(text, 'utf8');
    case 'decimal':
      return unscaled(type, text);
  }
}

/** Orders two values of one column: numbers and bigints numerically, false before true, strings by UTF-8 bytes. */
export function compareStats(a: StatValue, b: StatValue): number {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return Buffer.compare(a, b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Two's complement, big-endian, in as few bytes as hold the value. */
function minimalBigEndian(v: bigint): Buffer {
  let bytes = 1;
  while (v < -(1n << BigInt(8 * bytes - 1)) || v >= 1n << BigInt(8 * bytes - 1)) bytes++;
  const out = Buffer.alloc(bytes);
  let rest = BigInt.asUintN(8 * bytes, v);
  for (let i = bytes - 1; i >= 0; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

/**
 * Iceberg's binary single-value serialization of a bound. A double's lower bound of zero is written
 * -0.0 and an upper bound of zero +0.0: Parquet's min and max do not tell the two zeros apart, and
 * Iceberg orders -0.0 before +0.0.
 */
export function boundBytes(type: ColumnType, value: StatValue, side: 'lower' | 'upper'): Buffer {
  switch (type) {
    case 'int32':
    case 'date': {
      const out = Buffer.alloc(4);
      out.writeInt32LE(value as number);
      return out;
    }
    case 'int64':
    case 'timestamp': {
      const out = Buffer.alloc(8);
      out.writeBigInt64LE(value as bigint);
      return out;
    }
    case 'float64': {
      const out = Buffer.alloc(8);
      out.writeDoubleLE(value === 0 ? (side === 'lower' ? -0 : 0) : (value as number));
      return out;
    }
    case 'bool':
      return Buffer.from([value ? 1 : 0]);
    case 'string':
    case 'enum':
      return Buffer.from(value as Buffer);
    case 'decimal':
      return minimalBigEndian(value as bigint);
  }
}

/** A 4-byte little-endian int: partition values of `day` (a date) and `month` transforms. */
export function intBytes(v: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeInt32LE(v);
  return out;
}
