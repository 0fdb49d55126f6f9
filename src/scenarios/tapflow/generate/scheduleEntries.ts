/** Service-history entries while they are built (µs columns, growable), and their shared, indexed form. */
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { ServiceSchedule } from './serviceSchedule.js';

const SECOND = 1_000_000;

/** Growable columns of entries (µs; resolved NaN while open). */
export class Entries {
  n = 0;
  reported = new Float64Array(1024);
  performed = new Float64Array(1024);
  resolved = new Float64Array(1024);
  type = new Uint8Array(1024);
  trigger = new Uint8Array(1024);
  firmware = new Uint8Array(1024);

  push(
    reported: number,
    performed: number,
    resolved: number,
    type: number,
    trigger: number,
    fw: number,
  ): void {
    if (this.n === this.reported.length) {
      const grow = <T extends Float64Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.reported = grow(this.reported);
      this.performed = grow(this.performed);
      this.resolved = grow(this.resolved);
      this.type = grow(this.type);
      this.trigger = grow(this.trigger);
      this.firmware = grow(this.firmware);
    }
    const i = this.n++;
    this.reported[i] = reported;
    this.performed[i] = performed;
    this.resolved[i] = resolved;
    this.type[i] = type;
    this.trigger[i] = trigger;
    this.firmware[i] = fw;
  }

  /** Orders entries [start, n) by performed time, stably: a device's few entries, by insertion. */
  sortFrom(start: number): void {
    const { reported, performed, resolved, type, trigger, firmware } = this;
    for (let i = start + 1; i < this.n; i++) {
      const at = performed[i]!;
      let j = i;
      while (j > start && performed[j - 1]! > at) j--;
      if (j === i) continue;
      const entry = [reported[i]!, at, resolved[i]!, type[i]!, trigger[i]!, firmware[i]!] as const;
      for (const a of [reported, performed, resolved, type, trigger, firmware]) a.copyWithin(j + 1, j, i);
      reported[j] = entry[0];
      performed[j] = entry[1];
      resolved[j] = entry[2];
      type[j] = entry[3];
      trigger[j] = entry[4];
      firmware[j] = entry[5];
    }
  }
}

/** The shared form of entries grouped by device (`first` offsets): int32 seconds, and the by-day index. */
export function assembleSchedule(
  out: Entries,
  first: Int32Array,
  firstDay: number,
  lastDay: number,
): ServiceSchedule {
  const n = out.n;
  const base = firstDay * MICROS_PER_DAY;
  // Plain loops: Int32Array.from with a mapping function takes the slow generic path.
  const seconds = (from: Float64Array) => {
    const to = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const t = from[k]!;
      to[k] = Number.isNaN(t) ? -1 : Math.floor((t - base) / SECOND);
    }
    return to;
  };
  const reported = seconds(out.reported);
  const performed = seconds(out.performed);
  const resolved = seconds(out.resolved);
  // Entries by the UTC day they were performed (counting sort), then by time within a day.
  const days = lastDay - firstDay + 1;
  const dayFirst = new Int32Array(days + 1);
  const dayOf = (k: number) => Math.floor(performed[k]! / 86_400);
  for (let k = 0; k < n; k++) dayFirst[dayOf(k) + 1]!++;
  for (let i = 0; i < days; i++) dayFirst[i + 1]! += dayFirst[i]!;
  const byTime = new Int32Array(n);
  const fill = dayFirst.slice(0, days);
  for (let k = 0; k < n; k++) byTime[fill[dayOf(k)]!++] = k;
  // Within a day, by (second of the day, entry): packed into one exact float (17 + 32 bits) so a
  // plain numeric sort orders them, with no comparator call per pair.
  let keys = new Float64Array(0);
  for (let i = 0; i < days; i++) {
    const from = dayFirst[i]!;
    const count = dayFirst[i + 1]! - from;
    if (count < 2) continue;
    if (keys.length < count) keys = new Float64Array(count * 2);
    const key = keys.subarray(0, count);
    for (let j = 0; j < count; j++) {
      const k = byTime[from + j]!;
      key[j] = (performed[k]! - i * 86_400) * 2 ** 32 + k;
    }
    key.sort();
    for (let j = 0; j < count; j++) byTime[from + j] = key[j]! % 2 ** 32;
  }
  return {
    first,
    reported,
    performed,
    resolved,
    type: out.type.slice(0, n),
    trigger: out.trigger.slice(0, n),
    firmware: out.firmware.slice(0, n),
    byTime,
    dayFirst,
    firstDay,
    base,
  };
}
