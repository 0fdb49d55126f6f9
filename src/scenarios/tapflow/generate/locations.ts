/** Locations: counts per account reconciled to the target, real cities by region, venue types by industry. */

import { en, Faker } from '@faker-js/faker';
import { type Batch, int64Column } from '../../../generate/batch.js';
import { FAKER_BLOCK_ROWS, FAKER_ROWS_PER_STEP, type Steps } from '../../../generate/steps.js';
import { baseState, cumulate, pickCumulative, Stream } from '../../../rng/stream.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import { zoneIndex } from '../../../time/timezone.js';
import { REGION_NAMES, VENUES } from '../vocabulary.js';
import type { AccountModel } from './accounts.js';
import { CITIES, type City } from './cities.js';
import { OPERATOR_SUFFIX } from './companyNames.js';
import type { RunContext } from './context.js';
import { delayWithin } from './fit.js';
import type { FleetSizes } from './fleetSize.js';
import { assignStadiums } from './stadiums.js';

const SECOND = 1_000_000;

export interface LocationModel {
  readonly count: number;
  readonly accountId: Int32Array;
  readonly venue: Uint8Array;
  /** Index into ZONES. */
  readonly zone: Uint8Array;
  readonly openedAt: Float64Array;
  readonly cities: readonly City[];
  /** 1 when the location opened after the account's initial rollout (expansion). */
  readonly expansion: Uint8Array;
  readonly region: Uint8Array;
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  readonly postal: readonly string[];
}

function citiesByRegion(): { cities: City[]; cumulative: Float64Array }[] {
  return REGION_NAMES.map((r) => {
    const cities = CITIES.filter((c) => c.region === r);
    return { cities, cumulative: cumulate(cities.map((c) => c.population)) };
  });
}

export function generateLocations(ctx: RunContext, accounts: AccountModel, sizes: FleetSizes): LocationModel {
  const cfg = ctx.config.locations;
  const base = baseState(ctx.seed, 'locations');
  // Slot 0 is the count stream (fleetSizes).
  const s = {
    region: new Stream(base, 1),
    city: new Stream(base, 2),
    venue: new Stream(base, 3),
    time: new Stream(base, 4),
    geo: new Stream(base, 5),
  };
  const perAccount = sizes.locationsPerAccount;
  const total = perAccount.reduce((a, b) => a + b, 0);

  const regionCum = cumulate(REGION_NAMES.map((r) => cfg.regions[r]));
  const byRegion = citiesByRegion();
  const venueCum = accounts.industries.map((name) => {
    const venues = ctx.config.accounts.industries[name]!.venues;
    return cumulate(VENUES.map((v) => venues[v] ?? 0));
  });

  const accountId = new Int32Array(total);
  const venue = new Uint8Array(total);
  const zone = new Uint8Array(total);
  const openedAt = new Float64Array(total);
  const expansion = new Uint8Array(total);
  const region = new Uint8Array(total);
  const lat = new Float64Array(total);
  const lon = new Float64Array(total);
  const cities: City[] = [];
  const postal: string[] = [];
  let id = 0;
  for (let a = 0; a < accounts.count; a++) {
    const created = accounts.createdAt[a]!;
    // Openings fit between the account's creation and the end of its growth (delayWithin: no
    // clamping), within the first 80 % of that time, so every venue leaves time for its install visit.
    const end = created + 0.8 * (accounts.growthEnd[a]! - created);
    const [o0, o1] = cfg.opening_days;
    const first =
      created + delayWithin(o0 * MICROS_PER_DAY, o1 * MICROS_PER_DAY, end - created, s.time.next());
    // The rollout equips venues one after another; a rollout longer than the time left is compressed
    // into it (same order, shorter gaps), never cut off at its end.
    const [r0, r1] = cfg.rollout_gap_days;
    let rollout = 0;
    const start = id;
    for (let k = 0; k < perAccount[a]!; k++) {
      const u = s.time.next();
      const uLater = s.time.next();
      if (k > 0 && uLater < cfg.expansion_share) {
        expansion[start + k] = 1;
        openedAt[start + k] = first + u * (end - first);
      } else {
        if (k > 0) rollout += (r0 + u * (r1 - r0)) * MICROS_PER_DAY;
        openedAt[start + k] = rollout;
      }
    }
    const squeeze = rollout > 0 ? Math.min(1, (end - first) / rollout) : 1;
    for (let k = 0; k < perAccount[a]!; k++, id++) {
      accountId[id] = a + 1;
      const opened = expansion[id] ? openedAt[id]! : first + openedAt[id]! * squeeze;
      openedAt[id] = Math.floor(opened / SECOND) * SECOND;

      const home = s.region.next() < cfg.home_region_share;
      const r = home ? accounts.region[a]! : pickCumulative(regionCum, s.region.next());
      if (home) s.region.next(); // keep two draws per location so later locations don't shift
      region[id] = r;
      const pool = byRegion[r]!;
      const city = pool.cities[pickCumulative(pool.cumulative, s.city.next())]!;
      cities.push(city);
      postal.push(city.postalCodes[Math.floor(s.city.next() * city.postalCodes.length)]!);
      zone[id] = zoneIndex(city.timezone);
      venue[id] = pickCumulative(venueCum[accounts.industry[a]!]!, s.venue.next());
      lat[id] = Math.round((city.latitude + (s.geo.next() - 0.5) * 0.08) * 1e5) / 1e5;
      lon[id] = Math.round((city.longitude + (s.geo.next() - 0.5) * 0.1) * 1e5) / 1e5;
    }
  }
  assignStadiums(cfg.stadiums, ctx.seed, ctx.scale, venue, accountId, accounts.tier, cities);
  return { count: total, accountId, venue, zone, openedAt, cities, expansion, region, lat, lon, postal };
}

