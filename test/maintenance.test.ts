import { describe, expect, it } from 'vitest';
import { generateMaintenance, serviceWindows } from '../src/scenarios/tapflow/generate/maintenance.js';
import { config, day, devices, endDay, lastTickMicros, s0 } from './fixtures.js';

const ctx = { maintenance: config.device_maintenance, endDay, lastTickMicros, online: 0, inMaintenance: 2 };

describe('device_maintenance day', () => {
  const windows = serviceWindows(ctx, devices);
  const batch = generateMaintenance(ctx, windows, devices, {
    day,
    rows: 40,
    dayRows: 40,
    firstRow: 0,
    firstId: 1,
    state: s0,
  });
  const col = <T>(name: string) => batch.columns[name] as T;

  it('opens an order for the device that went into maintenance that day, and only that one is unresolved', () => {
    expect(Array.from(windows.openDay).flatMap((d, i) => (d === day ? [i] : []))).toEqual([4]);
    const device = col<Int32Array>('device_id');
    const resolved = batch.validity.resolved_at!;
    const open = Array.from(device).filter((_, i) => !resolved[i]);
    expect(open).toEqual([5]);
  });

  it('services only devices installed before the day, after installation, resolved after performed', () => {
    const device = col<Int32Array>('device_id');
    const performed = Array.from(col<BigInt64Array>('performed_at'), Number);
    const resolved = Array.from(col<BigInt64Array>('resolved_at'), Number);
    const valid = batch.validity.resolved_at!;
    for (let i = 0; i < batch.rows; i++) {
      expect(device[i]).not.toBe(4); // installed that very day
      expect(performed[i]).toBeGreaterThanOrEqual(devices.installedAt[device[i]! - 1]!);
      if (valid[i]) expect(resolved[i]).toBeGreaterThanOrEqual(performed[i]!);
      if (i > 0) expect(performed[i]).toBeGreaterThanOrEqual(performed[i - 1]!);
    }
  });
});
