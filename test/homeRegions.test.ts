import { describe, expect, it } from 'vitest';
import { homeRegions } from '../src/scenarios/tapflow/generate/homeRegions.js';

function locationsPerRegion(region: Uint8Array, locations: Int32Array, regions: number): number[] {
  const sums = new Array<number>(regions).fill(0);
  for (let a = 0; a < region.length; a++) sums[region[a]!]! += locations[a]!;
  return sums;
}

describe('homeRegions', () => {
  it('places the largest accounts first, each where locations are still lacking', () => {
    const locations = Int32Array.of(10, 50, 10, 30);
    const region = homeRegions(new Float64Array(4), locations, [0.5, 0.3, 0.2]);
    expect([...region]).toEqual([2, 0, 2, 1]);
    expect(locationsPerRegion(region, locations, 3)).toEqual([50, 30, 20]);
  });

  it('keeps every region near its share when a few chains own most venues', () => {
    // 150 accounts: 3 chains of 60 venues, 12 of 20, the rest 1–4 (like 1x's tiers); draws spread evenly.
    const locations = Int32Array.from({ length: 150 }, (_, a) => (a < 3 ? 60 : a < 15 ? 20 : 1 + (a % 4)));
    const draws = Float64Array.from({ length: 150 }, (_, a) => (a * 0.618034) % 1);
    const shares = [0.4, 0.25, 0.2, 0.15];
    const total = locations.reduce((x, y) => x + y, 0);
    const sums = locationsPerRegion(homeRegions(draws, locations, shares), locations, 4);
    for (let r = 0; r < 4; r++) expect(Math.abs(sums[r]! / total - shares[r]!)).toBeLessThan(0.01);
  });
});
