/**
 * Rows per day of a dataset that runs past its simulation's end (an append): the days the simulation
 * covers keep their exact total, apportioned by weight as a run of that window alone apportions it,
 * and each later day gets rows at the same rate per unit of weight, rounded cumulatively from the
 * first later day. A later day's rows depend only on the days before it, so k one-day appends give
 * what one k-day append gives.
 */
import { apportion } from '../../../generate/apportion.js';

/** `weights` per day from the first; the first `simulated` days share `total` exactly. */
export function apportionAndContinue(total: number, weights: Float64Array, simulated: number): Int32Array {
  const out = new Int32Array(weights.length);
  const covered = weights.subarray(0, simulated);
  out.set(apportion(total, covered));
  const sum = covered.reduce((a, b) => a + b, 0);
  const rate = sum > 0 ? total / sum : 0;
  let expected = 0;
  let given = 0;
  for (let i = simulated; i < weights.length; i++) {
    expected += weights[i]! * rate;
    const upTo = Math.round(expected);
    out[i] = upTo - given;
    given = upTo;
  }
  return out;
}
