import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { baseState, shardStates } from '../src/rng/stream.js';
import { configSchema } from '../src/scenarios/tapflow/config.js';
import type { DeviceView } from '../src/scenarios/tapflow/generate/deviceView.js';
import { groupOf } from '../src/scenarios/tapflow/generate/profiles.js';
import { assembleSchedule, Entries } from '../src/scenarios/tapflow/generate/scheduleEntries.js';
import { eventOn, stadiumCalendar, stadiumKind } from '../src/scenarios/tapflow/generate/stadiumEvents.js';
import {
  generateTapShard,
  pouringWindows,
  type TapContext,
} from '../src/scenarios/tapflow/generate/tapEvents.js';
import { TapBeverages, tapLines } from '../src/scenarios/tapflow/generate/tapLines.js';
import { nominalCycle, WearCache } from '../src/scenarios/tapflow/generate/wear.js';
import { BEVERAGES, VENUES } from '../src/scenarios/tapflow/vocabulary.js';
import { MICROS_PER_DAY, parseIsoDay } from '../src/time/calendar.js';
import { zoneIndex } from '../src/time/timezone.js';
import { ZoneOffsets } from '../src/time/zoneOffsets.js';

const { config } = loadConfig('config/tapflow.yaml', configSchema);
const day = parseIsoDay('2025-06-20')!; // a Friday
const endDay = parseIsoDay('2025-06-25')!;
const ny = zoneIndex('America/New_York');
const la = zoneIndex('America/Los_Angeles');
const bar = VENUES.indexOf('bar');
const stadium = VENUES.indexOf('stadium');

/** Four devices: two tap controllers that pour, one sensor, one tap controller installed too late. */
const view: DeviceView = {
  count: 4,
  type: Uint8Array.of(0, 0, 1, 0),
  status: Uint8Array.of(0, 0, 0, 0),
  venue: Uint8Array.of(bar, stadium, bar, bar),
  group: Uint8Array.of(groupOf(ny, bar), groupOf(la, stadium), groupOf(ny, bar), groupOf(ny, bar)),
  locationId: Int32Array.of(1, 2, 1, 1),
  accountId: Int32Array.of(1, 2, 1, 1),
  installedAt: Float64Array.of(
    (day - 100) * MICROS_PER_DAY,
    (day - 10) * MICROS_PER_DAY,
    0,
    day * MICROS_PER_DAY + 5,
  ),
  lastSeenAt: Float64Array.of(0, 0, 0, 0),
  rate: Float64Array.of(1, 3, 0, 1),
  anomalyP: Float64Array.of(0.05, 0.5, 0, 0.05),
  proneness: Float64Array.of(1, 1, 1, 1),
  firmware: Uint8Array.of(6, 6, 6, 6),
  accountFadeStart: Float64Array.of(Number.NaN, Number.NaN),
  accountChurnedAt: Float64Array.of(Number.NaN, Number.NaN),
};
/** No device has been serviced yet: wear follows each tap's planned interval from installation. */
const noService = assembleSchedule(new Entries(), new Int32Array(view.count + 1), day - 200, endDay);
const ctx: TapContext = {
  events: config.tap_events,
  offsets: new ZoneOffsets(day - 200, endDay),
  endDay,
  online: 0,
  pouring: pouringWindows(view, endDay, 0),
  fadeFloor: config.accounts.churn.fade_floor,
  schedule: noService,
  wear: new WearCache(noService, view.installedAt, nominalCycle(config)),
  lines: tapLines(config.tap_events, 42),
  beverages: new TapBeverages(tapLines(config.tap_events, 42), view.count),
  stadiums: stadiumCalendar(config.tap_events, 42),
};
const [s0, s1] = shardStates(baseState(42, 'tap_events'), 2);
const whole = generateTapShard(ctx, view, {
  day,
  rows: 200,
  dayRows: 200,
  firstRow: 0,
  firstId: 1001,
  state: s0!,
});

