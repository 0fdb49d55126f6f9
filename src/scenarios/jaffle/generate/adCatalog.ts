/**
 * The ads: each campaign's flights (on for flight_days, off for gap_days, from a phase drawn so that
 * the window starts mid-cycle), each flight's budget and ads, and every ad's daily cost over the
 * window and the day after it (tomorrow's orders may already click today's ads). A campaign's draws
 * come from its own stream, flight after flight, so a later end only adds flights; ads are numbered
 * per platform by (start day, campaign, flight, ad): the ads of the days so far keep their numbers.
 */

import { baseState, normalFrom, Stream } from '../../../rng/stream.js';
import { weekdayOf } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { MEDIA, PLATFORMS } from '../vocabulary.js';
import { keyedUniform, spread } from './draws.js';

export interface AdCatalog {
  /** Ads in id order within each platform, platforms in PLATFORMS order. */
  readonly count: number;
  readonly platform: Uint8Array;
  readonly campaign: Uint8Array;
  readonly medium: Uint8Array;
  /** 1-based number within its platform: ad_id is the platform's prefix and this. */
  readonly number: Int32Array;
  /** Days (since 1970) of the first and last row inside [window start, window end + 1]. */
  readonly first: Int32Array;
  readonly last: Int32Array;
  readonly cpc: Float64Array;
  readonly ctr: Float64Array;
  /** Grid rows (ad, day) of ad a: grid[a] .. grid[a + 1]; row grid[a] + (day − first[a]). */
  readonly grid: Int32Array;
  /** Per grid row: cost (whole dollars) and the clicks it buys. */
  readonly cost: Int32Array;
  readonly clicksExpected: Float64Array;
}

interface Draft {
  readonly campaign: number;
  readonly flight: number;
  readonly k: number;
  readonly start: number;
  readonly end: number;
  readonly weight: number;
  readonly cpc: number;
  readonly ctr: number;
  readonly medium: number;
  /** Daily budget of its flight (dollars, scaled) and the flight's ads (index range in drafts). */
  readonly budget: number;
  readonly flightFirst: number;
  readonly flightEnd: number;
}

const mean = ([lo, hi]: readonly [number, number]) => (lo + hi) / 2;
const staggerOf = (stagger: number, flightDays: number) =>
  Math.min(stagger, Math.floor((flightDays - 1) / 2));

/**
 * Ads per flight on each platform: live_per_platform × scale over the platform's expected live
 * flights (each campaign's share of days an ad of it runs: mean flight less the stagger, over the
 * mean cycle), at least one.
 */
export function adsPerFlight(config: Readonly<Config>, scale: number): number[] {
  const a = config.ads;
  return PLATFORMS.map((p) => {
    let live = 0;
    for (const c of a.campaigns.filter((x) => x.platform === p)) {
      const flight = mean(c.flight_days);
      live += (flight - staggerOf(a.stagger_days, Math.round(flight))) / (flight + mean(c.gap_days));
    }
    return Math.max(1, Math.round((a.live_per_platform * scale) / live));
  });
}

function draftAds(config: Readonly<Config>, seed: number, scale: number, startDay: number, lastDay: number) {
  const a = config.ads;
  const drafts: Draft[] = [];
  const perPlatform = adsPerFlight(config, scale);
  a.campaigns.forEach((c, ci) => {
    const perFlight = perPlatform[PLATFORMS.indexOf(c.platform)]!;
    const rng = new Stream(baseState(seed, `jaffle.flights.${c.name}`), 0);
    const days = ([lo, hi]: readonly [number, number]) => lo + Math.floor(rng.next() * (hi - lo + 1));
    let length = days(c.flight_days);
    let gap = days(c.gap_days);
    let start = startDay - Math.floor(rng.next() * (length + gap));
    for (let flight = 0; start <= lastDay; flight++) {
      const end = start + length - 1;
      const budget = c.budget * spread(rng, a.budget_sigma) * scale;
      const stagger = staggerOf(a.stagger_days, length);
      const flightFirst = drafts.length;
      const ads: Omit<Draft, 'flightFirst' | 'flightEnd'>[] = [];
      for (let k = 0; k < perFlight; k++) {
        ads.push({
          campaign: ci,
          flight,
          k,
          start: start + Math.floor(rng.next() * (stagger + 1)),
          end: end - Math.floor(rng.next() * (stagger + 1)),
          weight: spread(rng, a.weight_sigma),
          cpc: c.cpc * spread(rng, 0.25),
          ctr: Math.min(0.1, c.ctr * spread(rng, 0.25)),
          medium: MEDIA.indexOf(c.media[Math.floor(rng.next() * c.media.length)]!),
          budget,
        });
      }
      if (end >= startDay)
        for (const ad of ads) drafts.push({ ...ad, flightFirst, flightEnd: flightFirst + ads.length });
      start = end + 1 + gap;
      length = days(c.flight_days);
      gap = days(c.gap_days);
    }
  });
  return drafts;
}

