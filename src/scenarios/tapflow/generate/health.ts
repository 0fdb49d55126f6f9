/**
 * Customer health, derived from what the account did in its last `window_days` (before its churn, or
 * before now): how much its taps poured against its venues' norm, how much its users used the
 * dashboard, how many of its devices still reported at the end, how prone its taps are to anomalies,
 * and how many wear-out alarms it raised per device. Each is standardised across accounts; their sum
 * ranks the accounts, and the ranks are mapped onto a logit-normal distribution (bounded by 0 and 1,
 * so never clipped) whose mean is exactly `mean` and whose spread is about `sd`. Churners, faded by
 * then, and less engaged accounts score low, so the score predicts churn.
 */

import { inverseNormal } from '../../../rng/stream.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { ROLES, VENUES } from '../vocabulary.js';
import type { AccountModel } from './accounts.js';
import { fadeAt } from './fade.js';
import { ALARM, EMERGENCY, micros, type ServiceSchedule } from './serviceSchedule.js';

export interface HealthInputs {
  readonly devices: {
    readonly count: number;
    readonly accountId: Int32Array;
    readonly locationId: Int32Array;
    readonly installedAt: Float64Array;
    readonly lastSeenAt: Float64Array;
    readonly rate: Float64Array;
    readonly proneness: Float64Array;
    readonly schedule: ServiceSchedule;
  };
  readonly venue: Uint8Array;
  readonly users: {
    readonly count: number;
    readonly accountId: Int32Array;
    readonly role: Uint8Array;
    readonly createdAt: Float64Array;
    readonly lastLoginAt: Float64Array;
  };
}

function standardised(x: Float64Array): Float64Array {
  const n = x.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / n) || 1;
  return x.map((v) => (v - mean) / sd);
}

/** Logit-normal quantiles at (r + 0.5) / n, with the location fitted so their mean is `mean`. */
export function boundedScores(n: number, mean: number, sd: number): Float64Array {
  const z = Float64Array.from({ length: n }, (_, r) => inverseNormal((r + 0.5) / n));
  const at = (mu: number, sigma: number) => z.map((q) => 1 / (1 + Math.exp(-(mu + sigma * q))));
  const avg = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;
  const fitMean = (sigma: number) => {
    let lo = -10;
    let hi = 10;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (avg(at(mid, sigma)) < mean) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  let lo = 0;
  let hi = 5;
  for (let i = 0; i < 40; i++) {
    const sigma = (lo + hi) / 2;
    const x = at(fitMean(sigma), sigma);
    const m = avg(x);
    const spread = Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / n);
    if (spread < sd) lo = sigma;
    else hi = sigma;
  }
  const sigma = (lo + hi) / 2;
  return at(fitMean(sigma), sigma);
}

export function healthScores(
  config: Readonly<Config>,
  nowMicros: number,
  accounts: AccountModel,
  inputs: HealthInputs,
): Float64Array {
  const cfg = config.accounts.health_score;
  const floor = config.accounts.churn.fade_floor;
  const window = cfg.window_days * MICROS_PER_DAY;
  const n = accounts.count;
  const end = Float64Array.from(accounts.churnedAt, (c) => (Number.isNaN(c) ? nowMicros : c));
  const fadeOf = (a: number, t: number) => fadeAt(accounts.fadeStart[a]!, accounts.churnedAt[a]!, floor, t);
  const pours = new Float64Array(n);
  const norm = new Float64Array(n);
  const reporting = new Float64Array(n);
  const devices = new Float64Array(n);
  const prone = new Float64Array(n);
  const taps = new Float64Array(n);
  const alarms = new Float64Array(n);
  const d = inputs.devices;
  const s = d.schedule;
  for (let k = 0; k < d.count; k++) {
    const a = d.accountId[k]! - 1;
    const from = Math.max(end[a]! - window, d.installedAt[k]!);
    if (from >= end[a]!) continue;
    devices[a]!++;
    if (d.lastSeenAt[k]! >= end[a]! - MICROS_PER_DAY) reporting[a]!++;
    for (let e = s.first[k]!; e < s.first[k + 1]!; e++)
      if ((s.trigger[e] === ALARM || s.trigger[e] === EMERGENCY) && micros(s, s.reported[e]!) >= from)
        alarms[a]!++;
    if (!(d.rate[k]! > 0)) continue;
    // Pouring time in the window (until its last signal), at the fade's mean level.
    const to = Math.min(end[a]!, d.lastSeenAt[k]!);
    const mid = (from + to) / 2;
    pours[a]! += to > from ? d.rate[k]! * (to - from) * fadeOf(a, mid) : 0;
    norm[a]! += config.tap_events.venue_rate[VENUES[inputs.venue[d.locationId[k]! - 1]!]!] * (end[a]! - from);
    prone[a]! += d.proneness[k]!;
    taps[a]!++;
  }
  const use = new Float64Array(n);
  const seats = new Float64Array(n);
  const u = inputs.users;
  for (let k = 0; k < u.count; k++) {
    const a = u.accountId[k]! - 1;
    const w = config.feature_usage.role_weight[ROLES[u.role[k]!]!] * accounts.activity[a]!;
    seats[a]! += w;
    const login = u.lastLoginAt[k]!;
    if (Number.isNaN(login)) continue;
    const from = Math.max(end[a]! - window, u.createdAt[k]!);
    const to = Math.min(end[a]!, login);
    if (to > from) use[a]! += (w * (to - from) * fadeOf(a, (from + to) / 2)) / window;
  }
  const score = new Float64Array(n);
  const parts = [
    standardised(pours.map((p, a) => (norm[a]! > 0 ? p / norm[a]! : 0))),
    standardised(use.map((x, a) => (seats[a]! > 0 ? x / seats[a]! : 0))),
    standardised(reporting.map((r, a) => (devices[a]! > 0 ? r / devices[a]! : 0))),
    standardised(prone.map((p, a) => (taps[a]! > 0 ? -p / taps[a]! : 0))),
    standardised(alarms.map((x, a) => (devices[a]! > 0 ? -x / devices[a]! : 0))),
  ];
  for (const part of parts) for (let a = 0; a < n; a++) score[a]! += part[a]!;
  // Ranks (ties by id) onto bounded scores with the configured mean.
  const order = Array.from({ length: n }, (_, a) => a).sort((x, y) => score[x]! - score[y]! || x - y);
  const values = boundedScores(n, cfg.mean, cfg.sd);
  const health = new Float64Array(n);
  order.forEach((a, r) => {
    health[a] = values[r]!;
  });
  return health;
}
