/** Dashboard views per user-day and API calls by hour, read in one scan of feature_usage: exact values on a few uses. */
import { describe, expect, it } from 'vitest';
import { noiseChecks } from '../../../../src/scenarios/tapflow/validate/noiseChecks.js';
import { measured, rows } from './synthetic.js';

/** `n` uses of `feature` by user `u` at UTC time `at`. */
const uses = (n: number, u: number, at: string, feature: string) =>
  Array.from({ length: n }, () => `${u}, TIMESTAMPTZ '${at}+00', '${feature}'`);

describe('noise checks', () => {
  it('count dashboard user-days apart from API-only ones, and API calls by UTC hour', async () => {
    const m = await measured(noiseChecks, {
      feature_usage: rows('user_id, used_at, feature', [
        ...uses(2, 1, '2024-03-01 12:00:00', 'dashboard_view'),
        ...uses(9, 1, '2024-03-02 12:00:00', 'dashboard_view'),
        ...uses(1, 2, '2024-03-01 12:00:00', 'dashboard_view'),
        ...uses(1, 2, '2024-03-01 05:00:00', 'api_call'), // a user-day with one view and a call
        ...uses(3, 3, '2024-03-01 12:00:00', 'api_call'), // a user-day with calls only: not a dashboard day
        ...uses(1, 3, '2024-03-01 20:00:00', 'export_csv'),
      ]),
    });
    expect(m['active user-days with 2–10 dashboard views']).toBe('0.6667'); // 2 and 9 of 2, 9, 1
    expect(m['user-days with 2 dashboard views over those with 9 (skewed, not flat)']).toBe('1');
    expect(m['API calls between 04:00 and 10:00 UTC (US night: machine traffic)']).toBe('0.2500'); // 1 of 4
  });
});
