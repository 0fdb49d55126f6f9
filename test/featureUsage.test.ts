import { describe, expect, it } from 'vitest';
import { generateFeatureUsage } from '../src/scenarios/tapflow/generate/featureUsage.js';
import { generatePageViews } from '../src/scenarios/tapflow/generate/pageViews.js';
import { FEATURES } from '../src/scenarios/tapflow/vocabulary.js';
import { MICROS_PER_DAY } from '../src/time/calendar.js';
import { day, s0, s1, sessionFixture, usageFixture, users } from './fixtures.js';

const days = usageFixture(400, 50, 300);
const ctx = { ...sessionFixture(), days };
const shard = { day, rows: 300, dayRows: 300, firstRow: 0, firstId: 501, state: s0 };
const batch = generateFeatureUsage(ctx, users, shard);
const pages = generatePageViews(ctx, users, {
  day,
  rows: 400,
  dayRows: 400,
  firstRow: 0,
  firstId: 1,
  state: s1,
});
const col = <T>(name: string) => batch.columns[name] as T;
const api = FEATURES.indexOf('api_call');

describe('feature_usage day', () => {
  it('fills exactly the planned rows, ids ascending with time inside the UTC day', () => {
    expect(batch.rows).toBe(300);
    const ids = Array.from(col<BigInt64Array>('usage_id'), Number);
    const ts = Array.from(col<BigInt64Array>('used_at'), Number);
    expect(ids[0]).toBe(501);
    expect(ids[299]).toBe(800);
    for (let i = 1; i < ts.length; i++) expect(ts[i]).toBeGreaterThanOrEqual(ts[i - 1]!);
    expect(ts[0]).toBeGreaterThanOrEqual(day * MICROS_PER_DAY);
    expect(ts[299]).toBeLessThan((day + 1) * MICROS_PER_DAY);
  });

  it('comes only from active users: never the never-logged-in user nor the churned account', () => {
    expect(new Set(col<Int32Array>('user_id'))).toEqual(new Set([1, 2]));
    expect(new Set(col<Int32Array>('account_id'))).toEqual(new Set([1]));
  });

  it('puts every in-app event in a page_views session of the same user, during one of its pages', () => {
    const session = Array.from(col<BigInt64Array>('session_id'), Number);
    const valid = batch.validity.session_id!;
    const feature = col<Uint8Array>('feature');
    const user = col<Int32Array>('user_id');
    const ts = Array.from(col<BigInt64Array>('used_at'), Number);
    const pSession = Array.from(pages.columns.session_id as BigInt64Array, Number);
    const pUser = pages.columns.user_id as Int32Array;
    const pTs = Array.from(pages.columns.viewed_at as BigInt64Array, Number);
    const pMs = pages.columns.duration_ms as Int32Array;
    let inApp = 0;
    for (let i = 0; i < batch.rows; i++) {
      expect(valid[i] === 1).toBe(feature[i] !== api);
      if (feature[i] === api) continue;
      inApp++;
      const during = pSession.some(
        (s, k) =>
          s === session[i] && pUser[k] === user[i] && pTs[k]! <= ts[i]! && ts[i]! <= pTs[k]! + pMs[k]! * 1000,
      );
      expect(during).toBe(true);
    }
    expect(inApp).toBe(250);
  });

  it('makes the planned API calls with the account’s admin key, on the api platform; locations only for config changes and alerts', () => {
    const feature = col<Uint8Array>('feature');
    const user = col<Int32Array>('user_id');
    const platform = col<Uint8Array>('platform');
    const located = batch.validity.location_id!;
    for (let i = 0; i < batch.rows; i++) {
      if (feature[i] === api) {
        expect(user[i]).toBe(1);
        expect(platform[i]).toBe(2);
      }
      const f = FEATURES[feature[i]!];
      if (located[i]) expect(f === 'alert_configured' || f === 'device_config_changed').toBe(true);
    }
    expect(Array.from(feature).filter((f) => f === api).length).toBe(50);
  });

  it('gives a starter account no API calls and no CSV exports', () => {
    const starter = { ...sessionFixture('starter'), days: usageFixture(400, 0, 300) };
    const b = generateFeatureUsage(starter, users, shard);
    const features = new Set(Array.from(b.columns.feature as Uint8Array, (f) => FEATURES[f]));
    expect(features.has('api_call')).toBe(false);
    expect(features.has('export_csv')).toBe(false);
    expect(() => generateFeatureUsage(starter, users, { ...shard, dayRows: 301, rows: 301 })).not.toThrow();
  });

  it('slices a day into chunks that continue each other', () => {
    const a = generateFeatureUsage(ctx, users, { ...shard, rows: 100 });
    const b = generateFeatureUsage(ctx, users, { ...shard, rows: 200, firstRow: 100, firstId: 601 });
    expect([...(a.columns.used_at as BigInt64Array), ...(b.columns.used_at as BigInt64Array)]).toEqual([
      ...col<BigInt64Array>('used_at'),
    ]);
    expect([...(b.columns.usage_id as BigInt64Array)].slice(0, 1)).toEqual([601n]);
  });
});
