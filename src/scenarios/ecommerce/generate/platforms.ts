/** Operating systems and browsers by device, with 2023-like market shares. */
import { cumulative, searchCumulative } from './keyed.js';

/** Per device (desktop, mobile, tablet): OS weights, then browser weights per OS. */
const OS_WEIGHTS = [
  [0.68, 0.27, 0.03, 0.02, 0, 0, 0],
  [0, 0, 0, 0, 0.55, 0.45, 0],
  [0, 0, 0, 0, 0, 0.3, 0.7],
].map(cumulative);
const BROWSER_WEIGHTS = [
  [0.7, 0, 0.2, 0.1, 0],
  [0.4, 0.55, 0, 0.05, 0],
  [0.6, 0, 0, 0.4, 0],
  [1, 0, 0, 0, 0],
  [0.1, 0.9, 0, 0, 0],
  [0.8, 0, 0, 0, 0.2],
  [0.1, 0.9, 0, 0, 0],
].map(cumulative);

/** [os, browser] of a device from two uniform draws. */
export function platformOf(device: number, u: number, v: number): [number, number] {
  const osCum = OS_WEIGHTS[device]!;
  const os = searchCumulative(osCum, u * osCum[osCum.length - 1]!, 0, osCum.length);
  const bCum = BROWSER_WEIGHTS[os]!;
  return [os, searchCumulative(bCum, v * bCum[bCum.length - 1]!, 0, bCum.length)];
}
