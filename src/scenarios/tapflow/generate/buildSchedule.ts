/**
 * Builds every device's service history (serviceSchedule.ts says what it is). Per device, from its
 * installation: after each service, the next planned visit (every_days, booked one to three weeks
 * ahead, in local working hours) or, if the device wears out first, an alarm (the device leaves
 * service; a technician within response_days working days, or an emergency callout within hours;
 * then parts for repairs and recalibrations). Over-the-air firmware updates follow each release at
 * night. The history ends with the device: online devices have nothing open at the last tick,
 * silent ones nothing after their last signal, and a device in maintenance ends with its open alarm.
 *
 * How long parts take is scaled once (on a sample of devices) so that the share of device time out
 * of service is the status share of devices in maintenance: history and snapshot tell one story.
 */

import type { Steps } from '../../../generate/steps.js';
import { inverseNormal } from '../../../rng/stream.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { DEVICE_TYPES, MAINTENANCE_TYPES } from '../vocabulary.js';
import { FIRMWARE } from './firmware.js';
import { hashUniform } from './hash.js';
import { assembleSchedule, Entries } from './scheduleEntries.js';
import { ALARM, EMERGENCY, fromAlarm, PLANNED, REMOTE, type ServiceSchedule } from './serviceSchedule.js';
import { localWindow, workingTime } from './workingHours.js';

const SECOND = 1_000_000;
const MARGIN = 600 * SECOND;
const FIRMWARE_UPDATE = MAINTENANCE_TYPES.indexOf('firmware_update');
/** hashUniform's third key, per field of an entry (× 16 + field, entry-major). */
const F = { plan: 0, wear: 1, type: 2, book: 3, day: 4, time: 5, work: 6, parts: 7, emergency: 8 } as const;
const FW = 13;

export interface ScheduleDevices {
  readonly count: number;
  readonly type: Uint8Array;
  readonly installedAt: Float64Array;
  readonly proneness: Float64Array;
  /** Index into ZONES of the device's venue. */
  readonly zone: Uint8Array;
  /** 0 online, 1 silent (offline: ends at lastSeenAt), 2 in maintenance (ends with an open alarm). */
  readonly ending: Uint8Array;
  /** Last signal of silent devices; filled in for devices in maintenance (their alarm). */
  readonly lastSeenAt: Float64Array;
}

interface Mix {
  readonly types: Int32Array;
  readonly cumulative: Float64Array;
}

/** Mixes by their (frozen) config object: one per device type, not one per device. */
const mixes = new WeakMap<object, Mix>();

function mixOf(shares: Partial<Record<string, number>>): Mix {
  let mix = mixes.get(shares);
  if (!mix) {
    const keys = Object.keys(shares).filter((k) => (shares[k] ?? 0) > 0);
    let acc = 0;
    mix = {
      types: Int32Array.from(keys, (k) => MAINTENANCE_TYPES.indexOf(k as (typeof MAINTENANCE_TYPES)[number])),
      cumulative: Float64Array.from(keys, (k) => {
        acc += shares[k]!;
        return acc;
      }),
    };
    mixes.set(shares, mix);
  }
  return mix;
}

function pick(mix: Mix, u: number): number {
  const target = u * mix.cumulative[mix.cumulative.length - 1]!;
  let i = 0;
  while (i + 1 < mix.types.length && mix.cumulative[i]! <= target) i++;
  return mix.types[i]!;
}

const MIXES = new WeakMap<object, { planned: Mix; alarm: Mix }[]>();

/** Each device type's planned and alarm type mixes, worked out once per config. */
function mixesFor(cfg: Config['device_maintenance']): { planned: Mix; alarm: Mix }[] {
  let mixes = MIXES.get(cfg);
  if (!mixes) {
    mixes = DEVICE_TYPES.map((t) => ({
      planned: mixOf(cfg.planned[t].types),
      alarm: mixOf(cfg.alarm_types[t]),
    }));
    MIXES.set(cfg, mixes);
  }
  return mixes;
}

/** The firmware release current on `day` (the factory firmware of a device installed that day). */
export function releaseOn(day: number): number {
  let r = 0;
  while (r + 1 < FIRMWARE.length && FIRMWARE[r + 1]!.day <= day) r++;
  return r;
}

export interface HistoryOptions {
  readonly cfg: Config['device_maintenance'];
  readonly seed: number;
  readonly nowMicros: number;
  readonly lastTickMicros: number;
  /** Scale of the parts waits (calibrated). */
  readonly partsScale: number;
}

