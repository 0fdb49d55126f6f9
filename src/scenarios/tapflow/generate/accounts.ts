/** Accounts: tiers in exact shares, creation ages, engagement and churn over the history, industry, names (health: health.ts). */

import { en, Faker } from '@faker-js/faker';
import { apportion } from '../../../generate/apportion.js';
import { type Batch, int64Column, validityOfNaN } from '../../../generate/batch.js';
import { FAKER_ROWS_PER_STEP, type Steps } from '../../../generate/steps.js';
import { baseState, cumulate, pickCumulative, Stream } from '../../../rng/stream.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import { REGION_NAMES, TIERS } from '../vocabulary.js';
import { drawChurn } from './churn.js';
import { CITIES } from './cities.js';
import { NAME_PATTERNS } from './companyNames.js';
import { type RunContext, scaled } from './context.js';
import { type FleetSizes, fleetSizes } from './fleetSize.js';
import { homeRegions } from './homeRegions.js';

const DAYS_PER_MONTH = 30.436875;
const SECOND = 1_000_000;

export interface AccountModel {
  readonly count: number;
  readonly tier: Uint8Array;
  /** Index into Object.keys(config.accounts.industries). */
  readonly industry: Uint8Array;
  readonly industries: readonly string[];
  readonly region: Uint8Array;
  readonly createdAt: Float64Array;
  /** NaN unless churned. */
  readonly churnedAt: Float64Array;
  /** Start of the fade before the churn; NaN unless churned. */
  readonly fadeStart: Float64Array;
  /** The account opens locations, installs devices and invites users only before this time. */
  readonly growthEnd: Float64Array;
  /** Latent engagement (standard normal): less engaged accounts churn sooner, pour and log in less. */
  readonly engagement: Float64Array;
  /** Multiplier of the account's taps' pour rates (lognormal in engagement, mean 1). */
  readonly pourFactor: Float64Array;
  /** Multiplier of its users' chance to be active on a day (lognormal in engagement, mean 1). */
  readonly activity: Float64Array;
  /** Venues per account and devices per venue. */
  readonly sizes: FleetSizes;
  readonly names: readonly string[];
  /** Email domain, unique per account. */
  readonly domains: readonly string[];
  readonly batch: Batch;
}

function titleCase(text: string): string {
  return text.replace(/(^|\s)(?!and\b)[a-z]/g, (c) => c.toUpperCase());
}

function domainOf(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 24);
  return `${slug || 'tapflow-customer'}.com`;
}

