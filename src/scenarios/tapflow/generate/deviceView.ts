/**
 * The per-device facts fact generators need, as flat typed arrays. The coordinator builds it once
 * from the dimensions; workers receive it over SharedArrayBuffers (run/share.ts), never per task.
 */
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import { fadeOnDay } from './fade.js';
import { groupOf } from './profiles.js';
import type { ServiceSchedule } from './serviceSchedule.js';
import { meanWear } from './wear.js';

export interface DeviceView {
  readonly count: number;
  readonly type: Uint8Array;
  readonly status: Uint8Array;
  readonly venue: Uint8Array;
  /** (zone, venue) group, see profiles.groupOf. */
  readonly group: Uint8Array;
  readonly locationId: Int32Array;
  readonly accountId: Int32Array;
  readonly installedAt: Float64Array;
  readonly lastSeenAt: Float64Array;
  /** Relative pours per day; 0 for devices that do not pour. */
  readonly rate: Float64Array;
  /** Base odds that one of its pours is anomalous, before its wear factor (wear.ts). */
  readonly anomalyP: Float64Array;
  /** Relative proneness to anomalies and breakdowns (mean ~1). */
  readonly proneness: Float64Array;
  /** Index into FIRMWARE. */
  readonly firmware: Uint8Array;
  /** Per account (index accountId − 1): start of the fade before its churn, and the churn (NaN if none). */
  readonly accountFadeStart: Float64Array;
  readonly accountChurnedAt: Float64Array;
}

/** A device's activity factor on a day: 1, or less while its account fades before churning. */
export function deviceFade(view: DeviceView, floor: number): (d: number, day: number) => number {
  return (d, day) => {
    const a = view.accountId[d]! - 1;
    return fadeOnDay(view.accountFadeStart[a]!, view.accountChurnedAt[a]!, floor, day);
  };
}

/**
 * First and last UTC day (inclusive) on which a device pours: from the day after installation, to the
 * day before it was last seen, or to the final day for online devices (their last tick is at its end).
 */
export function pouringDays(view: DeviceView, d: number, endDay: number, online: number): [number, number] {
  const first = Math.floor(view.installedAt[d]! / MICROS_PER_DAY) + 1;
  const last = view.status[d] === online ? endDay : Math.floor(view.lastSeenAt[d]! / MICROS_PER_DAY) - 1;
  return [first, Math.min(last, endDay)];
}

/** The view of generated dimensions, with anomaly odds scaled so the expected share of anomalous pours is the target. */
export function deviceViewOf(
  devices: {
    count: number;
    type: Uint8Array;
    status: Uint8Array;
    locationId: Int32Array;
    accountId: Int32Array;
    installedAt: Float64Array;
    lastSeenAt: Float64Array;
    rate: Float64Array;
    proneness: Float64Array;
    firmware: Uint8Array;
  },
  locations: { venue: Uint8Array; zone: Uint8Array },
  accounts: { fadeStart: Float64Array; churnedAt: Float64Array },
  schedule: ServiceSchedule,
  /** A tap's planned service interval, µs: the wear scale of its running cycle. */
  nominalCycle: number,
  anomalyShare: number,
  endDay: number,
  online: number,
): DeviceView {
  const n = devices.count;
  const venue = new Uint8Array(n);
  const group = new Uint8Array(n);
  for (let d = 0; d < n; d++) {
    const l = devices.locationId[d]! - 1;
    venue[d] = locations.venue[l]!;
    group[d] = groupOf(locations.zone[l]!, venue[d]!);
  }
  const view: DeviceView = {
    count: n,
    type: devices.type,
    status: devices.status,
    venue,
    group,
    locationId: devices.locationId,
    accountId: devices.accountId,
    installedAt: devices.installedAt,
    lastSeenAt: devices.lastSeenAt,
    rate: devices.rate,
    anomalyP: new Float64Array(n),
    proneness: devices.proneness,
    firmware: devices.firmware,
    accountFadeStart: accounts.fadeStart,
    accountChurnedAt: accounts.churnedAt,
  };
  // Each tap's base odds are proneness × K; a pour's odds are that × its wear factor. K makes the
  // expected share of anomalous pours the target: weight each tap's proneness × mean wear by the
  // pours it is expected to make (rate × pouring time).
  let weighted = 0;
  let weight = 0;
  for (let d = 0; d < n; d++) {
    if (!(devices.rate[d]! > 0)) continue;
    const [first, last] = pouringDays(view, d, endDay, online);
    const w = devices.rate[d]! * Math.max(0, last - first + 1);
    if (w === 0) continue;
    const wear = meanWear(
      schedule,
      d,
      devices.installedAt[d]!,
      nominalCycle,
      first * MICROS_PER_DAY,
      (last + 1) * MICROS_PER_DAY,
    );
    weighted += w * devices.proneness[d]! * wear;
    weight += w;
  }
  const k = weighted > 0 ? (anomalyShare * weight) / weighted : 0;
  for (let d = 0; d < n; d++) view.anomalyP[d] = k * devices.proneness[d]!;
  return view;
}
