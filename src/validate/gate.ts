/**
 * Realism checks measure shares and ratios that only settle on enough data: each names the
 * smallest sample it needs and is skipped (with the measured value) below it, whatever the scale.
 */
import { type CheckResult, GROUP, result, skipped } from './check.js';

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(4));

/** `ok` of a measured value, or skipped when the sample `n` is below `min` (or the value is undefined). */
export function gated(
  name: string,
  target: string,
  value: number,
  ok: boolean,
  n: number,
  min: number,
): CheckResult {
  if (!(n >= min) || Number.isNaN(value))
    return skipped(GROUP.distributions, name, target, `sample ${n} < ${min} (measured ${fmt(value)})`);
  return result(GROUP.distributions, name, target, fmt(value), ok);
}

/** A value in [lo, hi], gated on the sample. */
export function gatedWithin(
  name: string,
  value: number,
  lo: number,
  hi: number,
  n: number,
  min: number,
): CheckResult {
  return gated(name, `${fmt(lo)}–${fmt(hi)}`, value, value >= lo && value <= hi, n, min);
}
