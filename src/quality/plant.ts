/**
 * The value a value-changing slot plants in one cell, from the clean value and a uniform draw; undefined
 * when the cell cannot carry the issue (already null, zero for an outlier, or the planted value would
 * equal the clean one): such a row stays clean and is not listed.
 */
import type { ColumnSpec } from '../schema/tableSpec.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../time/calendar.js';
import { offsetHoursAt, ZONES, zoneIndex } from '../time/timezone.js';
import { type Cell, sameCell } from './cells.js';
import type { Slot } from './slots.js';
import { choose, formatVariant, placeholder } from './variants.js';

/** Orphans point at ids from here on: far above any generated id at any scale, still an int32. */
export const ORPHAN_BASE = 2_000_000_000;
/** A near duplicate's new key: this plus the key of the row it copies. */
export const NEAR_DUPLICATE_BASE = 1_000_000_000;

/** Sentinels: the Unix epoch and 9999-12-31, as µs and as days. */
const SENTINEL_TIMES = [0, 253_402_214_400_000_000];
const SENTINEL_DAYS = [-25_567, 2_932_896]; // 1900-01-01, 9999-12-31

const INT32_MAX = 2 ** 31 - 1;

/** local_time: the zone whose wall clock a source wrote where UTC is declared. */
const LOCAL_ZONE = ZONES[zoneIndex('America/New_York')]!;

/** Decimals after the point of a double as written (a reading of 185.8 has 1): outliers keep them. */
function decimals(x: number): number {
  const text = String(x);
  const point = text.indexOf('.');
  return point < 0 || text.includes('e') ? 0 : Math.min(6, text.length - point - 1);
}

function rounded(column: ColumnSpec, x: number, like: number): number {
  if (column.type === 'float64') {
    const scale = 10 ** decimals(like);
    return Math.round(x * scale) / scale;
  }
  if (column.type === 'decimal') return Math.round(x * 100) / 100;
  if (column.type === 'int32') return Math.max(-INT32_MAX, Math.min(INT32_MAX, Math.round(x)));
  if (column.type === 'int64') return Math.round(x);
  return x;
}

function planted(
  slot: Slot,
  column: ColumnSpec,
  clean: Cell,
  u: number,
  row: (name: string) => Cell,
): Cell | undefined {
  switch (slot.type) {
    case 'missing':
      if (clean === null) return undefined;
      return column.type === 'string' ? placeholder(u) : null;
    case 'outlier':
      // Within plausible range: 2.5 to 6 times the value, same sign.
      return typeof clean === 'number' && clean !== 0
        ? rounded(column, clean * (2.5 + 3.5 * u), clean)
        : undefined;
    case 'impossible':
      if (clean === null) return undefined;
      if (column.type === 'timestamp') return choose(SENTINEL_TIMES, u);
      if (column.type === 'date') return choose(SENTINEL_DAYS, u);
      return choose([clean === 0 ? -1 : -Math.abs(clean as number), -1, 9999], u);
    case 'orphan':
      if (clean === null) return undefined;
      return typeof clean === 'string' ? `${clean}-404` : ORPHAN_BASE + Math.floor(u * 100_000_000);
    case 'late': {
      // Arrived 1 to 3 days and some whole seconds after it happened: its partition is a later day.
      if (clean === null) return undefined;
      const days = 1 + Math.floor(u * 3);
      const seconds = Math.floor(((u * 3) % 1) * 86_400);
      return (clean as number) - days * MICROS_PER_DAY - seconds * 1e6;
    }
    case 'format_variant':
      return typeof clean === 'string' ? formatVariant(clean, u) : undefined;
    case 'local_time':
      // The New York wall clock of the instant, written as if it were UTC (4 or 5 hours early).
      return clean === null
        ? undefined
        : (clean as number) + offsetHoursAt(LOCAL_ZONE, clean as number) * MICROS_PER_HOUR;
    case 'value':
      return slot.value!;
    case 'copy':
      return row(slot.from!);
    default:
      return undefined;
  }
}

/** The planted value of a value slot, or undefined when this cell stays clean. */
export function plantValue(
  slot: Slot,
  column: ColumnSpec,
  clean: Cell,
  u: number,
  row: (name: string) => Cell,
): Cell | undefined {
  const value = planted(slot, column, clean, u, row);
  return value === undefined || sameCell(column, value, clean) ? undefined : value;
}
