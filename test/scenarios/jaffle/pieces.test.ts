/**
 * The jaffle pack's building blocks with exact inputs: the day curve and the 1–24 hour lag between a
 * visit and its order, baskets and payments in whole dollars, ads per flight, emails, and the ad
 * catalogue and plan of a longer window keeping the earlier days.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { Stream } from '../../../src/rng/stream.js';
import { type Config, configSchema } from '../../../src/scenarios/jaffle/config.js';
import { adsPerFlight, buildAdCatalog } from '../../../src/scenarios/jaffle/generate/adCatalog.js';
import { Basket } from '../../../src/scenarios/jaffle/generate/basket.js';
import { DayCurve } from '../../../src/scenarios/jaffle/generate/dayCurve.js';
import { emailOf, foldName } from '../../../src/scenarios/jaffle/generate/email.js';
import jaffle from '../../../src/scenarios/jaffle/index.js';
import { Timing } from '../../../src/scenarios/jaffle/plan/timing.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, parseIsoDay } from '../../../src/time/calendar.js';

const H = MICROS_PER_HOUR;
const config = loadConfig(jaffle.configFile, configSchema).config as Config;
/** Uniforms from a list, repeated. */
const fixed = (...us: number[]) => {
  let i = 0;
  return { next: () => us[i++ % us.length]! };
};

describe('DayCurve', () => {
  // Two open hours of weight 1 and 3: 10:00–11:00 and 11:00–12:00.
  const curve = new DayCurve(Array.from({ length: 24 }, (_, h) => (h === 10 ? 1 : h === 11 ? 3 : 0)));

  it('draws times by the weights, in whole seconds', () => {
    expect(curve.draw(0)).toBe(10 * H);
    expect(curve.draw(0.25)).toBe(11 * H);
    expect(curve.draw(0.625)).toBe(11.5 * H);
    expect(curve.draw(0.9999) % 1_000_000).toBe(0);
  });

  it('draws inside a range, or NaN where the day has no weight', () => {
    expect(curve.mass(0, 10 * H)).toBe(0);
    expect(curve.within(0, 10 * H, 0.5)).toBeNaN();
    expect(curve.within(10.5 * H, 11.5 * H, 0)).toBe(10.5 * H);
    expect(curve.within(10.5 * H, 11.5 * H, 0.25)).toBe(11 * H);
    expect(curve.within(10.5 * H, 11.5 * H, 0.9999)).toBeLessThan(11.5 * H);
  });
});

describe('Timing: the order 1–24 hours after its visit', () => {
  const timing = new Timing(
    new DayCurve(config.rhythm.order_hours_utc),
    new DayCurve(config.rhythm.session_hours_utc),
    0.7,
  );
  const day = 19_000 * MICROS_PER_DAY;
  const rng = new Stream([1, 2, 3, 4], 0);

  it('keeps every lag within [1 h, 24 h], ~70 % on the same day where both days are open', () => {
    let same = 0;
    for (let k = 0; k < 2000; k++) {
      const visit = day + 9 * H + Math.floor(rng.next() * 10) * H;
      const order = timing.orderAfter(visit, rng);
      expect(order - visit).toBeGreaterThanOrEqual(H);
      expect(order - visit).toBeLessThanOrEqual(24 * H);
      if (Math.floor(order / MICROS_PER_DAY) === 19_000) same++;
    }
    expect(same / 2000).toBeGreaterThan(0.66);
    expect(same / 2000).toBeLessThan(0.74);
  });

  it('puts a visit after closing time before a next-day order, and one before opening the same day', () => {
    expect(Math.floor(timing.orderAfter(day + 23.5 * H, fixed(0, 0.5)) / MICROS_PER_DAY)).toBe(19_001);
    expect(Math.floor(timing.orderAfter(day + 3 * H, fixed(0.99, 0.5)) / MICROS_PER_DAY)).toBe(19_000);
  });

  it('finds the visit before an order: the day before only when allowed', () => {
    const order = day + 12 * H;
    const before = timing.visitBefore(order, true, fixed(0.99, 0.5));
    expect(before).toBeLessThan(day);
    expect(order - before).toBeLessThanOrEqual(24 * H);
    const same = timing.visitBefore(order, false, fixed(0.99, 0.5));
    expect(same).toBeGreaterThanOrEqual(day);
    expect(order - same).toBeGreaterThanOrEqual(H);
  });
});

describe('Basket', () => {
  const basket = new Basket(config);

  it('values an order as a sum of menu prices and pays it in whole dollars, once or twice', () => {
    expect([basket.minValue, basket.maxValue]).toEqual([3, 120]);
    const rng = new Stream([5, 6, 7, 8], 0);
    let split = 0;
    for (let k = 0; k < 5000; k++) {
      const value = basket.value(rng, 19_000 * MICROS_PER_DAY + 12 * H);
      expect(value).toBeGreaterThanOrEqual(3);
      const pay = basket.pay(rng, value);
      const total = pay.cents[0] + (pay.count === 2 ? pay.cents[1] : 0);
      expect(total).toBe(value * 100);
      if (pay.count === 2) {
        split++;
        expect(pay.cents[1]).toBeGreaterThan(0);
        expect(pay.cents[0]).toBeGreaterThan(0);
        expect(['coupon', 'gift_card'][pay.method[1] - 2]).toBeDefined();
      }
    }
    expect(split / 5000).toBeGreaterThan(0.09);
    expect(split / 5000).toBeLessThan(0.13);
  });
});

describe('emails', () => {
  it('fold the first name to ASCII letters and carry the id', () => {
    expect(foldName("Zoë D'Angelo")).toBe('zoedangelo');
    expect(emailOf('Zoë', 'P'.charCodeAt(0), 42, 0, 0)).toBe('zoe.p42@gmail.com');
    expect(emailOf('Ann', 'B'.charCodeAt(0), 7, 3, 4)).toBe('ann7@icloud.com');
  });
});

describe('ads', () => {
  it('sizes flights so ~100 ads run at once per platform at 1x, at least one at any scale', () => {
    const start = parseIsoDay('2024-01-01')!;
    const days = 120;
    const c = buildAdCatalog(config, 7, 1, start, start + days - 1);
    const perDay = [0, 0, 0];
    for (let a = 0; a < c.count; a++) perDay[c.platform[a]!]! += (c.last[a]! - c.first[a]! + 1) / days;
    for (const n of perDay) expect(n).toBeGreaterThan(70);
    for (const n of perDay) expect(n).toBeLessThan(130);
    expect(adsPerFlight(config, 0.0001)).toEqual([1, 1, 1]);
  });

  it('keeps every ad and cost of the earlier days when the window ends later', () => {
    const start = parseIsoDay('2024-06-01')!;
    const short = buildAdCatalog(config, 42, 0.2, start, start + 10);
    const long = buildAdCatalog(config, 42, 0.2, start, start + 40);
    const rows = (c: typeof short) => {
      const out: string[] = [];
      for (let a = 0; a < c.count; a++)
        for (let d = c.first[a]!; d <= Math.min(c.last[a]!, start + 10); d++)
          out.push(`${c.platform[a]}:${c.number[a]}:${d}:${c.cost[c.grid[a]! + d - c.first[a]!]}`);
      return out.sort();
    };
    expect(rows(long)).toEqual(rows(short));
    expect(long.count).toBeGreaterThan(short.count);
  });
});
