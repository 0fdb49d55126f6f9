/**
 * How many venues each account has and how many devices each venue has: drawn from the tiers'
 * ranges on the locations' and devices' own count streams, then reconciled to the totals. Sizes
 * depend on nothing but the tiers, so they are known before churn is decided (churn respects the
 * share of the fleet that may go offline with it).
 */

import { reconcileCounts } from '../../../generate/apportion.js';
import { baseState, Stream } from '../../../rng/stream.js';
import { TIERS } from '../vocabulary.js';
import { type RunContext, scaled } from './context.js';

export interface FleetSizes {
  readonly locationsPerAccount: Int32Array;
  readonly devicesPerLocation: Int32Array;
  readonly devicesPerAccount: Int32Array;
}

export function fleetSizes(ctx: RunContext, tier: Uint8Array): FleetSizes {
  const { config, scale, seed } = ctx;
  const accounts = tier.length;
  const locationCount = new Stream(baseState(seed, 'locations'), 0);
  const raw = new Int32Array(accounts);
  for (let a = 0; a < accounts; a++) {
    const [lo, hi] = config.accounts.tiers[TIERS[tier[a]!]!].locations;
    raw[a] = locationCount.int(lo, hi);
  }
  const locations = Math.min(
    scaled(config.locations.target, scale, accounts),
    scaled(config.locations.id_max, scale, accounts),
  );
  const locationsPerAccount = reconcileCounts(locations, raw);

  const deviceCount = new Stream(baseState(seed, 'devices'), 0);
  const perLocation = new Int32Array(locations);
  for (let a = 0, l = 0; a < accounts; a++) {
    const [lo, hi] = config.accounts.tiers[TIERS[tier[a]!]!].devices_per_location;
    for (let k = 0; k < locationsPerAccount[a]!; k++, l++) perLocation[l] = deviceCount.int(lo, hi);
  }
  const devices = Math.min(
    scaled(config.devices.target, scale, locations),
    scaled(config.devices.id_max, scale, locations),
  );
  const devicesPerLocation = reconcileCounts(devices, perLocation);
  const devicesPerAccount = new Int32Array(accounts);
  for (let a = 0, l = 0; a < accounts; a++)
    for (let k = 0; k < locationsPerAccount[a]!; k++, l++) devicesPerAccount[a]! += devicesPerLocation[l]!;
  return { locationsPerAccount, devicesPerLocation, devicesPerAccount };
}
