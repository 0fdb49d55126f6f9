/**
 * One cell of a generator's batch as a plain value, and its text in the ground truth. The text of a
 * value casts back to exactly that value in DuckDB (`CAST(text AS <column type>)`): integers as
 * digits, doubles as JavaScript's shortest round-trip form, decimals from their stored cents,
 * timestamps as UTC `YYYY-MM-DD HH:MM:SS[.ffffff]+00`, dates as `YYYY-MM-DD`.
 */
import type { ColumnValues } from '../generate/batch.js';
import { stringAt } from '../generate/utf8Column.js';
import type { ColumnSpec } from '../schema/tableSpec.js';
import { formatIsoDay, MICROS_PER_DAY, parseIsoDay } from '../time/calendar.js';

/** Numbers for every numeric type (timestamps: µs, dates: days), text for strings and enum members. */
export type Cell = number | boolean | string | null;

/** Row `i` of a column (`validity` 0 = null). */
export function readCell(
  column: ColumnSpec,
  values: ColumnValues,
  validity: Uint8Array | undefined,
  i: number,
): Cell {
  if (validity && !validity[i]) return null;
  switch (column.type) {
    case 'string':
      return stringAt(values as readonly string[], i);
    case 'enum':
      return column.members![(values as Uint8Array)[i]!]!;
    case 'bool':
      return (values as Uint8Array)[i]! !== 0;
    case 'int64':
    case 'timestamp':
      return Number((values as BigInt64Array)[i]!);
    default:
      return (values as Int32Array | Float64Array)[i]!;
  }
}

const two = (n: number) => (n < 10 ? '0' : '') + n;

/** `YYYY-MM-DD HH:MM:SS[.ffffff]+00` of µs since the epoch, without the host's locale or zone. */
export function formatTimestamp(us: number): string {
  const day = Math.floor(us / MICROS_PER_DAY);
  const inDay = us - day * MICROS_PER_DAY;
  const seconds = Math.floor(inDay / 1e6);
  const micros = inDay - seconds * 1e6;
  const clock = `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  return `${formatIsoDay(day)} ${clock}${micros ? `.${String(micros).padStart(6, '0')}` : ''}+00`;
}

/** µs since the epoch of `YYYY-MM-DD[( |T)HH:MM:SS[.f…]][Z|+00[:00]]` (UTC), or undefined. */
export function parseTimestamp(text: string): number | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?)?(?:Z|\+00(?::?00)?)?$/.exec(
    text.trim(),
  );
  const day = m ? parseIsoDay(m[1]!) : undefined;
  if (!m || day === undefined) return undefined;
  const [h, mi, s] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return day * MICROS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1e6 + Number((m[5] ?? '').padEnd(6, '0'));
}

/** A decimal's text from the cents the Parquet file holds (the Arrow stage rounds dollars × 100). */
function formatCents(dollars: number): string {
  const cents = Math.round(dollars * 100);
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${two(abs % 100)}`;
}

/** The ground truth's text of a value of `column` (null stays null). */
export function cellText(column: ColumnSpec, value: Cell): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  switch (column.type) {
    case 'timestamp':
      return formatTimestamp(value);
    case 'date':
      return formatIsoDay(value);
    case 'decimal':
      return formatCents(value);
    default:
      return String(value);
  }
}

/** Whether two values would be stored the same (decimals compare by cents). */
export function sameCell(column: ColumnSpec, a: Cell, b: Cell): boolean {
  if (a === null || b === null) return a === b;
  if (column.type === 'decimal') return Math.round((a as number) * 100) === Math.round((b as number) * 100);
  return a === b;
}

/** Whether a column holds text (a string, or an enum written as text). */
export const isText = (column: ColumnSpec) => column.type === 'string' || column.type === 'enum';

export const isNumeric = (column: ColumnSpec) =>
  column.type === 'int32' ||
  column.type === 'int64' ||
  column.type === 'float64' ||
  column.type === 'decimal';

/** The value a profile's YAML scalar stands for in `column`, or a reason it cannot be one. */
export function cellOf(column: ColumnSpec, raw: string | number | boolean | null): Cell | string[] {
  if (raw === null) return null;
  const bad = (what: string) => [`${column.name} is ${column.type}: ${what}`];
  switch (column.type) {
    case 'string':
    case 'enum':
      return String(raw);
    case 'bool':
      return typeof raw === 'boolean' ? raw : bad('give true or false');
    case 'int32':
      return Number.isInteger(raw) && Math.abs(raw as number) < 2 ** 31 ? raw : bad('give a whole number');
    case 'int64':
      return Number.isSafeInteger(raw) ? raw : bad('give a whole number');
    case 'float64':
    case 'decimal':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : bad('give a number');
    case 'timestamp': {
      const us = typeof raw === 'string' ? parseTimestamp(raw) : undefined;
      return us ?? bad('give a UTC time like 2024-01-31 12:00:00');
    }
    case 'date': {
      const day = typeof raw === 'string' ? parseIsoDay(raw) : undefined;
      return day ?? bad('give a date like 2024-01-31');
    }
  }
}
