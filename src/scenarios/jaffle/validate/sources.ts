/** What the checks share: both session tables as one, the three ad tables as one, the window, and a tolerance by standard error. */

import type { Manifest } from '../../../run/manifest.js';
import { type CheckResult, result, skipped } from '../../../validate/check.js';
import { jaffleExpected } from '../plan/expected.js';
import { PLATFORMS } from '../vocabulary.js';

/** Every visit: session_id, customer_id, started_at, ended_at, utm_source, ad_id and its channel. */
export const SESSIONS = `(SELECT session_id, customer_id, started_at, ended_at, utm_source::VARCHAR AS utm_source, ad_id, 'website' AS channel FROM website_sessions
  UNION ALL SELECT session_id, customer_id, started_at, ended_at, utm_source::VARCHAR, ad_id, 'app' FROM app_sessions)`;

/** Every ad row with its platform. */
export const ADS = `(${PLATFORMS.map(
  (p) =>
    `SELECT ad_id, date, utm_medium::VARCHAR AS utm_medium, utm_campain, cost, impressions, clicks, '${p}' AS platform FROM ${p}_ads`,
).join(' UNION ALL ')})`;

export const SESSION_TABLES = ['website_sessions', 'app_sessions'] as const;
export const AD_TABLES = PLATFORMS.map((p) => `${p}_ads`);

/** Days in the dataset's window. */
export function windowDays(manifest: Manifest): number {
  const w = jaffleExpected(manifest).window;
  return Math.round((w.end_us - w.start_us) / 86_400_000_000);
}

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(4));

/** Rows a share or ratio needs (on each side) before its standard error means anything. */
const MIN_ROWS = 30;

/**
 * A measured value within `floor` or four standard errors (whichever is wider) of its target: the
 * tolerance narrows as the sample grows, so the check runs at every scale and a real departure
 * still fails it; skipped below MIN_ROWS rows.
 */
export function nearTarget(
  group: string,
  name: string,
  value: number,
  target: number,
  standardError: number,
  floor: number,
  rows: number,
): CheckResult {
  const tolerance = Math.max(floor, 4 * standardError);
  if (!(rows >= MIN_ROWS))
    return skipped(group, name, `${fmt(target)}`, `sample ${rows} < ${MIN_ROWS} (measured ${fmt(value)})`);
  return result(
    group,
    name,
    `${fmt(target)} ± ${fmt(tolerance)}`,
    fmt(value),
    Math.abs(value - target) <= tolerance,
  );
}
