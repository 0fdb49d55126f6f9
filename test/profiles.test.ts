import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { configSchema } from '../src/scenarios/tapflow/config.js';
import { dayShape, groupOf } from '../src/scenarios/tapflow/generate/profiles.js';
import { VENUES } from '../src/scenarios/tapflow/vocabulary.js';
import { MICROS_PER_DAY, parseIsoDay } from '../src/time/calendar.js';
import { zoneIndex } from '../src/time/timezone.js';
import { ZoneOffsets } from '../src/time/zoneOffsets.js';

const { config } = loadConfig('config/tapflow.yaml', configSchema);
const ev = config.tap_events;
const offsets = new ZoneOffsets(parseIsoDay('2020-01-01')!, parseIsoDay('2025-12-31')!);

describe('day shapes', () => {
  it('put a venue’s local peak hours at the right UTC hours (New York in summer is UTC−4)', () => {
    const day = parseIsoDay('2025-06-18')!; // a Wednesday
    const g = groupOf(zoneIndex('America/New_York'), VENUES.indexOf('restaurant'));
    const shape = dayShape(ev, offsets, day, (day + 1) * MICROS_PER_DAY, [g]);
    const w = Array.from(shape.weights.subarray(g * 24, g * 24 + 24));
    const hourSum = ev.hourly.restaurant.reduce((a, b) => a + b, 0);
    const weekMean = ev.weekday.restaurant.reduce((a, b) => a + b, 0) / 7;
    // 23:00Z = 19:00 local on Wednesday
    expect(w[23]).toBeCloseTo(
      (ev.hourly.restaurant[19]! / hourSum) * (ev.weekday.restaurant[2]! / weekMean),
      12,
    );
    // 02:00Z = 22:00 local on Tuesday (the local day before)
    expect(w[2]).toBeCloseTo(
      (ev.hourly.restaurant[22]! / hourSum) * (ev.weekday.restaurant[1]! / weekMean),
      12,
    );
  });

  it('sum to the weekday factor over a whole day', () => {
    const day = parseIsoDay('2025-01-11')!; // a Saturday
    const g = groupOf(zoneIndex('America/Los_Angeles'), VENUES.indexOf('stadium'));
    const shape = dayShape(ev, offsets, day, (day + 1) * MICROS_PER_DAY, [g]);
    const total = shape.weights.subarray(g * 24, g * 24 + 24).reduce((a, b) => a + b, 0);
    // Los Angeles is UTC−8: the UTC day covers Friday 16:00 to Saturday 16:00 local.
    const h = ev.hourly.stadium;
    const hs = h.reduce((a, b) => a + b, 0);
    const wm = ev.weekday.stadium.reduce((a, b) => a + b, 0) / 7;
    let expected = 0;
    for (let u = 0; u < 24; u++) {
      const local = u - 8;
      expected += (h[(local + 24) % 24]! / hs) * (ev.weekday.stadium[local < 0 ? 4 : 5]! / wm);
    }
    expect(total).toBeCloseTo(expected, 12);
  });

  it('stop at the cut-off: the last day ends at the last 5-minute tick', () => {
    const day = parseIsoDay('2025-06-25')!;
    const g = groupOf(0, 0);
    const cutoff = (day + 1) * MICROS_PER_DAY - 300_000_000;
    const shape = dayShape(ev, offsets, day, cutoff, [g]);
    expect(shape.spans[23]).toBe(55 * 60 * 1_000_000);
    expect(shape.spans[22]).toBe(60 * 60 * 1_000_000);
  });
});