export function* generateAccounts(ctx: RunContext): Steps<AccountModel> {
  const cfg = ctx.config.accounts;
  const base = baseState(ctx.seed, 'accounts');
  const s = {
    tier: new Stream(base, 0),
    age: new Stream(base, 1),
    churn: new Stream(base, 2),
    industry: new Stream(base, 4),
    region: new Stream(base, 5),
    engagement: new Stream(base, 6),
  };
  const n = scaled(cfg.count, ctx.scale, TIERS.length);
  const tierCounts = apportion(
    n,
    TIERS.map((t) => cfg.tiers[t].share),
    TIERS.map(() => 1),
  );
  // Exact tier counts, shuffled over the IDs (Fisher–Yates on the tier stream).
  const tier = new Uint8Array(n);
  for (let t = 0, i = 0; t < TIERS.length; t++) for (let k = 0; k < tierCounts[t]!; k++) tier[i++] = t;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(s.tier.next() * (i + 1));
    [tier[i], tier[j]] = [tier[j]!, tier[i]!];
  }

  const ageCum = cumulate(cfg.age.map((a) => a.share));
  const industries = Object.keys(cfg.industries);
  const industryCum = cumulate(industries.map((k) => cfg.industries[k]!.share));
  const MONTH = DAYS_PER_MONTH * MICROS_PER_DAY;
  const createdAt = new Float64Array(n);
  const industry = new Uint8Array(n);
  const regionDraw = new Float64Array(n);
  const engagement = new Float64Array(n);
  // Ages are drawn inside the history (at least a day old, no older than time.start): a bucket that
  // reaches past either end is trimmed, never clamped onto the end, and one wholly outside falls back
  // to the whole history.
  const youngest = MICROS_PER_DAY / MONTH;
  const oldest = (ctx.nowMicros - ctx.startMicros) / MONTH;
  for (let i = 0; i < n; i++) {
    const bucket = cfg.age[pickCumulative(ageCum, s.age.next())]!;
    let lo = Math.max(bucket.months[0], youngest);
    let hi = Math.min(bucket.months[1], oldest);
    if (lo > hi) [lo, hi] = [youngest, oldest];
    const months = lo + s.age.next() * (hi - lo);
    createdAt[i] = Math.floor((ctx.nowMicros - months * MONTH) / SECOND) * SECOND;
    industry[i] = pickCumulative(industryCum, s.industry.next());
    regionDraw[i] = s.region.next();
    engagement[i] = s.engagement.normal();
  }
  const sizes = fleetSizes(ctx, tier);
  const region = homeRegions(
    regionDraw,
    sizes.locationsPerAccount,
    REGION_NAMES.map((r) => ctx.config.locations.regions[r]),
  );
  const { churnedAt, fadeStart } = drawChurn(
    ctx,
    tier,
    createdAt,
    engagement,
    sizes.devicesPerAccount,
    s.churn,
  );

  // How engagement shows: engaged accounts' taps pour more and their users use the dashboard more.
  const { pour_effect, activity_effect } = cfg.engagement;
  const pourFactor = engagement.map((e) => Math.exp(pour_effect * e - (pour_effect * pour_effect) / 2));
  const activity = engagement.map((e) =>
    Math.exp(activity_effect * e - (activity_effect * activity_effect) / 2),
  );

  const faker = new Faker({ locale: [en] });
  const names: string[] = [];
  const domains: string[] = [];
  const seen = new Set<string>();
  const taken = new Set<string>();
  // The big cities of each region, for names like "Denver Sports & Entertainment".
  const bigCities = REGION_NAMES.map((r) =>
    CITIES.filter((c) => c.region === r)
      .sort((a, b) => b.population - a.population || a.name.localeCompare(b.name))
      .slice(0, 12)
      .map((c) => c.name),
  );
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % FAKER_ROWS_PER_STEP === 0) yield;
    faker.seed([ctx.seed, 1, i + 1]);
    const patterns = NAME_PATTERNS[industries[industry[i]!]!] ?? NAME_PATTERNS.restaurant_group!;
    const draw = () =>
      titleCase(
        faker.helpers.arrayElement(patterns)(faker, faker.helpers.arrayElement(bigCities[region[i]!]!)),
      );
    // Another operator of that name exists: draw again (a few times), then set it apart by its city.
    let name = draw();
    for (let k = 0; k < 20 && taken.has(name); k++) name = draw();
    if (taken.has(name)) name = `${name} of ${faker.helpers.arrayElement(bigCities[region[i]!]!)} ${i + 1}`;
    taken.add(name);
    let domain = domainOf(name);
    if (seen.has(domain)) domain = domain.replace(/\.com$/, `${i + 1}.com`);
    seen.add(domain);
    names.push(name);
    domains.push(domain);
  }

  const status = new Uint8Array(n);
  for (let i = 0; i < n; i++) status[i] = Number.isNaN(churnedAt[i]!) ? 0 : 1;
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = i + 1;
  const batch: Batch = {
    table: 'accounts',
    rows: n,
    columns: {
      account_id: ids,
      account_name: names,
      tier,
      industry: Array.from(industry, (k) => industries[k]!),
      created_at: int64Column(createdAt),
      status,
      churned_at: int64Column(churnedAt),
      health_score: new Float64Array(n), // derived from behaviour once the facts' drivers exist (health.ts)
      region,
    },
    validity: { churned_at: validityOfNaN(churnedAt) },
  };
  // Growth stops when the fade before a churn starts (or 10 minutes before the last tick, so a device's
  // first signal fits on the grid).
  const growthEnd = new Float64Array(n);
  for (let i = 0; i < n; i++)
    growthEnd[i] = (Number.isNaN(churnedAt[i]!) ? ctx.lastTickMicros : fadeStart[i]!) - 600 * SECOND;
  return {
    count: n,
    tier,
    industry,
    industries,
    region,
    createdAt,
    churnedAt,
    fadeStart,
    growthEnd,
    engagement,
    pourFactor,
    activity,
    sizes,
    names,
    domains,
    batch,
  };
}
