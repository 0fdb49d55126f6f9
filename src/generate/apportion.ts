/**
 * Largest-remainder apportionment: splits an exact integer total over weights so the parts sum to
 * the total, each within one of its exact share. Ties go to the lower index, so it is deterministic.
 */
export function apportion(total: number, weights: ArrayLike<number>, minimum: ArrayLike<number> = []): Int32Array {
  const n = weights.length;
  const parts = new Int32Array(n);
  if (!Number.isInteger(total) || total < 0) throw new Error(`apportion: total must be a whole number ≥ 0, got ${total}`);
  let reserved = 0;
  for (let i = 0; i < n; i++) {
    parts[i] = minimum[i] ?? 0;
    reserved += parts[i]!;
  }
  const rest = total - reserved;
  if (rest < 0) throw new Error(`apportion: minimums (${reserved}) exceed the total ${total}`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`apportion: weight ${i} is ${w}; weights must be finite and ≥ 0`);
    sum += w;
  }
  if (rest === 0) return parts;
  if (sum <= 0) throw new Error('apportion: all weights are zero but the total is positive');
  const remainders = new Float64Array(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = (rest * weights[i]!) / sum;
    const whole = Math.floor(exact);
    parts[i]! += whole;
    given += whole;
    remainders[i] = exact - whole;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => remainders[b]! - remainders[a]! || a - b);
  for (let k = 0; k < rest - given; k++) parts[order[k]!]! += 1;
  return parts;
}

/**
 * Scales per-parent counts drawn from ranges to an exact total, keeping every parent at ≥ 1: each
 * parent keeps 1 and the rest of the total is apportioned by what it drew above 1.
 */
export function reconcileCounts(total: number, raw: ArrayLike<number>): Int32Array {
  const n = raw.length;
  if (total < n) throw new Error(`reconcileCounts: total ${total} is below one per parent (${n})`);
  const above = Array.from({ length: n }, (_, i) => Math.max(0, raw[i]! - 1));
  const weights = above.some((w) => w > 0) ? above : Array.from({ length: n }, () => 1);
  return apportion(
    total,
    weights,
    Array.from({ length: n }, () => 1),
  );
}
