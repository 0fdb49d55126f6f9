/**
 * Fact rows inside per-device time windows (downtime, the 30 days around a visit, a firmware release's
 * reign) as an equality join: each window is listed under every time bucket it touches and each row
 * under its own, so a row meets the few windows of its device near it rather than all of them (10M
 * pours probing every downtime window of their device: ~4.3 s of CPU at 1x; by day bucket: ~2.8 s).
 * Buckets are clamped to [from, to] on both sides alike, which keeps every pair that overlaps and
 * bounds a window's list (an open window runs to 9999); the exact time test then decides.
 */

export interface Buckets {
  readonly widthUs: number;
  readonly fromUs: number;
  readonly toUs: number;
}

export const DAY_US = 86_400_000_000;

/**
 * `FROM … WHERE` of the pairs (r, w) with w.f <= r.ts < w.t and the same device. `rows` and `windows`
 * are queries: rows give device_id and ts (µs since the epoch), windows device_id, f and t (µs).
 */
export function inWindows(rows: string, windows: string, b: Buckets): string {
  const first = Math.floor(b.fromUs / b.widthUs);
  const span = Math.floor(b.toUs / b.widthUs) - first + 1;
  const bucket = (us: string) =>
    `least(greatest(${us} // ${b.widthUs}, ${first}), ${first + span - 1}) - ${first}`;
  return `(SELECT device_id::BIGINT * ${span} + ${bucket('ts')} AS k, * FROM (${rows})) r
    JOIN (SELECT device_id::BIGINT * ${span} + unnest(range(${bucket('f')}, ${bucket('t')} + 1)) AS k, * FROM (${windows})) w
    USING (k) WHERE r.ts >= w.f AND r.ts < w.t`;
}
