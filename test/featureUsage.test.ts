import { describe, expect, it } from 'vitest';
import { FEATURES } from '../src/scenarios/tapflow/config.js';
import { activeUsers } from '../src/scenarios/tapflow/generate/activeUsers.js';
import { generateFeatureUsage, roleWeights } from '../src/scenarios/tapflow/generate/featureUsage.js';
import { MICROS_PER_DAY } from '../src/time/calendar.js';
import { config, day, endDay, lastTickMicros, offsets, s0, users } from './fixtures.js';

const ctx = {
  usage: config.feature_usage,
  offsets,
  endDay,
  lastTickMicros,
  active: activeUsers(users, endDay, roleWeights(config.feature_usage)),
  fadeFloor: config.accounts.churn.fade_floor,
};
const batch = generateFeatureUsage(ctx, users, {
  day,
  rows: 300,
  dayRows: 300,
  firstRow: 0,
  firstId: 501,
  state: s0,
});
const col = <T>(name: string) => batch.columns[name] as T;

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

  it('comes only from users who are active: never the never-logged-in user nor the churned account', () => {
    expect(new Set(col<Int32Array>('user_id'))).toEqual(new Set([1, 2]));
    expect(new Set(col<Int32Array>('account_id'))).toEqual(new Set([1]));
  });

  it('gives API calls only to admins and managers, on the api platform, and locations only to config changes and alerts', () => {
    const feature = col<Uint8Array>('feature');
    const user = col<Int32Array>('user_id');
    const platform = col<Uint8Array>('platform');
    const located = batch.validity.location_id!;
    const api = FEATURES.indexOf('api_call');
    for (let i = 0; i < batch.rows; i++) {
      if (feature[i] === api) {
        expect(user[i]).toBe(1);
        expect(platform[i]).toBe(2);
      }
      const f = FEATURES[feature[i]!];
      expect(located[i] === 1).toBe(f === 'alert_configured' || f === 'device_config_changed');
    }
    expect(Array.from(feature).filter((f) => f === api).length).toBeGreaterThan(0);
  });

  it('slices a day into chunks that continue each other', () => {
    const a = generateFeatureUsage(ctx, users, {
      day,
      rows: 100,
      dayRows: 300,
      firstRow: 0,
      firstId: 501,
      state: s0,
    });
    const b = generateFeatureUsage(ctx, users, {
      day,
      rows: 200,
      dayRows: 300,
      firstRow: 100,
      firstId: 601,
      state: s0,
    });
    expect([...(a.columns.used_at as BigInt64Array), ...(b.columns.used_at as BigInt64Array)]).toEqual([
      ...col<BigInt64Array>('used_at'),
    ]);
    expect([...(b.columns.usage_id as BigInt64Array)].slice(0, 1)).toEqual([601n]);
  });
});
