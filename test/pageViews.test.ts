import { describe, expect, it } from 'vitest';
import { generatePageViews } from '../src/scenarios/tapflow/generate/pageViews.js';
import { PAGE_REFERRERS, PAGES } from '../src/scenarios/tapflow/vocabulary.js';
import { day, devices, s0, sessionFixture, usageFixture, users } from './fixtures.js';

const ctx = { ...sessionFixture(), days: usageFixture(400, 0, 0) };
const batch = generatePageViews(ctx, users, {
  day,
  rows: 400,
  dayRows: 400,
  firstRow: 0,
  firstId: 1,
  state: s0,
});
const col = <T>(name: string) => batch.columns[name] as T;

describe('page_views day', () => {
  it('keeps each session one user’s, in order, with the previous page as referrer', () => {
    const session = Array.from(col<BigInt64Array>('session_id'), Number);
    const seq = col<Int32Array>('session_seq');
    const user = col<Int32Array>('user_id');
    const page = col<Uint8Array>('page_path');
    const ref = col<Uint8Array>('referrer');
    const refValid = batch.validity.referrer!;
    const ts = Array.from(col<BigInt64Array>('viewed_at'), Number);
    const bySession = new Map<number, number[]>();
    for (const [i, s] of session.entries()) bySession.set(s, [...(bySession.get(s) ?? []), i]);
    expect(bySession.size).toBeGreaterThan(20);
    for (const [s, rows] of bySession) {
      expect(Math.floor(s / 1_000_000)).toBe(day);
      expect(new Set(rows.map((i) => user[i])).size).toBe(1);
      rows.forEach((i, k) => {
        expect(seq[i]).toBe(k + 1);
        if (k > 0) {
          expect(ts[i]).toBeGreaterThanOrEqual(ts[rows[k - 1]!]!);
          expect(refValid[i]).toBe(1);
          expect(ref[i]).toBe(PAGE_REFERRERS.length + page[rows[k - 1]!]!);
        } else if (refValid[i]) expect(ref[i]).toBeLessThan(PAGE_REFERRERS.length);
      });
    }
    expect(Array.from(refValid).some((v) => v === 0)).toBe(true); // some direct visits
  });

  it('gives detail pages an id of a device or location the account had by then, and other pages none', () => {
    const page = col<Uint8Array>('page_path');
    const entity = col<Int32Array>('entity_id');
    const ts = col<BigInt64Array>('viewed_at');
    const valid = batch.validity.entity_id!;
    for (let i = 0; i < batch.rows; i++) {
      const p = PAGES[page[i]!];
      expect(valid[i] === 1).toBe(p === '/devices/:id' || p === '/locations/:id');
      if (p === '/locations/:id') expect(entity[i]).toBe(1);
      if (p === '/devices/:id') {
        expect(entity[i]).toBe(1);
        expect(devices.installedAt[entity[i]! - 1]).toBeLessThanOrEqual(Number(ts[i]));
      }
    }
  });
});
