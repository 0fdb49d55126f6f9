import { describe, expect, it } from 'vitest';
import { MICROS_PER_DAY, MICROS_PER_HOUR, parseIsoDay } from '../src/time/calendar.js';
import { offsetHoursAt, ZONES } from '../src/time/timezone.js';
import { ZoneOffsets } from '../src/time/zoneOffsets.js';

/** The reference: ICU's offset for an instant (used only here, to check our fixed rules). */
function icuOffsetHours(zone: string, utcMicros: number): number {
  const date = new Date(utcMicros / 1000);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
  }).formatToParts(date);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'));
  const utcHour = Math.floor(date.getTime() / 3_600_000) * 3_600_000;
  return (local - utcHour) / 3_600_000;
}

describe('time zones', () => {
  it('match ICU at every hour around the 2024 DST switches and on sample days 2020–2025', () => {
    const days = [
      '2024-03-09',
      '2024-03-10',
      '2024-03-11',
      '2024-11-02',
      '2024-11-03',
      '2024-11-04',
      '2020-07-04',
      '2025-01-15',
      '2025-06-25',
    ];
    const offsets = new ZoneOffsets(parseIsoDay('2020-01-01')!, parseIsoDay('2025-12-31')!);
    ZONES.forEach((zone, z) => {
      for (const day of days) {
        const d = parseIsoDay(day)!;
        for (let h = 0; h < 24; h++) {
          const at = d * MICROS_PER_DAY + h * MICROS_PER_HOUR;
          const expected = icuOffsetHours(zone.name, at);
          expect(offsetHoursAt(zone, at), `${zone.name} ${day} ${h}:00Z`).toBe(expected);
          expect(offsets.hoursAt(z, at, Number(day.slice(0, 4)))).toBe(expected);
        }
      }
    });
  });
});
