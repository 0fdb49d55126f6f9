import { describe, expect, it } from 'vitest';
import { deviceOf, generateMaintenance } from '../src/scenarios/tapflow/generate/maintenance.js';
import { entriesOnDay, micros } from '../src/scenarios/tapflow/generate/serviceSchedule.js';
import { planMaintenance } from '../src/scenarios/tapflow/plan/maintenancePlan.js';
import { MAINTENANCE_TYPES } from '../src/scenarios/tapflow/vocabulary.js';
import { MICROS_PER_DAY } from '../src/time/calendar.js';
import { day, devices, s0, schedule } from './fixtures.js';

describe('device_maintenance day', () => {
  it('plans each day with exactly the entries performed on it', () => {
    const plan = planMaintenance(schedule, 1000, 42);
    expect(plan.map((p) => [p.day, p.rows])).toEqual([
      [day - 40, 1],
      [day - 19, 1],
      [day, 1],
    ]);
    expect(Array.from(plan, (p) => p.firstId)).toEqual([1, 2, 3]);
    expect(entriesOnDay(schedule, day - 19)).toEqual([1, 2]);
    expect([0, 1, 2].map((k) => deviceOf(schedule, k))).toEqual([0, 0, 4]);
  });

  it('writes the open order of the device in maintenance: performed that day, resolved null', () => {
    const batch = generateMaintenance(schedule, devices, {
      day,
      rows: 1,
      dayRows: 1,
      firstRow: 0,
      firstId: 3,
      state: s0,
    });
    expect(Array.from(batch.columns.device_id as Int32Array)).toEqual([5]);
    expect(batch.validity.resolved_at![0]).toBe(0);
    const reported = Number((batch.columns.reported_at as BigInt64Array)[0]);
    const performed = Number((batch.columns.performed_at as BigInt64Array)[0]);
    expect(reported).toBe(day * MICROS_PER_DAY + 36_120_000_000);
    expect(performed).toBeGreaterThanOrEqual(reported);
    expect(MAINTENANCE_TYPES[(batch.columns.maintenance_type as Uint8Array)[0]!]).toBe('repair');
  });

  it('keeps a resolved repair’s times in order, with the wait for parts in it', () => {
    const batch = generateMaintenance(schedule, devices, {
      day: day - 19,
      rows: 1,
      dayRows: 1,
      firstRow: 0,
      firstId: 2,
      state: s0,
    });
    const reported = Number((batch.columns.reported_at as BigInt64Array)[0]);
    const performed = Number((batch.columns.performed_at as BigInt64Array)[0]);
    const resolved = Number((batch.columns.resolved_at as BigInt64Array)[0]);
    expect(reported).toBe(micros(schedule, schedule.reported[1]!));
    expect(reported).toBeLessThan(performed);
    expect(resolved - performed).toBe(7 * MICROS_PER_DAY + 6 * 3_600_000_000);
    expect(() =>
      generateMaintenance(schedule, devices, {
        day: day - 19,
        rows: 2,
        dayRows: 2,
        firstRow: 0,
        firstId: 2,
        state: s0,
      }),
    ).toThrow(/1 entries on day .*, but the plan gave it 2/);
  });
});
