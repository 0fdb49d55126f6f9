/**
 * Counter-based draws keyed by an entity: `at(key)` restarts the stream of one session, order or
 * review, so any table can recompute what another drew for that entity without reading its shard
 * (a session's order, an order's items in three tables). splitmix32 over a hash of (family, key).
 */
import { baseState, fmix32, normalFrom } from '../../../rng/stream.js';

const TWO_POW_MINUS_32 = 2 ** -32;

export class Keyed {
  private readonly base: number;
  private s = 0;

  /** The family `name` of the run `seed` (each family draws independently of the others). */
  constructor(seed: number, name: string) {
    this.base = baseState(seed, `ecommerce.${name}`)[0];
  }

  /** Restarts at entity `key` (a whole number below 2^53). */
  at(key: number): this {
    const lo = key >>> 0;
    const hi = Math.floor(key / 4294967296) >>> 0;
    this.s = fmix32(this.base ^ fmix32(lo ^ fmix32(hi ^ 0x632be5ab)));
    return this;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    this.s = (this.s + 0x9e3779b9) | 0;
    let z = this.s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return ((z ^ (z >>> 15)) >>> 0) * TWO_POW_MINUS_32;
  }

  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Standard normal, from one draw. */
  normal(): number {
    return normalFrom(this.next());
  }

  /** Log-normal with this median and sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Poisson with this mean, by inversion (means here are small). */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    const u = this.next();
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    while (u > cdf && k < 1000) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }

  /** Index into a cumulative-weight table (last entry = total). */
  pick(cumulative: ArrayLike<number>): number {
    return searchCumulative(
      cumulative,
      this.next() * cumulative[cumulative.length - 1]!,
      0,
      cumulative.length,
    );
  }
}

/** First index in [lo, hi) whose cumulative weight exceeds `target` (hi − 1 at most). */
export function searchCumulative(
  cumulative: ArrayLike<number>,
  target: number,
  lo: number,
  hi: number,
): number {
  let a = lo;
  let b = hi - 1;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (cumulative[mid]! > target) b = mid;
    else a = mid + 1;
  }
  return a;
}

/** Number of entries of an ascending array (within [lo, hi)) that are ≤ `value`. */
export function countAtMost(sorted: ArrayLike<number>, value: number, lo = 0, hi = sorted.length): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (sorted[mid]! <= value) a = mid + 1;
    else b = mid;
  }
  return a - lo;
}

/** Cumulative sums of weights. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let acc = 0;
  weights.forEach((w, i) => {
    out[i] = acc += w;
  });
  return out;
}
