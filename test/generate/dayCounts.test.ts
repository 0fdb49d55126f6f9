/** Cumulative rounding of expected rows per day: exact small cases, and a longer run keeps its prefix. */
import { describe, expect, it } from 'vitest';
import { dayCounts, firstOfDays } from '../../src/generate/dayCounts.js';

describe('dayCounts', () => {
  it('rounds the running total, so each prefix sums to its rounded expectation', () => {
    // Running totals 0.4, 0.8, 1.2, 1.6, 2.0 round to 0, 1, 1, 2, 2.
    expect(Array.from(dayCounts([0.4, 0.4, 0.4, 0.4, 0.4]))).toEqual([0, 1, 0, 1, 0]);
    // 2.5 rounds up; 2.5 + 0.2 = 2.7 → 3 as well.
    expect(Array.from(dayCounts([2.5, 0.2, 1.3]))).toEqual([3, 0, 1]);
    expect(Array.from(dayCounts([]))).toEqual([]);
  });

  it('gives a longer run the same counts on the days they share', () => {
    const rates = Array.from({ length: 40 }, (_, d) => 0.3 + ((d * 7) % 5) * 0.61);
    const short = dayCounts(rates.slice(0, 25));
    const long = dayCounts(rates);
    expect(Array.from(long.subarray(0, 25))).toEqual(Array.from(short));
    const sum = Array.from(long).reduce((a, b) => a + b, 0);
    expect(sum).toBe(Math.round(rates.reduce((a, b) => a + b, 0)));
  });

  it('refuses an expectation that is negative or not finite, naming the day', () => {
    expect(() => dayCounts([1, -0.5])).toThrow('dayCounts: day 1 expects -0.5 rows');
    expect(() => dayCounts([Number.NaN])).toThrow('dayCounts: day 0 expects NaN rows');
  });

  it('firstOfDays turns counts into first indices', () => {
    expect(Array.from(firstOfDays([2, 0, 3]))).toEqual([0, 2, 2, 5]);
  });
});
