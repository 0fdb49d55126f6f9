/**
 * The checks that read pours in local time (per time zone and UTC hour, not per pour): exact values on
 * a few pours across daylight saving time, and the faults they must catch.
 */
import { describe, expect, it } from 'vitest';
import { distributionChecks } from '../../../../src/scenarios/tapflow/validate/distributionChecks.js';
import { stadiumChecks } from '../../../../src/scenarios/tapflow/validate/stadiumChecks.js';
import { tapLineChecks } from '../../../../src/scenarios/tapflow/validate/tapLineChecks.js';
import { measured, rows } from './synthetic.js';

const locations = rows('location_id, timezone, venue_type, region', [
  `1, 'America/New_York', 'bar', 'Northeast'`,
  `2, 'America/Los_Angeles', 'restaurant', 'West Coast'`,
]);

/** Pours: (device, location, UTC time, beverage); local hours in comments (EDT/PDT in July). */
const pours = (extra: string[] = []) =>
  rows('device_id, location_id, event_ts, beverage_type, is_anomaly', [
    `10, 1, TIMESTAMPTZ '2024-07-15 11:30:00+00', 'soda', false`, // 07:30 EDT: day (06:30 without DST)
    `10, 1, TIMESTAMPTZ '2024-01-15 11:30:00+00', 'soda', false`, // 06:30 EST: night
    `11, 1, TIMESTAMPTZ '2024-01-15 23:00:00+00', 'beer', false`, // 18:00: night
    `20, 2, TIMESTAMPTZ '2024-01-15 20:00:00+00', 'beer', false`, // 12:00 PST: day
    `20, 2, TIMESTAMPTZ '2024-01-16 03:00:00+00', 'beer', false`, // 19:00: night
    `20, 2, TIMESTAMPTZ '2024-07-15 15:00:00+00', 'cold_brew', false`, // 08:00 PDT: day
    `30, 2, TIMESTAMPTZ '2024-07-16 02:00:00+00', 'beer', false`, // 19:00 PDT: night
    ...extra,
  ]);

describe('tap line checks', () => {
  it('measure soft drinks by local hour (with daylight saving time), beer by venue, beverages per tap', async () => {
    const m = await measured(tapLineChecks, { tap_events: pours(), locations });
    // Day 7–16 h: soda, beer, cold_brew (2/3 soft); night: soda, beer, beer, beer (1/4): 8/3.
    expect(m['soft drinks and coffee: share of pours 7–16 h local over 17–6 h']).toBe('2.6667');
    // Bar: 1 beer of 3; restaurant: 3 of 4.
    expect(m['beer share of pours, most beery venue type minus least']).toBe('0.4167');
    expect(m['tap-days pouring more than one beverage (a tap line serves one at a time)']).toBe('0');
    // Taps 10 (soda), 11 and 30 (beer) poured one beverage; tap 20 two.
    expect(m['taps that poured one beverage all their life']).toBe('0.7500');
    expect(m['taps that poured every beverage']).toBe('0');
  });

  it('count a tap-day with two beverages (UTC day)', async () => {
    const m = await measured(tapLineChecks, {
      tap_events: pours([`10, 1, TIMESTAMPTZ '2024-01-15 23:59:59+00', 'wine', false`]),
      locations,
    });
    expect(m['tap-days pouring more than one beverage (a tap line serves one at a time)']).toBe('1');
    expect(m['taps that poured one beverage all their life']).toBe('0.5000');
  });
});

describe('distributions in local time', () => {
  const metrics = {
    peak_hour_share: 0.6,
    weekend_weekday_ratio: 0.4,
    anomaly_share: 0.1,
    region_shares: { Northeast: 0.5, 'West Coast': 0.5, Southeast: 0, Midwest: 0 },
  };

  it('measure peak hours, weekends and anomalies by local hour and day, inside the business time range', async () => {
    const m = await measured(
      distributionChecks,
      {
        tap_events: pours([
          `31, 2, TIMESTAMPTZ '2024-07-13 18:00:00+00', 'beer', true`, // Saturday 11:00 PDT: peak, weekend
          `12, 1, TIMESTAMPTZ '2019-12-31 23:30:00+00', 'beer', true`, // before the range: not counted
        ]),
        locations,
      },
      { metrics },
    );
    // Peak (11–14, 18–23 local): 18:00, 12:00, 19:00, 19:00 and 11:00 of 8 pours.
    expect(m['share of pours in local peak hours (11–14 h, 18–23 h)']).toBe('0.6250');
    // One Saturday pour a weekend day (/2) over seven Monday pours a weekday (/5).
    expect(m['weekend / weekday pours per day (local)']).toBe('0.3571');
    expect(m['share of anomalous pours']).toBe('0.1250');
    expect(m['locations.region = West Coast']).toBe('0.5000');
  });
});

describe('stadium checks', () => {
  const stadium = (timezone: string) => ({
    locations: rows('location_id, account_id, timezone, venue_type, city, state', [
      `3, 1, '${timezone}', 'stadium', 'Boston', 'MA'`,
    ]),
    accounts: rows('account_id, tier', [`1, 'large'`]),
    devices: rows('device_id, location_id, installed_at', [`5, 3, TIMESTAMPTZ '2025-01-01 00:00:00+00'`]),
    tap_events: rows('device_id, location_id, event_ts', [
      `5, 3, TIMESTAMPTZ '2025-03-01 03:00:00+00'`,
      `5, 3, TIMESTAMPTZ '2025-03-01 06:00:00+00'`,
      `5, 3, TIMESTAMPTZ '2025-03-01 20:00:00+00'`,
    ]),
  });
  const expected = { stadiums: { owner_tiers: ['large', 'enterprise'], per_city: 2 } };
  const share = 'stadiums: share of their days with pours (event days)';

  it('count a stadium’s local days with pours over its days open', async () => {
    // New York: Feb 28 22:00 and Mar 1 01:00 and 15:00 local, two days of 176 open.
    expect((await measured(stadiumChecks, stadium('America/New_York'), expected))[share]).toBe('0.0114');
    // UTC: one day.
    expect((await measured(stadiumChecks, stadium('UTC'), expected))[share]).toBe('0.0057');
  });
});