describe('tap_events shard', () => {
  it('fills every column for exactly the planned rows with contiguous ids', () => {
    expect(whole.rows).toBe(200);
    const ids = whole.columns.event_id as BigInt64Array;
    expect(ids[0]).toBe(1001n);
    expect(ids[199]).toBe(1200n);
  });

  it('keeps times inside the UTC day and ascending', () => {
    const ts = Array.from(whole.columns.event_ts as BigInt64Array, Number);
    for (let i = 0; i < ts.length; i++) {
      expect(ts[i]).toBeGreaterThanOrEqual(day * MICROS_PER_DAY);
      expect(ts[i]).toBeLessThan((day + 1) * MICROS_PER_DAY);
      if (i > 0) expect(ts[i]).toBeGreaterThanOrEqual(ts[i - 1]!);
    }
  });

  it('uses only tap controllers installed before the day, denormalising their keys', () => {
    const dev = Array.from(whole.columns.device_id as Int32Array);
    // Tap 2 is at a stadium: it pours only if its local dates in this UTC day have an event.
    const cal = stadiumCalendar(config.tap_events, 42);
    expect(new Set(dev)).toEqual(new Set(eventOn(cal, 2, day) || eventOn(cal, 2, day - 1) ? [1, 2] : [1]));
    const loc = whole.columns.location_id as Int32Array;
    for (const [i, d] of dev.entries()) expect(loc[i]).toBe(view.locationId[d - 1]);
  });

  it('keeps values in range and anomaly_type null unless anomalous', () => {
    const vol = whole.columns.volume_ml as Float64Array;
    const temp = whole.columns.temperature_c as Float64Array;
    const psi = whole.columns.pressure_psi as Float64Array;
    const anomaly = whole.columns.is_anomaly as Uint8Array;
    const valid = whole.validity.anomaly_type!;
    for (let i = 0; i < whole.rows; i++) {
      expect(vol[i]).toBeGreaterThanOrEqual(20);
      expect(vol[i]).toBeLessThanOrEqual(200);
      expect(valid[i]).toBe(anomaly[i]);
      if (!anomaly[i]) {
        expect(temp[i]).toBeGreaterThanOrEqual(2);
        expect(temp[i]).toBeLessThanOrEqual(6);
        expect(psi[i]).toBeGreaterThanOrEqual(10);
        expect(psi[i]).toBeLessThanOrEqual(15);
      } else expect(temp[i]! > 6 || temp[i]! < 2 || psi[i]! > 15 || psi[i]! < 10).toBe(true);
    }
  });

  it('is reproducible and addressable per shard: another stream changes values, not the plan', () => {
    const again = generateTapShard(ctx, view, {
      day,
      rows: 200,
      dayRows: 200,
      firstRow: 0,
      firstId: 1001,
      state: s0!,
    });
    expect(again.columns).toEqual(whole.columns);
    const other = generateTapShard(ctx, view, {
      day,
      rows: 200,
      dayRows: 200,
      firstRow: 0,
      firstId: 1001,
      state: s1!,
    });
    expect(other.columns.volume_ml).not.toEqual(whole.columns.volume_ml);
  });

  it('splits a day into chunks whose times continue in order', () => {
    const a = generateTapShard(ctx, view, {
      day,
      rows: 100,
      dayRows: 200,
      firstRow: 0,
      firstId: 1,
      state: s0!,
    });
    const b = generateTapShard(ctx, view, {
      day,
      rows: 100,
      dayRows: 200,
      firstRow: 100,
      firstId: 101,
      state: s1!,
    });
    const lastA = (a.columns.event_ts as BigInt64Array)[99]!;
    const firstB = (b.columns.event_ts as BigInt64Array)[0]!;
    expect(firstB >= lastA).toBe(true);
  });

  it('pours one beverage per tap on a day: the tap’s line', () => {
    const dev = whole.columns.device_id as Int32Array;
    const bev = whole.columns.beverage_type as Uint8Array;
    // A fresh memo per question: what the worker remembered gives what a first ask gives.
    const beverageOn = (d: number, on: number) =>
      new TapBeverages(ctx.lines, view.count).on(d, view.venue[d]!, view.installedAt[d]!, on);
    for (let i = 0; i < whole.rows; i++) expect(bev[i]).toBe(beverageOn(dev[i]! - 1, day));
    // A rotating line changes now and then; a core line never (over a year of days, tap 1 or 2).
    const seen = [0, 1].map(
      (d) => new Set(Array.from({ length: 365 }, (_, k) => beverageOn(d, day + k))).size,
    );
    expect(Math.max(...seen)).toBeGreaterThan(1);
    // One memo asked about days backwards and in jumps answers as fresh ones do.
    const memo = new TapBeverages(ctx.lines, view.count);
    for (const k of [364, 200, 201, 0, 90, 363, 1])
      for (const d of [0, 1, 2, 3])
        expect(memo.on(d, view.venue[d]!, view.installedAt[d]!, day + k)).toBe(beverageOn(d, day + k));
  });

  it('pours at a stadium only on its event dates', () => {
    const cal = stadiumCalendar(config.tap_events, 42);
    // Tap 2's stadium, as a ballpark (its season includes June): some days have events, others not.
    const ballpark = Array.from({ length: 50 }, (_, l) => l + 2).find((l) => stadiumKind(cal, l) === 0)!;
    const events = Array.from({ length: 14 }, (_, k) => eventOn(cal, ballpark, day - 9 + k));
    expect(events.some((e) => e)).toBe(true);
    expect(events.some((e) => !e)).toBe(true);
    const at = { ...view, locationId: Int32Array.of(1, ballpark, 1, 1) };
    const on = day - 9 + events.indexOf(true);
    const shard = generateTapShard(ctx, at, {
      day: on,
      rows: 400,
      dayRows: 400,
      firstRow: 0,
      firstId: 1,
      state: s0!,
    });
    const dev = shard.columns.device_id as Int32Array;
    const ts = shard.columns.event_ts as BigInt64Array;
    expect(Array.from(dev).includes(2)).toBe(true);
    // Los Angeles is UTC−7 in June: a UTC hour pours only if its local date has an event.
    for (let i = 0; i < shard.rows; i++) {
      if (dev[i] !== 2) continue;
      const local = Math.floor((Number(ts[i]) - 7 * 3_600_000_000) / MICROS_PER_DAY);
      expect(eventOn(cal, ballpark, local)).toBe(true);
    }
  });

  it('pours more anomalies late in a wear cycle than just after a service', () => {
    // Tap 1 was serviced: in one history the day before `day` (early in its cycle), in the other 200
    // days before, with its next alarm the day after `day` (late in its cycle).
    const serviced = (back: number, next: number) => {
      const e = new Entries();
      e.push(
        (day - back - 10) * MICROS_PER_DAY,
        (day - back) * MICROS_PER_DAY,
        (day - back) * MICROS_PER_DAY + 3_600_000_000,
        0,
        0,
        6,
      );
      if (next) e.push((day + next) * MICROS_PER_DAY, (day + next + 1) * MICROS_PER_DAY, Number.NaN, 2, 1, 6);
      return assembleSchedule(e, Int32Array.of(0, e.n, e.n, e.n, e.n), day - 300, endDay);
    };
    const anomalies = (schedule: ReturnType<typeof serviced>) => {
      const c = { ...ctx, schedule, wear: new WearCache(schedule, view.installedAt, nominalCycle(config)) };
      const b = generateTapShard(c, view, {
        day,
        rows: 4000,
        dayRows: 4000,
        firstRow: 0,
        firstId: 1,
        state: s0!,
      });
      const dev = b.columns.device_id as Int32Array;
      const flag = b.columns.is_anomaly as Uint8Array;
      let n = 0;
      let k = 0;
      for (let i = 0; i < b.rows; i++) if (dev[i] === 1) [n, k] = [n + 1, k + flag[i]!];
      return k / n;
    };
    const early = anomalies(serviced(1, 0));
    const late = anomalies(serviced(200, 1));
    expect(late).toBeGreaterThan(4 * early);
  });

  it('pours at a flow that grows with pressure: duration = volume / flow', () => {
    const vol = whole.columns.volume_ml as Float64Array;
    const ms = whole.columns.duration_ms as Int32Array;
    const psi = whole.columns.pressure_psi as Float64Array;
    const bev = whole.columns.beverage_type as Uint8Array;
    for (let i = 0; i < whole.rows; i++) {
      const nominal = config.tap_events.pour[BEVERAGES[bev[i]!]!].flow_ml_s * Math.sqrt(psi[i]! / 12.5);
      const flow = (vol[i]! / ms[i]!) * 1000;
      expect(flow / nominal).toBeGreaterThan(0.85);
      expect(flow / nominal).toBeLessThan(1.15);
    }
  });

  it('matches the recorded first rows (a change here is a data-version change)', () => {
    const row = (i: number) =>
      Object.fromEntries(
        Object.entries(whole.columns as Record<string, ArrayLike<unknown>>).map(([k, v]) => [
          k,
          typeof v[i] === 'bigint' ? String(v[i]) : v[i],
        ]),
      );
    expect([row(0), row(1), row(199)]).toMatchSnapshot();
  });
});
