/**
 * Stadiums (issue 13, item 8): run by large operators, a few per city, and pouring on event days of a
 * season calendar rather than every day.
 */
import {
  type CheckContext,
  type CheckResult,
  GROUP,
  rowChecks,
  shareWithin,
  zero,
} from '../../../validate/check.js';
import { tapflowExpected } from '../plan/expected.js';
import { localHour } from './tapHours.js';

export async function stadiumChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { has, manifest } = ctx;
  const expected = tapflowExpected(manifest);
  if (!has('locations') || !has('accounts') || !expected.stadiums) return [];
  const g = GROUP.business;
  const { owner_tiers, per_city } = expected.stadiums;
  const owners = owner_tiers.map((t) => `'${t.replaceAll("'", "''")}'`).join(', ');
  const checks = await rowChecks(
    ctx,
    `SELECT (SELECT count(*) FROM locations l JOIN accounts a USING (account_id)
              WHERE l.venue_type = 'stadium' AND a.tier NOT IN (${owners})) AS small_owner,
            (SELECT count(*) FROM (SELECT city, state FROM locations WHERE venue_type = 'stadium'
              GROUP BY ALL HAVING count(*) > ${per_city})) AS crowded`,
    (r) => [
      zero(g, `stadiums owned by accounts outside the tiers ${owner_tiers.join(', ')}`, r.small_owner!),
      zero(g, `cities with more than ${per_city} stadiums`, r.crowded!),
    ],
  );
  if (has('tap_events')) {
    const { end_us } = expected.time;
    checks.push(
      ...(await rowChecks(
        ctx,
        // Local dates per (zone, UTC hour) a stadium poured in, not per pour: see tapHours.ts.
        `WITH hours AS (SELECT DISTINCT e.location_id, l.timezone, epoch_us(e.event_ts) // 3600000000 AS utc_hour
                        FROM tap_events e JOIN locations l USING (location_id) WHERE l.venue_type = 'stadium'),
              local AS (SELECT timezone, utc_hour, ${localHour('timezone', 'utc_hour')}::DATE AS day
                        FROM (SELECT DISTINCT timezone, utc_hour FROM hours)),
              days AS (SELECT location_id, count(DISTINCT day) AS n FROM hours JOIN local USING (timezone, utc_hour) GROUP BY 1),
              open AS (SELECT l.location_id, epoch(make_timestamptz(${end_us}) - min(d.installed_at)) / 86400 AS n
                       FROM locations l JOIN devices d USING (location_id) WHERE l.venue_type = 'stadium' GROUP BY 1)
         SELECT sum(days.n) / nullif(sum(open.n), 0) AS share FROM days JOIN open USING (location_id) WHERE open.n > 60`,
        (r) => [
          shareWithin(
            manifest.scale,
            g,
            'stadiums: share of their days with pours (event days)',
            r.share!,
            0.05,
            0.5,
          ),
        ],
      )),
    );
  }
  return checks;
}
