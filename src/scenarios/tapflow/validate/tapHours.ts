/**
 * Pours per (time zone, venue type, UTC hour) with the hour's local time: one scan of tap_events that
 * the local-time checks share (tap lines, distributions). ICU converts each (zone, UTC hour) once, not
 * every pour (10M conversions took ~40 s at 1x). Exact: TapFlow's venues are in US zones, each a whole
 * number of hours from UTC, so every instant of a UTC hour has the same local hour and date.
 */
import type { CheckContext } from '../../../validate/check.js';

/** Soft drinks and coffee: poured by day rather than at night. */
export const SOFT_DRINKS = ['soda', 'cold_brew', 'kombucha'] as const;

/** The local time of UTC hour `hour` (hours since 1970) in zone `zone` (SQL expressions). */
export const localHour = (zone: string, hour: string) =>
  `timezone(${zone}, make_timestamptz(${hour} * 3600000000))`;

const TABLE = 'tapflow_tap_hours';
const made = new WeakMap<object, Promise<string>>();

/** The name of the temporary table (timezone, venue_type, utc_hour, lt, n, soft, beer, anomalies), made on first use. */
export function tapHours(ctx: CheckContext): Promise<string> {
  let table = made.get(ctx.con);
  if (!table) {
    const soft = SOFT_DRINKS.map((b) => `'${b}'`).join(', ');
    table = ctx.con
      .run(
        `CREATE TEMP TABLE ${TABLE} AS
         WITH p AS (SELECT l.timezone, l.venue_type, epoch_us(e.event_ts) // 3600000000 AS utc_hour, count(*) AS n,
                           count(*) FILTER (WHERE e.beverage_type IN (${soft})) AS soft,
                           count(*) FILTER (WHERE e.beverage_type = 'beer') AS beer,
                           count(*) FILTER (WHERE e.is_anomaly) AS anomalies
                    FROM tap_events e JOIN locations l USING (location_id) GROUP BY ALL),
              z AS (SELECT timezone, utc_hour, ${localHour('timezone', 'utc_hour')} AS lt
                    FROM (SELECT DISTINCT timezone, utc_hour FROM p))
         SELECT p.*, z.lt FROM p LEFT JOIN z USING (timezone, utc_hour)`,
      )
      .then(() => TABLE);
    made.set(ctx.con, table);
  }
  return table;
}
