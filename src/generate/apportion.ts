/**
 * Largest-remainder apportionment: splits an exact integer total over weights so the parts sum to
 * the total, each within one of its exact share. Ties go to the lower index, so it is deterministic.
 * A part whose share falls below its minimum gets the minimum, and the rest is shared by the others.
 */
export function apportion(
  total: number,
  weights: ArrayLike<number>,
  minimum: ArrayLike<number> = [],
): Int32Array {
  const n = weights.length;
  if (!Number.isInteger(total) || total < 0)
    throw new Error(`apportion: total must be a whole number ≥ 0, got ${total}`);
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    if (!(w >= 0) || !Number.isFinite(w))
      throw new Error(`apportion: weight ${i} is ${w}; weights must be finite and ≥ 0`);
  }
  const fixed = new Uint8Array(n);
  let reserved = 0;
  for (;;) {
    let sum = 0;
    for (let i = 0; i < n; i++) if (!fixed[i]) sum += weights[i]!;
    let changed = false;
    for (let i = 0; i < n; i++) {
      const min = minimum[i] ?? 0;
      if (fixed[i] || min === 0) continue;
      const share = sum > 0 ? ((total - reserved) * weights[i]!) / sum : 0;
      if (share < min) {
        fixed[i] = 1;
        reserved += min;
        changed = true;
      }
    }
    if (!changed) break;
  }
  if (reserved > total) throw new Error(`apportion: minimums (${reserved}) exceed the total ${total}`);
  const parts = new Int32Array(n);
  const rest = total - reserved;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (fixed[i]) parts[i] = minimum[i]!;
    else sum += weights[i]!;
  }
  if (rest === 0) return parts;
  if (sum <= 0) throw new Error('apportion: all weights are zero but the total is positive');
  const remainders = new Float64Array(n).fill(-1);
  let given = 0;
  for (let i = 0; i < n; i++) {
    if (fixed[i]) continue;
    const exact = (rest * weights[i]!) / sum;
    const whole = Math.floor(exact);
    parts[i] = whole;
    given += whole;
    remainders[i] = exact - whole;
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => remainders[b]! - remainders[a]! || a - b,
  );
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
  const weights = above.some((w) => w > 0) ? above : above.map(() => 1);
  const parts = apportion(total - n, weights);
  for (let i = 0; i < n; i++) parts[i]! += 1;
  return parts;
}
