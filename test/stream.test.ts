import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import {
  baseState,
  cumulate,
  inverseNormal,
  pickCumulative,
  pickCumulativeIn,
  SLOTS_PER_SHARD,
  Stream,
  shardStates,
} from '../src/rng/stream.js';

const draws = (s: Stream, n: number) => Array.from({ length: n }, () => s.next());

describe('streams', () => {
  it('are reproducible from the same seed and name', () => {
    const a = new Stream(baseState(42, 'tap_events'), 0);
    const b = new Stream(baseState(42, 'tap_events'), 0);
    expect(draws(a, 100)).toEqual(draws(b, 100));
  });

  it('differ by seed and by table name', () => {
    expect(baseState(42, 'tap_events')).not.toEqual(baseState(43, 'tap_events'));
    expect(baseState(42, 'tap_events')).not.toEqual(baseState(42, 'devices'));
  });

  it('put shard i exactly i × SLOTS_PER_SHARD jumps after the base', () => {
    const base = baseState(7, 'x');
    const states = shardStates(base, 3);
    const gen = xoroshiro128plusFromState(base);
    for (let j = 0; j < 2 * SLOTS_PER_SHARD; j++) gen.jump();
    expect(states[2]).toEqual(gen.getState());
    expect(states[0]).toEqual(base);
  });

  it('give each column slot its own jump-separated sub-stream', () => {
    const shard = shardStates(baseState(1, 't'), 1)[0]!;
    const slot3 = new Stream(shard, 3);
    const gen = xoroshiro128plusFromState(shard);
    for (let j = 0; j < 3; j++) gen.jump();
    expect(slot3.next()).toBe((gen.next() >>> 0) / 2 ** 32);
    const a = draws(new Stream(shard, 0), 1000);
    const b = draws(new Stream(shard, 1), 1000);
    const shared = a.filter((x) => b.includes(x));
    expect(shared.length).toBeLessThan(3);
  });

  it('refuse slots outside the reserved range', () => {
    expect(() => new Stream(baseState(1, 't'), SLOTS_PER_SHARD)).toThrow(/slot 16 outside 0..15/);
  });

  it('draw uniforms in [0, 1) with the right mean', () => {
    const xs = draws(new Stream(baseState(3, 'u'), 0), 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 2);
  });

  it('draw standard normals', () => {
    const s = new Stream(baseState(3, 'n'), 0);
    const xs = Array.from({ length: 50_000 }, () => s.normal());
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(0, 1);
    expect(sd).toBeCloseTo(1, 1);
    expect(inverseNormal(0.975)).toBeCloseTo(1.959964, 5);
    expect(inverseNormal(0.001)).toBeCloseTo(-3.090232, 5);
  });

  it('pick from cumulative weights by binary search', () => {
    const cum = cumulate([1, 0, 3]);
    expect(Array.from(cum)).toEqual([1, 1, 4]);
    expect(pickCumulative(cum, 0)).toBe(0);
    expect(pickCumulative(cum, 0.2499)).toBe(0);
    expect(pickCumulative(cum, 0.25)).toBe(2);
    expect(pickCumulative(cum, 0.9999)).toBe(2);
  });
});

describe('pickCumulativeIn', () => {
  it('picks within one table of many held in one array, as pickCumulative on its slice', () => {
    // Two tables: [1, 3, 6] (weights 1, 2, 3) and [4, 4, 10] (weights 4, 0, 6).
    const both = Float64Array.of(1, 3, 6, 4, 4, 10);
    expect([0, 0.1, 0.2, 0.5, 0.99].map((u) => pickCumulativeIn(both, 0, 3, u))).toEqual([0, 0, 1, 2, 2]);
    expect([0, 0.39, 0.4, 0.99].map((u) => pickCumulativeIn(both, 3, 6, u))).toEqual([0, 0, 2, 2]);
    for (const u of [0, 0.25, 0.61, 0.999])
      expect(pickCumulativeIn(both, 3, 6, u)).toBe(pickCumulative(both.subarray(3, 6), u));
  });
});
