/**
 * Customers: registration times (ids ascend with them; a fixed number before the window, then a
 * rate per window day as the calendar brings them), a log-normal buying propensity, real places by
 * population, names, unique emails, phones in their city's area code. Customer i's draws depend only
 * on i and the customers before it, so a longer window keeps every earlier customer as it was and
 * adds the new days' registrations after them. The segment column is filled in later, from the
 * orders the plan gives each customer (`segmentsOf`).
 */

import { en } from '@faker-js/faker';
import type { Batch } from '../../../generate/batch.js';
import { int64Column } from '../../../generate/batch.js';
import { dayCounts } from '../../../generate/dayCounts.js';
import { MICROS_PER_DAY, yearOf } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { ACQUISITION, GENDERS, SEGMENTS } from '../vocabulary.js';
import { cumulative, Keyed } from './keyed.js';
import { placeWeights, SHIPPING_PLACES } from './places.js';
import { Intraday, RATE_YEAR_DAYS, type ShopCalendar } from './shopCalendar.js';

const SECOND = 1_000_000;

/** What fact generators read about customers (typed arrays: shared with workers). */
export interface CustomerView {
  readonly count: number;
  /** µs, ascending with the id. */
  readonly registeredUs: Float64Array;
  /** Cumulative buying propensity over ids: picks among the customers registered by a time. */
  readonly cumWeight: Float64Array;
  /** Basket-size factor (bigger spenders buy more lines). */
  readonly spend: Float64Array;
  /** Index into PLACES, and into that place's postal codes. */
  readonly place: Uint16Array;
  readonly postal: Uint8Array;
}

export interface CustomerModel {
  readonly view: CustomerView;
  /** The batch without its segment column. */
  readonly columns: Record<string, Batch['columns'][string]>;
}

function emailPart(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z]+/g, '');
}

// Faker's English name lists, drawn from directly (seeding Faker per customer costs ~100 µs each).
const NAMES = en.person!;
const FIRST_FEMALE = NAMES.first_name!.female!;
const FIRST_MALE = NAMES.first_name!.male!;
const FIRST_ANY = [...FIRST_FEMALE, ...FIRST_MALE, ...NAMES.first_name!.generic!];
const LAST = NAMES.last_name!.generic!;

function nameOf(list: readonly string[], rng: Keyed): string {
  return list[rng.int(0, list.length - 1)]!;
}

const DOMAINS = cumulative([40, 12, 10, 8, 12, 3, 2, 3]);
const DOMAIN_NAMES = [
  'gmail.com',
  'yahoo.com',
  'outlook.com',
  'hotmail.com',
  'icloud.com',
  'aol.com',
  'comcast.net',
  'proton.me',
];
const CA_DOMAINS = [
  'gmail.com',
  'hotmail.ca',
  'outlook.com',
  'yahoo.ca',
  'icloud.com',
  'rogers.com',
  'shaw.ca',
  'sympatico.ca',
];

/** A phone number as shoppers type it (bronze data keeps their formats). */
function phone(area: string, rng: Keyed): string {
  const exchange = rng.int(201, 989);
  const line = String(rng.int(0, 9999)).padStart(4, '0');
  const u = rng.next();
  if (u < 0.65) return `(${area}) ${exchange}-${line}`;
  if (u < 0.9) return `${area}-${exchange}-${line}`;
  return `+1 ${area} ${exchange} ${line}`;
}

