/**
 * The design's expected answers, from the config and the generated dimensions (never from the
 * files), written to `_manifest.json` so users and the validator can compare the data with them.
 */

import type { Manifest } from '../../../run/manifest.js';
import { monthOf } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { ONLINE, TAP_CONTROLLER } from '../generate/devices.js';
import { type DeviceView, pouringDays } from '../generate/deviceView.js';
import { tapLines } from '../generate/tapLines.js';
import { BEVERAGES, TIERS, VENUES } from '../vocabulary.js';

export interface ExpectedMetrics {
  /** Share of devices whose status is online. */
  readonly devices_online_share: number;
  readonly devices_maintenance_share: number;
  /** Sum of active subscriptions' MRR, USD. */
  readonly mrr_total: number;
  readonly anomaly_share: number;
  /** Share of pours between 11:00–14:00 or 18:00–23:00 local time. */
  readonly peak_hour_share: number;
  /** Average pours per weekend day over average per weekday (local days). */
  readonly weekend_weekday_ratio: number;
  /** Pours per tap controller-day in June–August over December–February. */
  readonly summer_winter_ratio: number;
  /**
   * Pours per pouring tap controller-day over the history (exact rows / tap-days). The seeds' totals
   * (10M pours over 5.5 years at 1x, every count scaling together) make it 1–2 at any scale, where a
   * real tap pours hundreds: the totals win, and this says so.
   */
  readonly pours_per_tap_day: number;
  readonly health_score_mean: number;
  readonly tier_shares: Readonly<Record<string, number>>;
  readonly device_type_shares: Readonly<Record<string, number>>;
  readonly role_shares: Readonly<Record<string, number>>;
  readonly region_shares: Readonly<Record<string, number>>;
}

export const PEAK_HOURS: readonly number[] = [11, 12, 13, 18, 19, 20, 21, 22];

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Pouring tap controllers per day of the history, counted as the checks count them. */
export function tapBase(devices: DeviceView, startDay: number, endDay: number): Float64Array {
  const days = endDay - startDay + 1;
  const diff = new Float64Array(days + 2);
  for (let d = 0; d < devices.count; d++) {
    if (devices.type[d] !== TAP_CONTROLLER) continue;
    // The days its pours are planned on (first > last: none, e.g. silent since the day after installation).
    const [first, last] = pouringDays(devices, d, endDay, ONLINE);
    if (first > last) continue;
    diff[Math.min(days + 1, Math.max(0, first - startDay))]! += 1;
    diff[Math.min(days + 1, Math.max(0, last + 1 - startDay))]! -= 1;
  }
  const base = new Float64Array(days);
  let acc = 0;
  for (let i = 0; i < days; i++) base[i] = acc += diff[i]!;
  return base;
}

function summerWinter(base: Float64Array, startDay: number, volume: Float64Array): number {
  const sums = [0, 0, 0, 0];
  for (let i = 0; i < base.length; i++) {
    const month = monthOf(startDay + i);
    const season = [5, 6, 7].includes(month) ? 0 : [11, 0, 1].includes(month) ? 2 : -1;
    if (season < 0 || !(volume[i]! > 0)) continue;
    sums[season]! += volume[i]!;
    sums[season + 1]! += base[i]!;
  }
  return sums[1]! > 0 && sums[2]! > 0 && sums[3]! > 0 ? sums[0]! / sums[1]! / (sums[2]! / sums[3]!) : 0;
}

export function expectedMetrics(
  config: Readonly<Config>,
  devices: DeviceView,
  startDay: number,
  endDay: number,
  mrrTotal: number,
  tapVolume: Float64Array,
  tapRows: number,
): ExpectedMetrics {
  const base = tapBase(devices, startDay, endDay);
  const tapDays = base.reduce((a, b) => a + b, 0);
  const ev = config.tap_events;
  // Pours by venue over the whole history: each tap controller's rate times the days it pours.
  const venueRate = new Float64Array(VENUES.length);
  for (let d = 0; d < devices.count; d++) {
    const [first, last] = pouringDays(devices, d, endDay, ONLINE);
    venueRate[devices.venue[d]!]! += devices.rate[d]! * Math.max(0, last - first + 1);
  }
  let total = 0;
  let peak = 0;
  let weekend = 0;
  let weekday = 0;
  // A venue's hours, as its menu's beverages lean them (tapLines.ts: tilts keep each tap's daily volume).
  const { tiltByHour } = tapLines(ev, 0);
  VENUES.forEach((v, i) => {
    const w = venueRate[i]!;
    const hourly = ev.hourly[v].map((s, h) =>
      BEVERAGES.reduce(
        (a, b, k) => a + ev.beverages[v][b] * s * tiltByHour[(i * 24 + h) * BEVERAGES.length + k]!,
        0,
      ),
    );
    const sum = hourly.reduce((a, b) => a + b, 0);
    total += w;
    peak += (w * PEAK_HOURS.reduce((a, h) => a + hourly[h]!, 0)) / sum;
    weekday += w * mean(ev.weekday[v].slice(0, 5));
    weekend += w * mean(ev.weekday[v].slice(5));
  });
  return {
    devices_online_share: config.devices.status.online,
    devices_maintenance_share: config.devices.status.maintenance,
    mrr_total: mrrTotal,
    anomaly_share: ev.anomaly.share,
    peak_hour_share: total > 0 ? peak / total : 0,
    weekend_weekday_ratio: weekday > 0 ? weekend / weekday : 0,
    // Pours per pouring tap controller-day, June–August over December–February, from the plan's own
    // daily volumes (stadium seasons and growth included) and the taps as the check counts them: from
    // the day after installation to the day of the last signal (online taps: through the last day).
    summer_winter_ratio: summerWinter(base, startDay, tapVolume),
    pours_per_tap_day: tapDays > 0 ? tapRows / tapDays : 0,
    health_score_mean: config.accounts.health_score.mean,
    tier_shares: Object.fromEntries(TIERS.map((t) => [t, config.accounts.tiers[t].share])),
    device_type_shares: { ...config.devices.types },
    role_shares: { ...config.users.roles },
    region_shares: { ...config.locations.regions },
  };
}

/** TapFlow's expected answers in the manifest, after the exact fact row counts. */
export interface TapflowExpected {
  readonly id_max: Readonly<Record<string, number>>;
  readonly metrics: ExpectedMetrics;
  /** Subscription plans, to check prices against device counts. */
  readonly plans: readonly {
    readonly name: string;
    readonly price: number;
    readonly min_devices: number;
    readonly exports: boolean;
    readonly api: boolean;
  }[];
  /** Business time range [start, end) in µs since the epoch, and the heartbeat window's days. */
  readonly time: { readonly start_us: number; readonly end_us: number; readonly heartbeat_days: number };
  /** Who may own stadiums, and how many a city may have at this scale. */
  readonly stadiums: { readonly owner_tiers: readonly string[]; readonly per_city: number };
}

/** The manifest's expected answers, read as TapFlow wrote them. */
export function tapflowExpected(manifest: Manifest): TapflowExpected {
  return manifest.expected as unknown as TapflowExpected;
}