/** Appends device d's history to `out`; returns its alarm time if it ends in maintenance (else NaN). */
function deviceHistory(o: HistoryOptions, dev: ScheduleDevices, d: number, out: Entries | undefined): number {
  const { cfg, seed } = o;
  const typeName = DEVICE_TYPES[dev.type[d]!]!;
  const planned = cfg.planned[typeName];
  const { planned: plannedMix, alarm: alarmMix } = mixesFor(cfg)[dev.type[d]!]!;
  const [h0, h1] = cfg.working_hours;
  const zone = dev.zone[d]!;
  const installed = dev.installedAt[d]!;
  const factory = releaseOn(Math.floor(installed / MICROS_PER_DAY));
  const ending = dev.ending[d]!;
  const limit = (ending === 1 ? dev.lastSeenAt[d]! : o.lastTickMicros) - MARGIN;
  // A device in maintenance was taken out of service by an alarm a while ago: a share of one episode.
  let openAt = Number.NaN;
  if (ending === 2) {
    const u = hashUniform(seed, d, 0xffff, F.parts);
    const w = (cfg.response_days[1] + (cfg.parts_days.repair ?? 1) * o.partsScale) * MICROS_PER_DAY;
    // Before the last tick (less a margin), so its technician can have come by then.
    const latest = o.lastTickMicros - MARGIN;
    openAt = latest - Math.min(w, 0.9 * (latest - installed)) * u;
  }
  const wearScale = (cfg.wear_out_days[typeName] * MICROS_PER_DAY) / Math.sqrt(dev.proneness[d]!);
  const h = (k: number, field: number) => hashUniform(seed, d, k * 16 + field);
  const start = out?.n ?? 0;
  let t = installed;
  for (let k = 0; ; k++) {
    const [e0, e1] = planned.every_days;
    const next = t + (e0 + h(k, F.plan) * (e1 - e0)) * MICROS_PER_DAY;
    const wornOut = t + wearScale * Math.sqrt(-Math.log(1 - h(k, F.wear)));
    let alarm = wornOut < next;
    let from = alarm ? wornOut : workingTime(zone, next, h0, h1, h(k, F.time));
    if (!Number.isNaN(openAt) && from >= openAt) {
      alarm = true;
      from = openAt;
    }
    const type = pick(alarm ? alarmMix : plannedMix, h(k, F.type));
    const [w0, w1] = cfg.work_hours[MAINTENANCE_TYPES[type]!];
    const work = w0 * (w1 / w0) ** h(k, F.work) * MICROS_PER_HOUR;
    let reported: number;
    let performed: number;
    let resolved: number;
    let callout = false;
    if (alarm) {
      reported = from;
      callout = h(k, F.emergency) < cfg.emergency_share;
      if (callout) performed = from + (0.5 + 3.5 * h(k, F.time)) * MICROS_PER_HOUR;
      else {
        const [r0, r1] = cfg.response_days;
        performed = workingTime(
          zone,
          from + (r0 + h(k, F.day) * (r1 - r0)) * MICROS_PER_DAY,
          h0,
          h1,
          h(k, F.time),
        );
      }
      const median = (cfg.parts_days[MAINTENANCE_TYPES[type]!] ?? 0) * o.partsScale;
      const parts = median > 0 ? median * Math.exp(inverseNormal(0.001 + 0.998 * h(k, F.parts))) : 0;
      resolved = performed + work + parts * MICROS_PER_DAY;
      if (from === openAt || (!Number.isNaN(openAt) && resolved >= openAt)) {
        // The open order (the alarm that put the device in maintenance, or one not resolved by then):
        // its technician has been before now (or the work started), and it is not done.
        const latest = o.lastTickMicros - MARGIN;
        if (performed > latest) performed = from + h(k, F.day) * (latest - from);
        out?.push(reported, performed, Number.NaN, type, callout ? EMERGENCY : ALARM, factory);
        openAt = from;
        break;
      }
    } else {
      performed = from;
      const book = (7 + 14 * h(k, F.book)) * MICROS_PER_DAY;
      reported = performed - book > t ? performed - book : t + h(k, F.book) * (performed - t);
      resolved = performed + work;
    }
    if (resolved >= limit) break;
    out?.push(reported, performed, resolved, type, alarm ? (callout ? EMERGENCY : ALARM) : PLANNED, factory);
    t = resolved;
  }
  if (out) firmwareUpdates(o, dev, d, out, start, factory, limit);
  return openAt;
}