/** Per flight (keyed by its first draft): the weight of its ads live on each day from `first`. */
function flightWeights(drafts: readonly Draft[]): Map<number, { first: number; sums: Float64Array }> {
  const out = new Map<number, { first: number; sums: Float64Array }>();
  for (let f = 0; f < drafts.length; f = drafts[f]!.flightEnd) {
    const ads = drafts.slice(f, drafts[f]!.flightEnd);
    const first = Math.min(...ads.map((d) => d.start));
    const sums = new Float64Array(Math.max(...ads.map((d) => d.end)) - first + 1);
    for (const d of ads) for (let day = d.start; day <= d.end; day++) sums[day - first]! += d.weight;
    out.set(f, { first, sums });
  }
  return out;
}

/** Every ad live on some day of [startDay, lastDay], with its daily costs there. */
export function buildAdCatalog(
  config: Readonly<Config>,
  seed: number,
  scale: number,
  startDay: number,
  lastDay: number,
): AdCatalog {
  const drafts = draftAds(config, seed, scale, startDay, lastDay);
  const platformOf = (d: Draft) => PLATFORMS.indexOf(config.ads.campaigns[d.campaign]!.platform);
  const live = drafts
    .map((_, i) => i)
    .filter((i) => drafts[i]!.start <= lastDay && drafts[i]!.end >= startDay);
  live.sort((x, y) => {
    const a = drafts[x]!;
    const b = drafts[y]!;
    return (
      platformOf(a) - platformOf(b) ||
      a.start - b.start ||
      a.campaign - b.campaign ||
      a.flight - b.flight ||
      a.k - b.k
    );
  });
  const n = live.length;
  const out = {
    count: n,
    platform: new Uint8Array(n),
    campaign: new Uint8Array(n),
    medium: new Uint8Array(n),
    number: new Int32Array(n),
    first: new Int32Array(n),
    last: new Int32Array(n),
    cpc: new Float64Array(n),
    ctr: new Float64Array(n),
    grid: new Int32Array(n + 1),
  };
  const numbers = [0, 0, 0];
  live.forEach((i, a) => {
    const d = drafts[i]!;
    const p = platformOf(d);
    out.platform[a] = p;
    out.campaign[a] = d.campaign;
    out.medium[a] = d.medium;
    out.number[a] = ++numbers[p]!;
    out.first[a] = Math.max(d.start, startDay);
    out.last[a] = Math.min(d.end, lastDay);
    out.cpc[a] = d.cpc;
    out.ctr[a] = d.ctr;
    out.grid[a + 1] = out.grid[a]! + out.last[a]! - out.first[a]! + 1;
  });
  const rows = out.grid[n]!;
  const cost = new Int32Array(rows);
  const clicksExpected = new Float64Array(rows);
  const noise = baseState(seed, 'jaffle.adcost')[0];
  const pacing = config.ads.weekday;
  const weights = flightWeights(drafts);
  live.forEach((i, a) => {
    const d = drafts[i]!;
    const flight = weights.get(d.flightFirst)!;
    for (let day = out.first[a]!; day <= out.last[a]!; day++) {
      // The ad's share of its flight's budget among the flight's ads live that day.
      const share = d.weight / flight.sums[day - flight.first]!;
      const u = keyedUniform(noise ^ (d.campaign * 0x10000 + d.flight), d.k, day);
      const dollars = d.budget * share;
      const r = out.grid[a]! + day - out.first[a]!;
      cost[r] = Math.max(
        1,
        Math.round(dollars * pacing[weekdayOf(day)]! * Math.exp(config.ads.cost_sigma * normalFrom(u))),
      );
      clicksExpected[r] = cost[r]! / d.cpc;
    }
  });
  return { ...out, cost, clicksExpected };
}
