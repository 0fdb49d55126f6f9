/**
 * Tap lines (issue 13, item 2): a tap pours one beverage at a time (never two on one UTC day), most
 * taps keep one for long stretches and none serves the whole menu, and the drink mix moves with the
 * hour (coffee and soft drinks by day, beer and cocktails at night) and with the venue.
 */
import {
  type CheckContext,
  type CheckResult,
  GROUP,
  rowChecks,
  shareWithin,
  zero,
} from '../../../validate/check.js';

export async function tapLineChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { has, manifest } = ctx;
  if (!has('tap_events')) return [];
  const g = GROUP.business;
  const within = (name: string, value: number, lo: number, hi: number) =>
    shareWithin(manifest.scale, g, name, value, lo, hi);
  const checks = await rowChecks(
    ctx,
    `WITH taps AS (SELECT device_id, count(DISTINCT beverage_type) AS n FROM tap_events GROUP BY 1)
     SELECT (SELECT count(*) FROM (SELECT device_id, event_ts::DATE FROM tap_events GROUP BY ALL HAVING count(DISTINCT beverage_type) > 1)) AS mixed,
            (SELECT avg((n = 1)::INT) FROM taps) AS single,
            (SELECT avg((n >= 6)::INT) FROM taps) AS all_six`,
    (r) => [
      zero(g, 'tap-days pouring more than one beverage (a tap line serves one at a time)', r.mixed!),
      within('taps that poured one beverage all their life', r.single!, 0.3, 0.95),
      within('taps that poured every beverage', r.all_six!, 0, 0.1),
    ],
  );
  if (has('locations')) {
    checks.push(
      ...(await rowChecks(
        ctx,
        `WITH e AS (SELECT hour(timezone(l.timezone, e.event_ts)) AS h, e.beverage_type AS b, l.venue_type AS v
                    FROM tap_events e JOIN locations l USING (location_id))
         SELECT (avg((b IN ('soda', 'cold_brew', 'kombucha'))::INT) FILTER (WHERE h BETWEEN 7 AND 16))
              / nullif(avg((b IN ('soda', 'cold_brew', 'kombucha'))::INT) FILTER (WHERE h NOT BETWEEN 7 AND 16), 0) AS day_soft,
                (SELECT max(s) - min(s) FROM (SELECT avg((b = 'beer')::INT) AS s FROM e GROUP BY v)) AS venue_spread
         FROM e`,
        (r) => [
          within('soft drinks and coffee: share of pours 7–16 h local over 17–6 h', r.day_soft!, 1.5, 100),
          within('beer share of pours, most beery venue type minus least', r.venue_spread!, 0.2, 1),
        ],
      )),
    );
  }
  return checks;
}