export function generateCustomers(
  config: Readonly<Config>,
  seed: number,
  scale: number,
  calendar: ShopCalendar,
): CustomerModel {
  const cfg = config.customers;
  const { window } = calendar;
  // `count` (× scale) is who has registered by the end of a year from the window start: a share
  // before the window (denser towards it: the shop grows; the earliest customer always predates
  // it), the rest at a daily rate by the calendar.
  const year = Math.max(1, Math.round(cfg.count * scale));
  const before = Math.max(1, Math.round(year * cfg.before_window_share));
  const rate = Math.max(0, year - before) / RATE_YEAR_DAYS;
  const perDay = dayCounts(calendar.activity.map((a) => rate * a));
  let n = before;
  for (let d = 0; d < perDay.length; d++) n += perDay[d]!;
  const times = new Float64Array(n);
  const time = new Keyed(seed, 'customer.registered');
  const hours = new Intraday(config.calendar.hourly_utc);
  for (let i = 0; i < before; i++) {
    const at =
      window.startUs - (1 - Math.sqrt(time.at(i).next())) * cfg.history_days * MICROS_PER_DAY - SECOND;
    times[i] = Math.floor(at / SECOND) * SECOND;
  }
  times.subarray(0, before).sort();
  for (let d = 0, i = before; d < perDay.length; d++) {
    const first = i;
    for (let k = 0; k < perDay[d]!; k++, i++) {
      const at = (window.startDay + d) * MICROS_PER_DAY + hours.offsetUs(time.at(i).next());
      times[i] = Math.floor(at / SECOND) * SECOND;
    }
    times.subarray(first, i).sort();
  }

  const rng = new Keyed(seed, 'customer');
  const countryCum = { US: placeWeights('US'), CA: placeWeights('CA') };
  const genderCum = cumulative(GENDERS.map((g) => cfg.genders[g]));
  const channelCum = cumulative(ACQUISITION.map((c) => cfg.acquisition[c]));
  const weight = new Float64Array(n);
  const spend = new Float64Array(n);
  const place = new Uint16Array(n);
  const postalIndex = new Uint8Array(n);
  const gender = new Uint8Array(n);
  const channel = new Uint8Array(n);
  const optIn = new Uint8Array(n);
  const birth = new Int32Array(n);
  const ids = new Int32Array(n);
  const first: string[] = [];
  const last: string[] = [];
  const email: string[] = [];
  const phones: string[] = [];
  const city: string[] = [];
  const state: string[] = [];
  const country: string[] = [];
  const postal: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < n; i++) {
    rng.at(i);
    ids[i] = i + 1;
    const z = rng.normal();
    weight[i] = Math.exp(cfg.propensity_sigma * Math.min(2.6, z)); // capped: nobody buys daily
    spend[i] = Math.exp(0.15 * z);
    const inUs = rng.next() < cfg.countries.US;
    const at = rng.pick(inUs ? countryCum.US : countryCum.CA);
    place[i] = at;
    const where = SHIPPING_PLACES[at]!;
    city.push(where.city);
    state.push(where.state);
    country.push(where.country);
    postalIndex[i] = rng.int(0, where.postal.length - 1);
    postal.push(where.postal[postalIndex[i]!]!);
    gender[i] = rng.pick(genderCum);
    channel[i] = rng.pick(channelCum);
    // Age at registration (never below the minimum when signing up).
    const age = Math.min(cfg.age.max, Math.max(cfg.age.min, cfg.age.mean + cfg.age.sd * rng.normal()));
    birth[i] = Math.floor(times[i]! / MICROS_PER_DAY) - Math.floor(age * 365.2425);
    optIn[i] = rng.next() < cfg.marketing_opt_in ? 1 : 0;
    const g = GENDERS[gender[i]!];
    const firstName = nameOf(g === 'female' ? FIRST_FEMALE : g === 'male' ? FIRST_MALE : FIRST_ANY, rng);
    const lastName = rng.next() < 0.05 ? `${nameOf(LAST, rng)}-${nameOf(LAST, rng)}` : nameOf(LAST, rng);
    first.push(firstName);
    last.push(lastName);
    const f = emailPart(firstName);
    const l = emailPart(lastName);
    const yy = String(yearOf(birth[i]!) % 100).padStart(2, '0');
    const locals = [
      `${f}.${l}`,
      `${f}${l}`,
      `${f[0]}${l}`,
      `${f}_${l}`,
      `${f}${l}${yy}`,
      `${f}.${l}${rng.int(1, 99)}`,
    ];
    const local = locals[rng.int(0, locals.length - 1)]!;
    const domains = where.country === 'CA' ? CA_DOMAINS : DOMAIN_NAMES;
    const domain = domains[rng.pick(DOMAINS)]!;
    let candidate = `${local}@${domain}`;
    for (let k = 2; used.has(candidate); k++) candidate = `${local}${k}@${domain}`;
    used.add(candidate);
    email.push(candidate);
    phones.push(phone(where.area, rng));
  }
  const cumWeight = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) cumWeight[i] = acc += weight[i]!;
  return {
    view: { count: n, registeredUs: times, cumWeight, spend, place, postal: postalIndex },
    columns: {
      customer_id: ids,
      first_name: first,
      last_name: last,
      email,
      phone: phones,
      birth_date: birth,
      gender,
      city,
      state,
      country,
      postal_code: postal,
      registered_at: int64Column(times),
      acquisition_channel: channel,
      marketing_opt_in: optIn,
    },
  };
}

/** A customer's segment (index into SEGMENTS) as of `now`, from their orders by then and when they registered. */
export function segmentAt(
  config: Readonly<Config>,
  orders: number,
  registeredUs: number,
  now: number,
): number {
  const s = config.customers.segments;
  return SEGMENTS.indexOf(
    orders >= s.vip_min_orders
      ? 'vip'
      : orders >= s.regular_min_orders
        ? 'regular'
        : registeredUs >= now - s.new_days * MICROS_PER_DAY
          ? 'new'
          : orders === 1
            ? 'one_time'
            : 'inactive',
  );
}

/** The segment of each customer from their orders in the window and how recently they registered. */
export function segmentsOf(
  config: Readonly<Config>,
  view: CustomerView,
  ordersPerCustomer: Int32Array,
  endUs: number,
): Uint8Array {
  const out = new Uint8Array(view.count);
  for (let i = 0; i < view.count; i++)
    out[i] = segmentAt(config, ordersPerCustomer[i]!, view.registeredUs[i]!, endUs);
  return out;
}
