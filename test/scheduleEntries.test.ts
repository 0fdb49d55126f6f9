import { describe, expect, it } from 'vitest';
import { Entries } from '../src/scenarios/tapflow/generate/scheduleEntries.js';

describe('Entries.sortFrom', () => {
  it('orders a device’s entries by performed time, keeping ties in order and earlier devices untouched', () => {
    const e = new Entries();
    e.push(0, 99, 100, 9, 9, 9); // an earlier device's entry
    const start = e.n;
    for (const [performed, tag] of [
      [30, 1],
      [10, 2],
      [20, 3],
      [10, 4],
      [5, 5],
    ] as const)
      e.push(performed - 1, performed, performed + 1, tag, tag, tag);
    e.sortFrom(start);
    expect(Array.from(e.performed.subarray(0, e.n))).toEqual([99, 5, 10, 10, 20, 30]);
    expect(Array.from(e.type.subarray(0, e.n))).toEqual([9, 5, 2, 4, 3, 1]);
    expect(Array.from(e.reported.subarray(0, e.n))).toEqual([0, 4, 9, 9, 19, 29]);
    expect(Array.from(e.resolved.subarray(0, e.n))).toEqual([100, 6, 11, 11, 21, 31]);
    expect(Array.from(e.firmware.subarray(0, e.n))).toEqual(Array.from(e.trigger.subarray(0, e.n)));
  });
});
