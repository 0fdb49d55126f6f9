/**
 * Every device's service history (built by buildSchedule.ts on the main thread, shared with the
 * workers), and what the tables read from it: device_maintenance is its entries; pours, heartbeats
 * and uptimes pause during its episodes and restart after them; tap anomalies follow its wear
 * cycles; the firmware a device reports follows its updates.
 *
 * An entry is one work order: `reported` (an alarm, or the booking of a planned visit), `performed`
 * (work started), `resolved` (work done, or open). After an alarm the device is out of service
 * from the alarm; during a planned or remote entry, from the start of the work. Times are
 * whole seconds after `base` (int32: 68 years), to keep the shared arrays small.
 */
import { MICROS_PER_DAY } from '../../../time/calendar.js';

/** planned: booked visit; alarm: wear-out, technician in working hours; emergency: wear-out answered by a callout; remote: over the air. */
export const TRIGGERS = ['planned', 'alarm', 'emergency', 'remote'] as const;
export const PLANNED = 0;
export const ALARM = 1;
export const EMERGENCY = 2;
export const REMOTE = 3;

/** Whether the entry's trigger took the device out of service from the alarm (not from the start of the work). */
export function fromAlarm(trigger: number): boolean {
  return trigger === ALARM || trigger === EMERGENCY;
}
const SECOND = 1_000_000;

export interface ServiceSchedule {
  /** Entries of device d are [first[d], first[d + 1]), in time order. */
  readonly first: Int32Array;
  readonly reported: Int32Array;
  readonly performed: Int32Array;
  /** −1 while open. */
  readonly resolved: Int32Array;
  /** Index into MAINTENANCE_TYPES. */
  readonly type: Uint8Array;
  /** Index into TRIGGERS. */
  readonly trigger: Uint8Array;
  /** Firmware (index into FIRMWARE) a remote entry installed; the factory release for others. */
  readonly firmware: Uint8Array;
  /** Entries ordered by `performed` (ties by entry), and where each day of the history starts in it. */
  readonly byTime: Int32Array;
  readonly dayFirst: Int32Array;
  readonly firstDay: number;
  /** µs of second 0. */
  readonly base: number;
}

export function micros(s: ServiceSchedule, seconds: number): number {
  return s.base + seconds * SECOND;
}

// Entry k keeps the device out of service over [outFrom, outTo): two numbers rather than a pair, so
// the per-row and per-day questions below allocate nothing per entry.

/** When entry k takes the device out of service, µs. */
export function outFrom(s: ServiceSchedule, k: number): number {
  return micros(s, fromAlarm(s.trigger[k]!) ? s.reported[k]! : s.performed[k]!);
}

/** When entry k gives the device back, µs (Infinity while open). */
export function outTo(s: ServiceSchedule, k: number): number {
  return s.resolved[k]! < 0 ? Number.POSITIVE_INFINITY : micros(s, s.resolved[k]!);
}

/** Whether device d is out of service at `t` µs. */
export function outOfServiceAt(s: ServiceSchedule, d: number, t: number): boolean {
  for (let k = s.first[d]!; k < s.first[d + 1]!; k++) {
    if (outFrom(s, k) > t) return false;
    if (t < outTo(s, k)) return true;
  }
  return false;
}

/** Whether a technician's episode (not a remote update, done at night) touches UTC day `day`. */
export function serviceOnDay(s: ServiceSchedule, d: number, day: number): boolean {
  const start = day * MICROS_PER_DAY;
  const end = start + MICROS_PER_DAY;
  for (let k = s.first[d]!; k < s.first[d + 1]!; k++) {
    if (s.trigger[k] === REMOTE) continue;
    if (outFrom(s, k) >= end) return false;
    if (outTo(s, k) > start) return true;
  }
  return false;
}

/**
 * The wear cycle around `t` (µs): when the device was last back from a technician (or installed),
 * and when its next episode began (NaN if none yet). Tap anomalies climb through it.
 */
export function wearCycle(s: ServiceSchedule, d: number, installedAt: number, t: number): [number, number] {
  let last = installedAt;
  for (let k = s.first[d]!; k < s.first[d + 1]!; k++) {
    if (s.trigger[k] === REMOTE) continue;
    const from = outFrom(s, k);
    if (from > t) return [last, from];
    last = outTo(s, k);
  }
  return [last, Number.NaN];
}

/** The device's last restart at or before `t` from its service history: the end of an episode (−Infinity if none). */
export function lastServiceRestart(s: ServiceSchedule, d: number, t: number): number {
  let last = Number.NEGATIVE_INFINITY;
  for (let k = s.first[d]!; k < s.first[d + 1]!; k++) {
    if (s.resolved[k]! < 0) break;
    const to = micros(s, s.resolved[k]!);
    if (to > t) break;
    last = to;
  }
  return last;
}

/** Firmware the device runs at `t` µs: its factory release, or the last one installed over the air. */
export function firmwareAt(s: ServiceSchedule, d: number, factory: number, t: number): number {
  let fw = factory;
  for (let k = s.first[d]!; k < s.first[d + 1]!; k++) {
    if (s.trigger[k] !== REMOTE) continue;
    if (s.resolved[k]! < 0 || micros(s, s.resolved[k]!) > t) break;
    fw = s.firmware[k]!;
  }
  return fw;
}

/** Entries performed on UTC day `day`, in time order: byTime[from..to). */
export function entriesOnDay(s: ServiceSchedule, day: number): [number, number] {
  const i = day - s.firstDay;
  if (i < 0 || i + 1 >= s.dayFirst.length) return [0, 0];
  return [s.dayFirst[i]!, s.dayFirst[i + 1]!];
}
