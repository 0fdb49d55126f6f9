import { describe, expect, it } from 'vitest';
import {
  formatIsoDay,
  monthOf,
  nthWeekdayOfMonth,
  parseIsoDay,
  weekdayOf,
  yearOf,
} from '../src/time/calendar.js';

describe('calendar', () => {
  it('round-trips ISO days', () => {
    expect(parseIsoDay('1970-01-01')).toBe(0);
    expect(parseIsoDay('2025-06-25')).toBe(20264);
    expect(formatIsoDay(20264)).toBe('2025-06-25');
    expect(formatIsoDay(parseIsoDay('2024-02-29')!)).toBe('2024-02-29');
  });

  it('rejects impossible dates', () => {
    expect(parseIsoDay('2023-02-29')).toBeUndefined();
    expect(parseIsoDay('2025-13-01')).toBeUndefined();
    expect(parseIsoDay('25-06-2025')).toBeUndefined();
  });

  it('knows weekdays (Monday = 0) and months', () => {
    expect(weekdayOf(0)).toBe(3); // 1970-01-01 was a Thursday
    expect(weekdayOf(parseIsoDay('2025-06-22')!)).toBe(6); // a Sunday
    expect(monthOf(parseIsoDay('2025-06-25')!)).toBe(5);
  });

  it('finds the n-th weekday of a month', () => {
    expect(formatIsoDay(nthWeekdayOfMonth(2024, 2, 6, 2))).toBe('2024-03-10'); // second Sunday of March
    expect(formatIsoDay(nthWeekdayOfMonth(2024, 10, 6, 1))).toBe('2024-11-03'); // first Sunday of November
  });
});

describe('yearOf and monthOf', () => {
  it("agree with Date's UTC year and month on every day from 1800 to 2200", () => {
    const wrong: number[] = [];
    for (let day = -62_091; day <= 84_006; day++) {
      const date = new Date(day * 86_400_000);
      if (yearOf(day) !== date.getUTCFullYear() || monthOf(day) !== date.getUTCMonth()) wrong.push(day);
    }
    expect(wrong).toEqual([]);
  });
});
