/**
 * Product analytics agree with operations (issue 13, item 7): users look only at devices and venues
 * their account has at that moment; every in-app event happens in a page_views session of the same
 * user, during it; and the two tables describe the same sessions.
 */
import {
  type CheckContext,
  type CheckResult,
  GROUP,
  rowChecks,
  shareWithin,
  zero,
} from '../../../validate/check.js';

export async function productChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { has, manifest } = ctx;
  const g = GROUP.time;
  const checks: CheckResult[] = [];
  const measure = async (sql: string, judge: (r: Record<string, number>) => CheckResult[]) => {
    checks.push(...(await rowChecks(ctx, sql, judge)));
  };
  if (has('page_views') && has('devices') && has('locations')) {
    // One scan of page_views, each detail page joined to the dimension its path names (by equality
    // alone: with the path in the join condition DuckDB compared every pair, 65 s of CPU at 1x).
    await measure(
      `SELECT count(*) AS n FROM page_views p
         LEFT JOIN devices d ON d.device_id = CASE WHEN p.page_path = '/devices/:id' THEN p.entity_id END
         LEFT JOIN locations l ON l.location_id = CASE WHEN p.page_path = '/locations/:id' THEN p.entity_id END
       WHERE (d.device_id IS NOT NULL AND (d.installed_at > p.viewed_at OR d.account_id <> p.account_id))
          OR (l.location_id IS NOT NULL AND (l.opened_at > p.viewed_at OR l.account_id <> p.account_id))`,
      (r) => [
        zero(
          g,
          'detail pages of a device or venue not yet installed or opened (or of another account)',
          r.n!,
        ),
      ],
    );
  }
  if (has('feature_usage') && has('locations')) {
    await measure(
      `SELECT count(*) AS n FROM feature_usage f JOIN locations l USING (location_id) WHERE l.opened_at > f.used_at`,
      (r) => [zero(g, 'feature uses about a venue not yet opened', r.n!)],
    );
  }
  if (has('feature_usage') && has('page_views')) {
    await measure(
      `WITH s AS (SELECT session_id, any_value(user_id) AS user_id, min(viewed_at) AS first_view,
                         max(viewed_at + to_microseconds(duration_ms::BIGINT * 1000)) AS last_end
                  FROM page_views GROUP BY 1),
            e AS (SELECT f.*, s.user_id AS session_user, s.first_view, s.last_end
                  FROM feature_usage f LEFT JOIN s USING (session_id) WHERE f.feature <> 'api_call')
       SELECT count(*) FILTER (WHERE session_user IS NULL OR session_user <> user_id OR used_at < first_view OR used_at > last_end) AS stray,
              (SELECT avg((f.session_id IS NOT NULL)::INT) FROM (SELECT DISTINCT session_id FROM page_views) p
                 LEFT JOIN (SELECT DISTINCT session_id FROM feature_usage) f USING (session_id)) AS mirrored
       FROM e`,
      (r) => [
        zero(
          g,
          'in-app feature uses outside a page_views session of the same user (or outside its time)',
          r.stray!,
        ),
        shareWithin(manifest.scale, g, 'page_views sessions with feature uses in them', r.mirrored!, 0.6, 1),
      ],
    );
  }
  return checks;
}
