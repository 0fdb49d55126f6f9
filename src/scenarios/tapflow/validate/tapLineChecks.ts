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
import { tapHours } from './tapHours.js';

export async function tapLineChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { has, manifest } = ctx;
  if (!has('tap_events')) return [];
  const g = GROUP.business;
  const within = (name: string, value: number, lo: number, hi: number) =>
    shareWithin(manifest.scale, g, name, value, lo, hi);
  // One scan: each tap-day's lowest and highest beverage (two differ when it poured more than one), and
  // each tap's beverages; grouping sets tell the two apart. Days by integer arithmetic (UTC).
  const checks = await rowChecks(
    ctx,
    `WITH g AS (SELECT device_id, grouping(day) AS per_tap, beverage_type, min(beverage_type) AS lo, max(beverage_type) AS hi
                FROM (SELECT device_id, epoch_us(event_ts) // 86400000000 AS day, beverage_type FROM tap_events)
                GROUP BY GROUPING SETS ((device_id, day), (device_id, beverage_type))),
          taps AS (SELECT device_id, count(beverage_type) AS n FROM g WHERE per_tap = 1 GROUP BY 1)
     SELECT (SELECT count(*) FROM g WHERE per_tap = 0 AND lo <> hi) AS mixed,
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
        async () => {
          const t = await tapHours(ctx);
          const day = 'hour(lt) BETWEEN 7 AND 16';
          return `SELECT (sum(soft) FILTER (WHERE ${day}) / sum(n) FILTER (WHERE ${day}))
                       / nullif(sum(soft) FILTER (WHERE NOT ${day}) / sum(n) FILTER (WHERE NOT ${day}), 0) AS day_soft,
                         (SELECT max(s) - min(s) FROM (SELECT sum(beer) / sum(n) AS s FROM ${t} GROUP BY venue_type)) AS venue_spread
                  FROM ${t}`;
        },
        (r) => [
          within('soft drinks and coffee: share of pours 7–16 h local over 17–6 h', r.day_soft!, 1.5, 100),
          within('beer share of pours, most beery venue type minus least', r.venue_spread!, 0.2, 1),
        ],
      )),
    );
  }
  return checks;
}
