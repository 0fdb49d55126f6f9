/**
 * Wear through a service cycle. At fraction x of the way from one service to the next episode, a
 * tap's odds of an anomalous pour are its base odds × w(x) = 0.25 + 2.25 x²: a quarter of its
 * average just after a service, two and a half times it just before the next (an alarm, or a planned
 * visit that came in time), averaging 1 over a cycle. In the cycle still running x is measured
 * against the device's planned interval, and capped at 1.2 (overdue devices stay at their worst).
 */
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { type ServiceSchedule, wearCycle } from './serviceSchedule.js';

export const MAX_WEAR = 1.2;

/** A tap's planned service interval (the middle of its range), µs. */
export function nominalCycle(config: Readonly<Config>): number {
  const [lo, hi] = config.device_maintenance.planned.tap_controller.every_days;
  return ((lo + hi) / 2) * MICROS_PER_DAY;
}

export function wearFactor(x: number): number {
  return 0.25 + 2.25 * x * x;
}

/** ∫₀ˣ w, for x in [0, MAX_WEAR], then flat. */
function wearIntegral(x: number): number {
  const c = Math.min(x, MAX_WEAR);
  return 0.25 * c + 0.75 * c * c * c + Math.max(0, x - MAX_WEAR) * wearFactor(MAX_WEAR);
}

/** Fraction of its wear cycle device d is at, at time t (µs). */
export function wearAt(
  s: ServiceSchedule,
  d: number,
  installedAt: number,
  nominal: number,
  t: number,
): number {
  const [from, to] = wearCycle(s, d, installedAt, t);
  return Number.isNaN(to) ? Math.min(MAX_WEAR, (t - from) / nominal) : (t - from) / (to - from);
}

/** Mean of w over [start, end) µs of device d's life (time-weighted across its cycles). */
export function meanWear(
  s: ServiceSchedule,
  d: number,
  installedAt: number,
  nominal: number,
  start: number,
  end: number,
): number {
  if (!(end > start)) return 1;
  let t = start;
  let area = 0;
  let span = 0;
  while (t < end) {
    const [from, to] = wearCycle(s, d, installedAt, t);
    const length = Number.isNaN(to) ? nominal : to - from;
    const stop = Number.isNaN(to) ? end : Math.min(end, to);
    if (stop <= t) break;
    area += length * (wearIntegral((stop - from) / length) - wearIntegral((t - from) / length));
    span += stop - t;
    // Skip the episode itself (no pours while out of service).
    t = Number.isNaN(to) ? end : nextStart(s, d, installedAt, to);
  }
  return span > 0 ? area / span : 1;
}

/** When device d is back in service after the episode starting at `at`. */
function nextStart(s: ServiceSchedule, d: number, installedAt: number, at: number): number {
  const [from] = wearCycle(s, d, installedAt, at + 1);
  return Math.max(from, at + 1);
}

/** Where each device is in its wear cycle on a day, computed once per device and day (per worker). */
export class WearCache {
  private readonly day: Int32Array;
  private readonly x: Float64Array;

  constructor(
    private readonly schedule: ServiceSchedule,
    private readonly installedAt: Float64Array,
    private readonly nominal: number,
  ) {
    this.day = new Int32Array(installedAt.length).fill(-1);
    this.x = new Float64Array(installedAt.length);
  }

  /** Wear fraction of device d at `t` µs (the value at the first `t` asked on that UTC day). */
  of(d: number, t: number): number {
    const day = Math.floor(t / MICROS_PER_DAY);
    if (this.day[d] !== day) {
      this.day[d] = day;
      this.x[d] = wearAt(this.schedule, d, this.installedAt[d]!, this.nominal, t);
    }
    return this.x[d]!;
  }
}
