/**
 * Counter-based uniform draws: the same (seed, keys) always give the same number. Per-device events
 * that several tables must agree on (reboots, maintenance, line changes) are drawn this way, so any
 * shard can ask about any device and day without state shared between shards.
 */

/** murmur3's 32-bit finaliser. */
function fmix32(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 0;
}

/** Uniform in [0, 1) from a run seed and up to three integer keys (each below 2^32). */
export function hashUniform(seed: number, a: number, b: number, c = 0): number {
  let h = fmix32((seed >>> 0) ^ 0x9e3779b9);
  h = fmix32(h ^ Math.floor(seed / 4294967296));
  h = fmix32(h ^ Math.imul(a | 0, 0x85ebca6b));
  h = fmix32(h ^ Math.imul(b | 0, 0xc2b2ae35));
  h = fmix32(h ^ Math.imul(c | 0, 0x27d4eb2f));
  return (h >>> 0) / 4294967296;
}
