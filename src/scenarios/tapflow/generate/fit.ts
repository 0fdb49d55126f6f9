/**
 * Draws that fit inside the time left. Clamping a draw onto a window's bound piles every overflow on
 * one instant (1,797 devices "installed" at the last tick in data version 0.1.0); these shrink the
 * distribution into the window instead, so values stay continuous and never sit on the bound.
 */

/** Uniform in [lo, hi], scaled by room / hi when only `room` (> 0) is left: always below `room` for u < 1. */
export function delayWithin(lo: number, hi: number, room: number, u: number): number {
  const d = lo + u * (hi - lo);
  return hi <= room ? d : d * (room / hi);
}

/** Exponential with the given mean, truncated to [0, room) by its inverse CDF. */
export function exponentialWithin(mean: number, room: number, u: number): number {
  return -mean * Math.log(1 - u * (1 - Math.exp(-room / mean)));
}