/** Over-the-air updates: each later release reaches `adoption` of devices after a lag, at local night, between episodes. */
function firmwareUpdates(
  o: HistoryOptions,
  dev: ScheduleDevices,
  d: number,
  out: Entries,
  start: number,
  factory: number,
  limit: number,
): void {
  const fw = o.cfg.firmware;
  const end = out.n;
  const updates: number[] = [];
  for (let r = factory + 1; r < FIRMWARE.length; r++) {
    if (hashUniform(o.seed, d, r, FW) >= fw.adoption) continue;
    const lag = -fw.lag_days * Math.log(1 - hashUniform(o.seed, d, r, FW + 1)) * MICROS_PER_DAY;
    const at = localWindow(
      dev.zone[d]!,
      FIRMWARE[r]!.day * MICROS_PER_DAY + lag,
      fw.night_hours[0],
      fw.night_hours[1],
      hashUniform(o.seed, d, r, FW + 2),
    );
    if (at <= dev.installedAt[d]! || at >= limit) continue;
    let clash = false;
    for (let k = start; k < end && !clash; k++) {
      const from = fromAlarm(out.trigger[k]!) ? out.reported[k]! : out.performed[k]!;
      const to = Number.isNaN(out.resolved[k]!) ? Number.POSITIVE_INFINITY : out.resolved[k]!;
      clash = at < to + MICROS_PER_HOUR && at + MICROS_PER_HOUR > from;
    }
    if (!clash) updates.push(at, r);
  }
  for (let i = 0; i < updates.length; i += 2) {
    const at = updates[i]!;
    const [w0, w1] = o.cfg.work_hours.firmware_update;
    const work = w0 * (w1 / w0) ** hashUniform(o.seed, d, updates[i + 1]!, FW + 3) * MICROS_PER_HOUR;
    // Scheduled the day before (or, for a device installed since, when it first came online).
    const ahead = Math.min(MICROS_PER_DAY, 0.5 * (at - dev.installedAt[d]!));
    out.push(at - ahead, at, at + work, FIRMWARE_UPDATE, REMOTE, updates[i + 1]!);
  }
  // Keep the device's entries in time order (updates were appended after the episodes).
  out.sortFrom(start);
}

/** Share of device time out of service over a sample of devices as if all were online, for a parts scale. */
function outOfServiceShare(o: HistoryOptions, online: ScheduleDevices, sample: Int32Array): number {
  const out = new Entries();
  let down = 0;
  let life = 0;
  for (const d of sample) {
    out.n = 0;
    deviceHistory(o, online, d, out);
    life += o.nowMicros - online.installedAt[d]!;
    for (let k = 0; k < out.n; k++) {
      const from = fromAlarm(out.trigger[k]!) ? out.reported[k]! : out.performed[k]!;
      down += out.resolved[k]! - from;
    }
  }
  return life > 0 ? down / life : 0;
}

/** Devices the calibration samples: enough for the share to within ~1 % of itself, few enough to stay cheap at any scale. */
const CALIBRATION_DEVICES = 4_000;
/**
 * The largest parts scale. Fleets of a few years land near 2.2–2.6 (0.1x to 100x, seed 42); a young
 * fleet (a few accounts, at tiny scales) cannot reach the share at any scale, and without a bound
 * its repairs would wait for parts for months.
 */
const MAX_PARTS_SCALE = 4;
/** Bisection steps: the scale to within 4 / 2^20 ≈ 0.000004. */
const CALIBRATION_STEPS = 20;

/** The parts scale whose out-of-service share is `target`, by bisection on an evenly spaced sample of devices. */
export function partsScaleFor(
  o: Omit<HistoryOptions, 'partsScale'>,
  dev: ScheduleDevices,
  target: number,
): number {
  const step = Math.max(1, Math.floor(dev.count / CALIBRATION_DEVICES));
  const sample = new Int32Array(Math.ceil(dev.count / step));
  for (let i = 0; i < sample.length; i++) sample[i] = i * step;
  const online: ScheduleDevices = { ...dev, ending: new Uint8Array(dev.count) };
  let lo = 0;
  let hi = MAX_PARTS_SCALE;
  for (let i = 0; i < CALIBRATION_STEPS; i++) {
    const mid = (lo + hi) / 2;
    if (outOfServiceShare({ ...o, partsScale: mid }, online, sample) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Every device's history; fills in lastSeenAt of devices in maintenance (the last tick before their alarm). */
export function* buildSchedule(
  o: HistoryOptions,
  dev: ScheduleDevices,
  firstDay: number,
  lastDay: number,
  tick: number,
): Steps<ServiceSchedule> {
  const out = new Entries();
  const first = new Int32Array(dev.count + 1);
  const base = firstDay * MICROS_PER_DAY;
  for (let d = 0; d < dev.count; d++) {
    if (d > 0 && d % 100_000 === 0) yield;
    first[d] = out.n;
    const openAt = deviceHistory(o, dev, d, out);
    if (Number.isNaN(openAt)) continue;
    // Reported times are kept in whole seconds: the last beat comes strictly before that second.
    const alarm = base + Math.floor((openAt - base) / SECOND) * SECOND;
    dev.lastSeenAt[d] = Math.max(dev.installedAt[d]!, (Math.ceil(alarm / tick) - 1) * tick);
  }
  first[dev.count] = out.n;
  yield;
  return assembleSchedule(out, first, firstDay, lastDay);
}
