/** A change list: kept only when new or moved, one change per instant, past the window left out, sorted by time. */
import { describe, expect, it } from 'vitest';
import { Changes } from '../../src/generate/changeList.js';
import { OP } from '../../src/schema/changeLog.js';
import { MICROS_PER_DAY } from '../../src/time/calendar.js';

const DAY = MICROS_PER_DAY;
const START = 19_000;

describe('Changes', () => {
  it('keeps new and moved states, the latest of one instant, and sorts by time then entity', () => {
    const c = new Changes(START, 3, (START + 3) * DAY);
    c.at(7, (START + 1) * DAY, 0); // insert
    c.at(7, (START + 1) * DAY + 5, 0); // same state: dropped
    c.at(7, (START + 2) * DAY, 1);
    c.at(7, (START + 2) * DAY, 2); // same instant: one change, its latest state
    c.at(7, (START + 3) * DAY, 3); // past the window
    c.at(3, START * DAY, 4);
    c.at(3, (START + 1) * DAY, 5);
    const list = c.list();
    expect([...list.entity]).toEqual([3, 3, 7, 7]);
    expect([...list.atUs]).toEqual([START * DAY, (START + 1) * DAY, (START + 1) * DAY, (START + 2) * DAY]);
    expect([...list.op]).toEqual([OP.insert, OP.update, OP.insert, OP.update]);
    expect([...list.state]).toEqual([4, 5, 0, 2]);
    expect([...list.dayFirst]).toEqual([0, 1, 3, 4]);
  });

  it('grows past its first allocation', () => {
    const c = new Changes(START, 1, (START + 1) * DAY);
    for (let e = 0; e < 5000; e++) c.at(e, START * DAY + (5000 - e), e % 200);
    const list = c.list();
    expect(list.entity.length).toBe(5000);
    expect(list.entity[0]).toBe(4999);
    expect(list.state[0]).toBe(4999 % 200);
    expect([...list.dayFirst]).toEqual([0, 5000]);
  });
});
