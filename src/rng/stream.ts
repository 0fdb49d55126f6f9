/**
 * Reproducible random streams on pure-rand's xoroshiro128+.
 *
 * Every table has its own base state (hashed from seed and table name), every shard of it starts
 * `shard × SLOTS_PER_SHARD` jumps (2^64 draws each) further, and every column of a shard takes its own
 * slot, so shards and columns never share draws and adding a column changes no existing one.
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

export type StreamState = readonly [number, number, number, number];

/** Column slots reserved per shard; a table may use at most this many sub-streams. */
export const SLOTS_PER_SHARD = 16;

const TWO_POW_MINUS_32 = 2 ** -32;

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
export function fmix32(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 0;
}

function hashString(text: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < text.length; i++) h = fmix32(h ^ Math.imul(text.charCodeAt(i), 0x9e3779b1));
  return h;
}

/** Base state of a named stream family (a table) for a run seed. Never all zero. */
export function baseState(seed: number, name: string): StreamState {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 2 ** 32) >>> 0;
  const h = hashString(name, fmix32(lo ^ fmix32(hi ^ 0x5bd1e995)));
  const s: [number, number, number, number] = [
    fmix32(h ^ 0x243f6a88),
    fmix32(h ^ 0x85a308d3),
    fmix32(h ^ 0x13198a2e),
    fmix32(h ^ 0x03707344),
  ];
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  return s;
}

/** States of consecutive shards: shard i starts `i × SLOTS_PER_SHARD` jumps after the base. */
export function shardStates(base: StreamState, count: number): StreamState[] {
  const gen = xoroshiro128plusFromState(base);
  const out: StreamState[] = [];
  for (let i = 0; i < count; i++) {
    out.push(gen.getState() as unknown as StreamState);
    for (let j = 0; j < SLOTS_PER_SHARD; j++) gen.jump();
  }
  return out;
}

/** Inverse normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function inverseNormal(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

const NORMAL_STEPS = 8192;
/** Quantiles at (i + 0.5) / (steps + 1), so the ends stay finite. */
const NORMAL_QUANTILES = Float64Array.from({ length: NORMAL_STEPS + 1 }, (_, i) =>
  inverseNormal((i + 0.5) / (NORMAL_STEPS + 1)),
);

/** The standard normal at quantile `u` in [0, 1), interpolated in the table: no log or sqrt per draw. */
export function normalFrom(u: number): number {
  const x = u * NORMAL_STEPS;
  const i = x | 0;
  return NORMAL_QUANTILES[i]! + (x - i) * (NORMAL_QUANTILES[i + 1]! - NORMAL_QUANTILES[i]!);
}

/** A draw source for one column of one shard. */
export class Stream {
  private readonly gen: ReturnType<typeof xoroshiro128plusFromState>;

  constructor(shardState: StreamState, slot: number) {
    if (!Number.isInteger(slot) || slot < 0 || slot >= SLOTS_PER_SHARD) {
      throw new Error(`stream slot ${slot} outside 0..${SLOTS_PER_SHARD - 1}`);
    }
    this.gen = xoroshiro128plusFromState(shardState);
    for (let j = 0; j < slot; j++) this.gen.jump();
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return (this.gen.next() >>> 0) * TWO_POW_MINUS_32;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Standard normal from one draw, by a tabulated inverse CDF (|z| ≤ ~3.9); fast enough for hot loops. */
  normal(): number {
    return normalFrom(this.next());
  }
}

/** One Stream per named column slot of a shard, e.g. `streams(state, { time: 0, device: 1 })`. */
export function streams<K extends string>(
  state: StreamState,
  slots: Readonly<Record<K, number>>,
): Record<K, Stream> {
  const out = {} as Record<K, Stream>;
  for (const key of Object.keys(slots) as K[]) out[key] = new Stream(state, slots[key]);
  return out;
}

/** Index into a cumulative-weight table (last entry = total) for a uniform u in [0, 1). */
export function pickCumulative(cumulative: ArrayLike<number>, u: number): number {
  return pickCumulativeIn(cumulative, 0, cumulative.length, u);
}

/**
 * `pickCumulative` over the table held in cumulative[from, to) (its last entry its total), as an
 * index from `from`: many small tables in one array, with no subarray per draw.
 */
export function pickCumulativeIn(cumulative: ArrayLike<number>, from: number, to: number, u: number): number {
  const target = u * cumulative[to - 1]!;
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo - from;
}

/** Cumulative sums of weights, as a Float64Array. */
export function cumulate(weights: ArrayLike<number>): Float64Array {
  const out = new Float64Array(weights.length);
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i]!;
    out[i] = acc;
  }
  return out;
}
