/** Devices: counts per location reconciled to the target, types, install times, status and last signal. */

import { type Batch, int64Column, validityOfNaN } from '../../../generate/batch.js';
import type { Steps } from '../../../generate/steps.js';
import { Utf8Column } from '../../../generate/utf8Column.js';
import { baseState, cumulate, pickCumulative, Stream } from '../../../rng/stream.js';
import { MICROS_PER_DAY, yearOf } from '../../../time/calendar.js';
import { DEVICE_STATUSES, DEVICE_TYPES, SENSOR_KINDS, VENUES } from '../vocabulary.js';
import type { AccountModel } from './accounts.js';
import { buildSchedule, partsScaleFor, releaseOn } from './buildSchedule.js';
import { FIVE_MINUTES_MICROS, type RunContext } from './context.js';
import { FIRMWARE } from './firmware.js';
import { delayWithin } from './fit.js';
import type { FleetSizes } from './fleetSize.js';
import type { LocationModel } from './locations.js';
import { firmwareAt, type ServiceSchedule } from './serviceSchedule.js';

const SECOND = 1_000_000;
const MINUTE = 60 * SECOND;
export const TAP_CONTROLLER = DEVICE_TYPES.indexOf('tap_controller');
const SENSOR = DEVICE_TYPES.indexOf('sensor');
export const ONLINE = DEVICE_STATUSES.indexOf('online');
const OFFLINE = DEVICE_STATUSES.indexOf('offline');
export const MAINTENANCE = DEVICE_STATUSES.indexOf('maintenance');

const MODELS: Record<string, readonly string[]> = {
  tap_controller: ['TapFlow TC-100', 'TapFlow TC-200', 'TapFlow TC-300 Pro'],
  temperature: ['TapFlow ST-10'],
  pressure: ['TapFlow SP-20'],
  flow: ['TapFlow SF-30'],
  gateway: ['TapFlow GW-1', 'TapFlow GW-2 LTE'],
};
const SERIAL_PREFIX = ['TC', 'SN', 'GW'];

export interface DeviceModel {
  readonly count: number;
  readonly type: Uint8Array;
  readonly locationId: Int32Array;
  readonly accountId: Int32Array;
  readonly installedAt: Float64Array;
  readonly lastSeenAt: Float64Array;
  /** When the device left the account's contract (a churning account returns it); NaN while installed. */
  readonly removedAt: Float64Array;
  readonly status: Uint8Array;
  /** Relative pours per day (tap controllers; 0 for other types). */
  readonly rate: Float64Array;
  /** Relative proneness to wear: anomalies and breakdowns (mean 1). */
  readonly proneness: Float64Array;
  /** Index into FIRMWARE of the firmware it last reported. */
  readonly firmware: Uint8Array;
  /** Every device's service history. */
  readonly schedule: ServiceSchedule;
  readonly perLocation: Int32Array;
  readonly onlinePerLocation: Int32Array;
  readonly batch: Batch;
}

/** Strings made per step (~0.4 s). */
const NAMED_PER_STEP = 250_000;

