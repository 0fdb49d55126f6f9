import { describe, expect, it } from 'vitest';
import { apportion, reconcileCounts } from '../src/generate/apportion.js';

describe('apportion', () => {
  it('gives exact shares when they are whole', () => {
    expect(Array.from(apportion(150, [0.7, 0.2, 0.08, 0.02]))).toEqual([105, 30, 12, 3]);
  });

  it('hands the remainder to the largest fractions, ties to the lower index', () => {
    expect(Array.from(apportion(10, [1, 1, 1]))).toEqual([4, 3, 3]);
    expect(Array.from(apportion(7, [0.5, 0.3, 0.2]))).toEqual([4, 2, 1]);
  });

  it('always sums to the total', () => {
    const weights = Array.from({ length: 2000 }, (_, i) => 1 + Math.sin(i) ** 2);
    const parts = apportion(10_000_000, weights);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(10_000_000);
  });

  it('honours minimums', () => {
    expect(Array.from(apportion(4, [1, 0, 0, 0], [1, 1, 1, 1]))).toEqual([1, 1, 1, 1]);
    expect(Array.from(apportion(6, [1, 0, 0, 0], [1, 1, 1, 1]))).toEqual([3, 1, 1, 1]);
  });

  it('rejects impossible input', () => {
    expect(() => apportion(3, [1, 1], [2, 2])).toThrow(/minimums \(4\) exceed the total 3/);
    expect(() => apportion(1, [0, 0])).toThrow(/all weights are zero/);
    expect(() => apportion(1.5, [1])).toThrow(/whole number/);
  });
});

describe('reconcileCounts', () => {
  it('keeps one per parent and spreads the rest by what each drew above one', () => {
    expect(Array.from(reconcileCounts(10, [1, 2, 5]))).toEqual([1, 2, 7]);
    expect(Array.from(reconcileCounts(3, [4, 9, 2]))).toEqual([1, 1, 1]);
  });

  it('hits the total exactly', () => {
    const parts = reconcileCounts(
      800,
      Array.from({ length: 150 }, (_, i) => 1 + (i % 7)),
    );
    expect(parts.reduce((a, b) => a + b, 0)).toBe(800);
    expect(Math.min(...parts)).toBe(1);
  });
});
