/**
 * Which venues are stadiums: run by large operators, a few per big city. A stadium drawn for a
 * smaller account's venue becomes a (sports) bar; then the venues of the owner tiers' accounts in big
 * enough cities are taken in order — their own stadiums first, then at random (a (location) hash) —
 * as stadiums until `share` of all venues are, at most per_city (× the scale above 1x) in a city.
 */

import type { Config } from '../config.js';
import { TIERS, VENUES } from '../vocabulary.js';
import type { City } from './cities.js';
import { hashUniform } from './hash.js';

const STADIUM = VENUES.indexOf('stadium');
const BAR = VENUES.indexOf('bar');
const ORDER = 61;

export function assignStadiums(
  cfg: Config['locations']['stadiums'],
  seed: number,
  scale: number,
  venue: Uint8Array,
  accountOf: Int32Array,
  tier: Uint8Array,
  cities: readonly City[],
): void {
  const owners = new Set(cfg.owner_tiers.map((t) => TIERS.indexOf(t)));
  const target = Math.round(cfg.share * venue.length);
  const cap = Math.ceil(cfg.per_city * Math.max(1, scale));
  const candidates: number[] = [];
  for (let l = 0; l < venue.length; l++) {
    const owned = owners.has(tier[accountOf[l]! - 1]!);
    if (owned && cities[l]!.population >= cfg.min_population) candidates.push(l);
    else if (venue[l] === STADIUM) venue[l] = BAR;
  }
  const key = (l: number) => (venue[l] === STADIUM ? 0 : 1) + hashUniform(seed, l, 0, ORDER);
  candidates.sort((a, b) => key(a) - key(b) || a - b);
  const perCity = new Map<string, number>();
  let made = 0;
  for (const l of candidates) {
    const city = `${cities[l]!.name}, ${cities[l]!.state}`;
    const n = perCity.get(city) ?? 0;
    if (made < target && n < cap) {
      venue[l] = STADIUM;
      perCity.set(city, n + 1);
      made++;
    } else if (venue[l] === STADIUM) venue[l] = BAR;
  }
}