/** The locations table, once devices are known (device_count and operational_status depend on them). */
export function* locationsBatch(
  ctx: RunContext,
  accounts: AccountModel,
  locations: LocationModel,
  deviceCount: Int32Array,
  onlineCount: Int32Array,
): Steps<Batch> {
  const n = locations.count;
  const faker = new Faker({ locale: [en] });
  const names: string[] = [];
  const streets: string[] = [];
  const perCity = new Map<string, number>();
  const operational = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % FAKER_ROWS_PER_STEP === 0) yield;
    if (i % FAKER_BLOCK_ROWS === 0) faker.seed([ctx.seed, 2, i / FAKER_BLOCK_ROWS + 1]);
    streets.push(faker.location.streetAddress());
    const a = locations.accountId[i]! - 1;
    const key = `${a}:${locations.cities[i]!.name}`;
    const ordinal = (perCity.get(key) ?? 0) + 1;
    perCity.set(key, ordinal);
    const brand = accounts.names[a]!.replace(OPERATOR_SUFFIX, '').replace(/'s$/, '');
    names.push(`${brand} ${locations.cities[i]!.name}${ordinal > 1 ? ` #${ordinal}` : ''}`);
    const churned = !Number.isNaN(accounts.churnedAt[a]!);
    operational[i] = churned ? 2 : onlineCount[i]! >= 0.8 * deviceCount[i]! ? 0 : 1;
  }
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i + 1;
  return {
    table: 'locations',
    rows: n,
    columns: {
      location_id: ids,
      account_id: locations.accountId,
      location_name: names,
      venue_type: locations.venue,
      street: streets,
      city: locations.cities.map((c) => c.name),
      state: locations.cities.map((c) => c.state),
      postal_code: locations.postal,
      region: locations.region,
      latitude: locations.lat,
      longitude: locations.lon,
      timezone: locations.cities.map((c) => c.timezone),
      opened_at: int64Column(locations.openedAt),
      device_count: deviceCount,
      operational_status: operational,
    },
    validity: {},
  };
}
