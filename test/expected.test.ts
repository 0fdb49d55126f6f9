import { describe, expect, it } from 'vitest';
import { ONLINE } from '../src/scenarios/tapflow/generate/devices.js';
import type { DeviceView } from '../src/scenarios/tapflow/generate/deviceView.js';
import { tapBase } from '../src/scenarios/tapflow/plan/expected.js';
import { DEVICE_STATUSES } from '../src/scenarios/tapflow/vocabulary.js';
import { MICROS_PER_DAY } from '../src/time/calendar.js';

const OFFLINE = DEVICE_STATUSES.indexOf('offline');
const at = (day: number, hour = 12) => day * MICROS_PER_DAY + hour * 3_600_000_000;

/** Tap controllers (type 0) with the given install and last-signal days, over days 100–109. */
function taps(rows: [installed: number, lastSeen: number, online: boolean][]): DeviceView {
  return {
    count: rows.length,
    type: new Uint8Array(rows.length),
    installedAt: Float64Array.from(rows, ([i]) => at(i)),
    lastSeenAt: Float64Array.from(rows, ([, l]) => at(l)),
    status: Uint8Array.from(rows, ([, , online]) => (online ? ONLINE : OFFLINE)),
  } as unknown as DeviceView;
}

describe('tapBase (taps pouring per day, as the volume check counts them)', () => {
  it('counts a tap from the day after its installation to the day before its last signal, or to the end if online', () => {
    expect([...tapBase(taps([[101, 109, true]]), 100, 109)]).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect([...tapBase(taps([[101, 105, false]]), 100, 109)]).toEqual([0, 0, 1, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('counts no day (not minus one) for a tap silent since the day after its installation', () => {
    const base = tapBase(
      taps([
        [101, 109, true],
        [104, 104, false],
        [104, 103, false],
      ]),
      100,
      109,
    );
    expect([...base]).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
  });
});