/** In steps of well under a second at 100x: the passes over the devices, the strings in slices. */
export function* generateDevices(
  ctx: RunContext,
  accounts: AccountModel,
  locations: LocationModel,
  sizes: FleetSizes,
): Steps<DeviceModel> {
  const cfg = ctx.config.devices;
  const base = baseState(ctx.seed, 'devices');
  // Slot 0 is the count stream (fleetSizes).
  const s = {
    type: new Stream(base, 1),
    time: new Stream(base, 2),
    status: new Stream(base, 3),
    rate: new Stream(base, 4),
    model: new Stream(base, 5),
    fade: new Stream(base, 6),
  };
  const perLocation = sizes.devicesPerLocation;
  const total = perLocation.reduce((a, b) => a + b, 0);

  const typeCum = cumulate(DEVICE_TYPES.map((t) => cfg.types[t]));
  const kindCum = cumulate(SENSOR_KINDS.map((k) => cfg.sensor_kinds[k]));
  const type = new Uint8Array(total);
  const kind = new Uint8Array(total);
  const locationId = new Int32Array(total);
  const accountId = new Int32Array(total);
  const installedAt = new Float64Array(total);
  const [i0, i1] = cfg.install_days;
  const [g0, g1] = cfg.install_gap_minutes;
  for (let l = 0, d = 0; l < locations.count; l++) {
    const a = locations.accountId[l]! - 1;
    // One install visit per venue, devices a few minutes apart, the whole visit between the opening
    // and the end of the account's growth (compressed into the time left, never clamped onto its end).
    const opened = locations.openedAt[l]!;
    const room = accounts.growthEnd[a]! - opened;
    const first = d;
    let span = 0;
    for (let k = 0; k < perLocation[l]!; k++, d++) {
      locationId[d] = l + 1;
      accountId[d] = a + 1;
      type[d] = pickCumulative(typeCum, s.type.next());
      kind[d] = pickCumulative(kindCum, s.type.next());
      if (k > 0) span += (g0 + s.time.next() * (g1 - g0)) * MINUTE;
      installedAt[d] = span;
    }
    const squeeze = Math.min(1, (room * 0.5) / Math.max(span, 1));
    const visit =
      opened + delayWithin(i0 * MICROS_PER_DAY, i1 * MICROS_PER_DAY, room - span * squeeze, s.time.next());
    for (let k = first; k < d; k++)
      installedAt[k] = Math.floor((visit + installedAt[k]! * squeeze) / SECOND) * SECOND;
  }

  yield;
  // Churned accounts' devices are offline from the churn; the rest draw statuses so that overall
  // shares meet the targets (offline share net of the churned devices).
  let churnedDevices = 0;
  for (let d = 0; d < total; d++) if (!Number.isNaN(accounts.churnedAt[accountId[d]! - 1]!)) churnedDevices++;
  const active = Math.max(1, total - churnedDevices);
  const pOffline = Math.max(0, cfg.status.offline * total - churnedDevices) / active;
  const pMaintenance = Math.min(1 - pOffline, (cfg.status.maintenance * total) / active);
  // Less engaged accounts let more devices go silent: each active device's odds of being offline are
  // scaled by exp(−offline_effect × engagement), renormalised so the share stays pOffline.
  const neglect = accounts.engagement.map((e) =>
    Math.exp(-ctx.config.accounts.engagement.offline_effect * e),
  );
  let neglectSum = 0;
  for (let d = 0; d < total; d++)
    if (Number.isNaN(accounts.churnedAt[accountId[d]! - 1]!)) neglectSum += neglect[accountId[d]! - 1]!;
  const neglectScale = neglectSum > 0 ? active / neglectSum : 1;
  // Venues a churning account closes during its fade (never its first), and when.
  const churnCfg = ctx.config.accounts.churn;
  const closedAt = new Float64Array(locations.count).fill(Number.NaN);
  for (let l = 0; l < locations.count; l++) {
    const a = locations.accountId[l]! - 1;
    const close = s.fade.next();
    const when = s.fade.next();
    const fade = accounts.fadeStart[a]!;
    const firstOfAccount = l === 0 || locations.accountId[l - 1] !== a + 1;
    if (Number.isNaN(fade) || firstOfAccount) continue;
    if (close < churnCfg.fade_close_share) closedAt[l] = fade + when * (accounts.churnedAt[a]! - fade);
  }
  const status = new Uint8Array(total);
  const lastSeenAt = new Float64Array(total);
  const removedAt = new Float64Array(total).fill(Number.NaN);
  for (let d = 0; d < total; d++) {
    const churned = accounts.churnedAt[accountId[d]! - 1]!;
    const u = s.status.next();
    const ago = s.status.next();
    let seen: number;
    // How long ago a silent device last reported, drawn inside its life (delayWithin: no clamping).
    const life = ctx.nowMicros - installedAt[d]!;
    if (!Number.isNaN(churned)) {
      // During a churning account's fade, venues it closes go silent at once (their devices are
      // returned: the plan may step down) and other devices one by one (still on the contract); the
      // rest stop at the churn, when every device is returned.
      status[d] = OFFLINE;
      const fade = accounts.fadeStart[accountId[d]! - 1]!;
      const closed = closedAt[locationId[d]! - 1]!;
      if (!Number.isNaN(closed)) seen = closed;
      else seen = u < churnCfg.fade_offline_share ? fade + ago * (churned - fade) : churned;
    } else if (u < Math.min(1 - pMaintenance, pOffline * neglect[accountId[d]! - 1]! * neglectScale)) {
      status[d] = OFFLINE;
      const [a0, a1] = cfg.offline_days;
      seen = ctx.nowMicros - delayWithin(a0 * MICROS_PER_DAY, a1 * MICROS_PER_DAY, life, ago);
    } else if (u > 1 - pMaintenance) {
      // Its open alarm, placed by its service history (buildSchedule), is its last signal.
      status[d] = MAINTENANCE;
      seen = ctx.lastTickMicros;
    } else {
      status[d] = ONLINE;
      seen = ctx.lastTickMicros;
    }
    // Devices report on the 5-minute heartbeat grid, so the last signal is a grid tick (never after a churn).
    const tick = Number.isNaN(churned)
      ? Math.ceil(seen / FIVE_MINUTES_MICROS)
      : Math.floor(seen / FIVE_MINUTES_MICROS);
    lastSeenAt[d] = Math.min(ctx.lastTickMicros, tick * FIVE_MINUTES_MICROS);
    if (!Number.isNaN(churned))
      removedAt[d] = Number.isNaN(closedAt[locationId[d]! - 1]!) ? churned : lastSeenAt[d]!;
  }

  yield;
  const ev = ctx.config.tap_events;
  const rate = new Float64Array(total);
  const proneness = new Float64Array(total);
  const sd = ev.device_rate_sd;
  const psd = ev.anomaly.device_sd;
  for (let d = 0; d < total; d++) {
    const zr = s.rate.normal();
    const zp = s.rate.normal();
    // Proneness: how fast a device wears (every type); taps also pour at a rate of their own.
    // Engaged accounts look after their lines: proneness × exp(−care_effect × engagement).
    const care = ctx.config.accounts.engagement.care_effect * accounts.engagement[accountId[d]! - 1]!;
    proneness[d] = Math.exp(psd * zp - (psd * psd) / 2 - care);
    if (type[d] !== TAP_CONTROLLER) continue;
    const venue = VENUES[locations.venue[locationId[d]! - 1]!]!;
    rate[d] =
      ev.venue_rate[venue] * Math.exp(sd * zr - (sd * sd) / 2) * accounts.pourFactor[accountId[d]! - 1]!;
  }

  yield;
  const zone = Uint8Array.from(locationId, (l) => locations.zone[l - 1]!);
  const scheduled = {
    count: total,
    type,
    installedAt,
    proneness,
    zone,
    ending: Uint8Array.from(status, (st) => (st === ONLINE ? 0 : st === OFFLINE ? 1 : 2)),
    lastSeenAt,
  };
  const history = {
    cfg: ctx.config.device_maintenance,
    seed: ctx.seed,
    nowMicros: ctx.nowMicros,
    lastTickMicros: ctx.lastTickMicros,
  };
  const partsScale = partsScaleFor(history, scheduled, cfg.status.maintenance);
  yield;
  const schedule = yield* buildSchedule(
    { ...history, partsScale },
    scheduled,
    ctx.startDay,
    ctx.endDay,
    FIVE_MINUTES_MICROS,
  );

  const onlinePerLocation = new Int32Array(locations.count);
  for (let d = 0; d < total; d++) if (status[d] === ONLINE) onlinePerLocation[locationId[d]! - 1]!++;

  yield;
  // Off the JS heap: 25M devices' strings at 1000x would overrun it.
  const models = new Utf8Column(total);
  const serials = new Utf8Column(total);
  const firmware = new Utf8Column(total);
  const firmwareIndex = new Uint8Array(total);
  const kindValid = new Uint8Array(total);
  for (let d = 0; d < total; d++) {
    if (d > 0 && d % NAMED_PER_STEP === 0) yield;
    const typeName = DEVICE_TYPES[type[d]!]!;
    const isSensor = type[d] === SENSOR;
    kindValid[d] = isSensor ? 1 : 0;
    if (!isSensor) kind[d] = 0;
    const installDay = Math.floor(installedAt[d]! / MICROS_PER_DAY);
    const options = MODELS[isSensor ? SENSOR_KINDS[kind[d]!]! : typeName]!;
    // Newer installs get newer models: the pick is biased by install year.
    const bias = Math.min(1, (yearOf(installDay) - 2019) / 7);
    const pick = Math.min(
      options.length - 1,
      Math.floor((s.model.next() * 0.6 + bias * 0.4) * options.length),
    );
    models.push(options[pick]!);
    serials.push(`${SERIAL_PREFIX[type[d]!]}-${yearOf(installDay)}-${String(d + 1).padStart(6, '0')}`);
    // The release it shipped with, or the last one installed over the air before its last signal.
    const release = firmwareAt(schedule, d, releaseOn(installDay), lastSeenAt[d]!);
    firmware.push(FIRMWARE[release]!.version);
    firmwareIndex[d] = release;
  }

  const ids = new Int32Array(total);
  for (let d = 0; d < total; d++) ids[d] = d + 1;
  const batch: Batch = {
    table: 'devices',
    rows: total,
    columns: {
      device_id: ids,
      location_id: locationId,
      account_id: accountId,
      device_type: type,
      sensor_kind: kind,
      model: models.values(),
      serial_number: serials.values(),
      firmware_version: firmware.values(),
      installed_at: int64Column(installedAt),
      status,
      last_seen_at: int64Column(lastSeenAt),
      removed_at: int64Column(removedAt),
    },
    validity: { sensor_kind: kindValid, removed_at: validityOfNaN(removedAt) },
  };
  return {
    count: total,
    type,
    locationId,
    accountId,
    installedAt,
    lastSeenAt,
    removedAt,
    status,
    rate,
    proneness,
    firmware: firmwareIndex,
    schedule,
    perLocation,
    onlinePerLocation,
    batch,
  };
}
