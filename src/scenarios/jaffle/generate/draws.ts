/**
 * Draws built on uniforms: Poisson counts, log-normal spreads, and a uniform keyed by two numbers
 * (an ad and a day), so a value can be recomputed from its key without a stream.
 */
import { fmix32, normalFrom } from '../../../rng/stream.js';

const TWO_POW_MINUS_32 = 2 ** -32;

/** A source of uniforms in [0, 1) (a Stream). */
export interface Uniform {
  next(): number;
}

/** Poisson with this mean: inversion below 30, a rounded normal above (never negative). */
export function poisson(rng: Uniform, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean >= 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normalFrom(rng.next())));
  const u = rng.next();
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  while (u > cdf && k < 200) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** exp(sigma × a standard normal): a log-normal factor with median 1. */
export function spread(rng: Uniform, sigma: number): number {
  return Math.exp(sigma * normalFrom(rng.next()));
}

/** Uniform in [0, 1) from a base hash and two whole-number keys below 2^32. */
export function keyedUniform(base: number, a: number, b: number): number {
  return (fmix32(base ^ fmix32(a ^ fmix32(b ^ 0x632be5ab))) >>> 0) * TWO_POW_MINUS_32;
}

/** Index into cumulative weights (ascending; entry n − 1 the total) for a uniform u, among [0, n). */
export function pickIn(cumulative: ArrayLike<number>, n: number, u: number): number {
  const target = u * cumulative[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
