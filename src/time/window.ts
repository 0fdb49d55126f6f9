/**
 * The business window: the UTC days a dataset covers, first and last inclusive. A run's window is the
 * pack's configured one unless `--days` or `--end` move it; `append` extends its end. Never the wall
 * clock, unless the user says `--end today` (then the resolved date is what the manifest records).
 */
import { UsageError } from '../errors.js';
import { formatIsoDay, MS_PER_DAY, parseIsoDay } from './calendar.js';

export interface DateWindow {
  /** First day, YYYY-MM-DD. */
  readonly start: string;
  /** Last day (inclusive), YYYY-MM-DD. */
  readonly end: string;
}

/** Days since 1970-01-01 of a window's first and last day. */
export function windowDays(window: DateWindow): { readonly startDay: number; readonly endDay: number } {
  return { startDay: parseIsoDay(window.start)!, endDay: parseIsoDay(window.end)! };
}

export function windowOfDays(startDay: number, endDay: number): DateWindow {
  return { start: formatIsoDay(startDay), end: formatIsoDay(endDay) };
}

export const lengthOf = (window: DateWindow): number => {
  const { startDay, endDay } = windowDays(window);
  return endDay - startDay + 1;
};

/** Most days a window may hold (ten years, as the packs' configs allow). */
export const MAX_DAYS = 3660;

/** `--days N`: a whole number of days from 1 to MAX_DAYS. */
export function parseDays(text: string, flag = '--days'): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 1 && value <= MAX_DAYS)) {
    throw new UsageError(`${flag} ${text}: accepted: a whole number of days from 1 to ${MAX_DAYS}`);
  }
  return value;
}

/** `--end YYYY-MM-DD` or `--end today` (the UTC date of `nowMs`). */
export function parseEnd(text: string, nowMs: number): number {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'today') return Math.floor(nowMs / MS_PER_DAY);
  const day = parseIsoDay(trimmed);
  if (day === undefined) throw new UsageError(`--end ${text}: accepted: a date YYYY-MM-DD, or today (UTC)`);
  return day;
}

/**
 * The window a run covers: `days` days ending on `end`, each defaulting to the configured window's
 * (so `--end` alone keeps the configured length, `--days` alone the configured last day).
 */
export function resolveWindow(configured: DateWindow, days?: number, endDay?: number): DateWindow {
  const last = endDay ?? windowDays(configured).endDay;
  return windowOfDays(last - (days ?? lengthOf(configured)) + 1, last);
}
