import { describe, expect, it } from 'vitest';
import { DayWindows } from '../src/generate/dayWindows.js';

// Entities 0..4: live days [1,3], [2,2], [1,0] (never), [0,9], [1,9] with weight 0.
const first = Int32Array.of(1, 2, 1, 0, 1);
const last = Int32Array.of(3, 2, 0, 9, 9);
const weight = Float64Array.of(1, 2, 5, 0.5, 0);

describe('DayWindows', () => {
  it('selects live entities of positive weight, in order, with cumulative weights', () => {
    const w = new DayWindows(first, last, weight);
    const on2 = w.on(2);
    expect(Array.from(on2.ids)).toEqual([0, 1, 3]);
    expect(Array.from(on2.cumulative)).toEqual([1, 3, 3.5]);
    const on5 = w.on(5);
    expect(Array.from(on5.ids)).toEqual([3]);
    expect(Array.from(on5.cumulative)).toEqual([0.5]);
    expect(w.on(10).ids.length).toBe(0);
  });

  it('considers only the candidates it was given', () => {
    const w = new DayWindows(first, last, weight, Int32Array.of(1, 3));
    expect(Array.from(w.on(2).ids)).toEqual([1, 3]);
    expect(Array.from(w.on(2).cumulative)).toEqual([2, 2.5]);
  });

  it('scales weights by a per-day factor, leaving out entities it zeroes', () => {
    const w = new DayWindows(first, last, weight);
    const on2 = w.on(2, (e, day) => (e === 1 ? 0 : e === 3 ? day : 1));
    expect(Array.from(on2.ids)).toEqual([0, 3]);
    expect(Array.from(on2.cumulative)).toEqual([1, 2]);
    expect(Array.from(w.on(2).cumulative)).toEqual([1, 3, 3.5]);
  });
});
