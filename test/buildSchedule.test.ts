import { describe, expect, it } from 'vitest';
import { partsScaleFor, type ScheduleDevices } from '../src/scenarios/tapflow/generate/buildSchedule.js';
import { MICROS_PER_DAY } from '../src/time/calendar.js';
import { config, lastTickMicros } from './fixtures.js';

/** `count` online devices of every type, installed evenly over the `years` before the last tick. */
function fleet(count: number, years: number): ScheduleDevices {
  const installedAt = new Float64Array(count);
  for (let d = 0; d < count; d++)
    installedAt[d] = lastTickMicros - ((d + 1) / count) * years * 365 * MICROS_PER_DAY;
  return {
    count,
    type: Uint8Array.from({ length: count }, (_, d) => d % 3),
    installedAt,
    proneness: new Float64Array(count).fill(1),
    zone: new Uint8Array(count),
    ending: new Uint8Array(count),
    lastSeenAt: new Float64Array(count),
  };
}

const history = {
  cfg: config.device_maintenance,
  seed: 42,
  nowMicros: lastTickMicros + 300_000_000,
  lastTickMicros,
};

describe('partsScaleFor', () => {
  it('grows with the share of device time out of service it must reach', () => {
    const dev = fleet(3_000, 4);
    const low = partsScaleFor(history, dev, 0.05);
    const high = partsScaleFor(history, dev, 0.07);
    expect(low).toBeGreaterThan(0.5);
    expect(high).toBeGreaterThan(low);
    expect(high).toBeLessThan(4);
  });

  it('stops at 4 when a young fleet cannot reach the share at any scale', () => {
    expect(partsScaleFor(history, fleet(500, 0.2), 0.5)).toBeCloseTo(4, 4);
  });

  it('fits a large fleet on every n-th device (~4,000 of them)', () => {
    // 40,000 devices: the sampled ones (every 10th) were installed last month, the others years ago.
    const dev = fleet(40_000, 4);
    for (let d = 0; d < dev.count; d += 10) dev.installedAt[d] = lastTickMicros - 30 * MICROS_PER_DAY;
    expect(partsScaleFor(history, dev, 0.06)).toBeCloseTo(4, 4);
    // Shift the young ones by one: the sample now sees the old fleet, which reaches the share.
    const shifted = fleet(40_000, 4);
    for (let d = 1; d < shifted.count; d += 10) shifted.installedAt[d] = lastTickMicros - 30 * MICROS_PER_DAY;
    expect(partsScaleFor(history, shifted, 0.06)).toBeLessThan(3.5);
  });
});
