/** The shape of config/ecommerce.yaml, validated once with zod; every object is strict (unknown keys are errors). */

import { z } from 'zod';
import { parseIsoDay } from '../../time/calendar.js';
import {
  ACQUISITION,
  CATEGORIES,
  CHANNELS,
  DEVICES,
  FUNNEL_STEPS,
  GENDERS,
  OFFLINE_CHANNELS,
  PAYMENT_METHODS,
  SOURCES,
} from './vocabulary.js';

const share = z.number().min(0).max(1);
const positive = z.number().positive();
const count = z.number().int().positive();
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const monthDay = z.string().regex(/^\d{2}-\d{2}$/, 'must be a month and day MM-DD');

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** A record over exactly the given keys whose values are shares summing to 1. */
function shares<const K extends readonly [string, ...string[]]>(keys: K) {
  return z.record(z.enum(keys), share).refine((r) => Math.abs(sum(Object.values(r) as number[]) - 1) < 1e-6, {
    message: 'shares must sum to 1',
  });
}

/** [min, max] with min ≤ max. */
function range(item: z.ZodNumber) {
  return z
    .tuple([item, item])
    .refine(([lo, hi]) => lo <= hi, { message: 'range must be [min, max] with min ≤ max' });
}

const distribution = (length: number) =>
  z
    .array(z.number().min(0))
    .length(length)
    .refine((h) => h.some((x) => x > 0), { message: 'needs a positive weight' });

const category = z.strictObject({
  share: positive,
  price_median: z.number().min(1).max(5000),
  price_sigma: z.number().min(0.05).max(2),
  margin: z.number().min(0.02).max(0.9),
  return_rate: share,
  weight_g: z.number().min(10).max(50_000),
  extra_qty: z.number().min(0).max(5),
  monthly: z.array(positive).length(12),
});

const configShape = z.strictObject({
  time: z.strictObject({ end: isoDay, days: z.number().int().min(1).max(3660) }),
  shard_rows: z.number().int().min(1024).max(16_777_216),
  calendar: z.strictObject({
    weekday: z.array(positive).length(7),
    monthly: z.array(positive).length(12),
    black_friday: positive,
    cyber_monday: positive,
    cyber_week: positive,
    december_shopping: positive,
    christmas: positive,
    hourly_utc: distribution(24),
  }),
  customers: z.strictObject({
    count,
    before_window_share: share,
    history_days: z.number().int().min(1).max(7300),
    propensity_sigma: z.number().min(0).max(3),
    countries: z.strictObject({ US: share, CA: share }),
    genders: shares(GENDERS),
    age: z.strictObject({
      mean: z.number().min(18).max(90),
      sd: z.number().min(0).max(40),
      min: z.number().int().min(13),
      max: z.number().int().max(110),
    }),
    acquisition: shares(ACQUISITION),
    marketing_opt_in: share,
    segments: z.strictObject({
      vip_min_orders: z.number().int().min(2),
      regular_min_orders: z.number().int().min(2),
      new_days: z.number().int().min(1),
    }),
  }),
  products: z.strictObject({
    count,
    before_window_share: share,
    history_days: z.number().int().min(1).max(7300),
    discontinued_per_year: z.number().min(0).max(10),
    popularity_sigma: z.number().min(0).max(3),
    categories: z.record(z.enum(CATEGORIES), category),
  }),
  sessions: z.strictObject({
    per_day: count,
    max_minutes: z.number().int().min(5).max(600),
    devices: shares(DEVICES),
    device_conversion: z.record(z.enum(DEVICES), positive),
    sources: z.record(
      z.enum(SOURCES),
      z.strictObject({ share, conversion: z.number().min(0).max(0.5), logged_in: share }),
    ),
    season_conversion: z.strictObject({
      black_friday: positive,
      cyber_week: positive,
      december_shopping: positive,
    }),
    funnel: shares(FUNNEL_STEPS),
    mobile_bounce: positive,
    international_share: share,
    pages: z.record(z.enum(FUNNEL_STEPS), z.number().min(0).max(100)),
    product_views: z.record(z.enum(FUNNEL_STEPS), z.number().min(0).max(100)),
    converting: z.strictObject({
      pages: z.number().min(0).max(100),
      product_views: z.number().min(0).max(100),
    }),
    search_share: share,
    remove_from_cart: share,
    mobile_events: z.number().min(0.1).max(2),
    dwell_seconds: z.strictObject({
      page_view: positive,
      search: positive,
      product_view: positive,
      add_to_cart: positive,
      remove_from_cart: positive,
      begin_checkout: positive,
      purchase: positive,
    }),
    dwell_sigma: z.number().min(0).max(2),
    mobile_dwell: z.number().min(0.1).max(2),
  }),
  orders: z.strictObject({
    per_year: count,
    channels: shares(OFFLINE_CHANNELS),
    extra_lines: z.record(z.enum(CHANNELS), z.number().min(0).max(10)),
    max_lines: z.number().int().min(1).max(50),
    same_category: share,
    multibuy: z.strictObject({ share, rate: share }),
    coupons: z.record(z.enum(CHANNELS), share),
    coupon_percent: z.number().min(0).max(0.9),
    cancel_rate: z.record(z.enum(CHANNELS), share),
    gift_share: share,
    payment: z.record(z.enum(CHANNELS), z.partialRecord(z.enum(PAYMENT_METHODS), share)),
    shipping: z.strictObject({
      US: z.strictObject({ free_over: z.number().min(0), rates: z.array(z.number().min(0)).length(3) }),
      CA: z.strictObject({ free_over: z.number().min(0), rates: z.array(z.number().min(0)).length(3) }),
      weight_steps_g: z.array(positive).length(2),
      express_share: share,
      express_fee: z.number().min(0),
    }),
    promotions: z
      .array(
        z.strictObject({
          name: z.string().regex(/^[A-Z0-9_]+$/, 'upper-case code'),
          from: monthDay,
          to: monthDay,
          percent: z.number().min(0).max(0.9),
          categories: z.array(z.enum(CATEGORIES)).optional(),
        }),
      )
      .max(20),
    holiday_percent: z.strictObject({
      cyber_week: z.number().min(0).max(0.9),
      december_shopping: z.number().min(0).max(0.9),
    }),
    processing_hours: z.strictObject({ median: positive, sigma: z.number().min(0).max(2) }),
    transit_days: z.strictObject({ US: positive, CA: positive, sigma: z.number().min(0).max(2) }),
    cancel_hours: z.strictObject({ median: positive, sigma: z.number().min(0).max(2) }),
    return_days: z.strictObject({ median: positive, sigma: z.number().min(0).max(2), max: positive }),
  }),
  inventory: z.strictObject({
    lead_days: range(z.number().min(0.5).max(120)),
    cover_days: range(z.number().min(1).max(365)),
    safety_days: z.number().min(0).max(60),
    opening_days: z.number().min(1).max(365),
    demand_days: z.number().min(1).max(365),
    damage_per_year: z.number().min(0).max(50),
    adjustments_per_year: z.number().min(0).max(50),
  }),
  reviews: z.strictObject({
    verified_rate: share,
    returned_rate: share,
    unverified_share: z.number().min(0).max(0.9),
    delay_days: z.strictObject({ median: positive, sigma: z.number().min(0).max(2), max: positive }),
    ratings: z.strictObject({
      kept: distribution(5),
      returned: distribution(5),
      unverified: distribution(5),
    }),
  }),
});

/** The shape plus the rules that span keys; each names the key it rejects. */
export const configSchema = configShape.superRefine((config, ctx) => {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  if (parseIsoDay(config.time.end) === undefined)
    issue(['time', 'end'], `${config.time.end} is not a real date`);
  const c = config.customers;
  if (Math.abs(c.countries.US + c.countries.CA - 1) > 1e-6)
    issue(['customers', 'countries'], 'shares must sum to 1');
  if (c.age.min >= c.age.max)
    issue(['customers', 'age', 'max'], 'customers.age.max must be above customers.age.min');
  if (c.segments.vip_min_orders <= c.segments.regular_min_orders)
    issue(
      ['customers', 'segments', 'vip_min_orders'],
      'customers.segments.vip_min_orders must be above customers.segments.regular_min_orders',
    );
  const sources = Object.values(config.sessions.sources);
  if (Math.abs(sum(sources.map((s) => s.share)) - 1) > 1e-6)
    issue(['sessions', 'sources'], 'shares must sum to 1');
  for (const [channel, methods] of Object.entries(config.orders.payment)) {
    if (Math.abs(sum(Object.values(methods) as number[]) - 1) > 1e-6)
      issue(['orders', 'payment', channel], 'shares must sum to 1');
  }
  config.orders.promotions.forEach((p, i) => {
    for (const key of ['from', 'to'] as const)
      if (parseIsoDay(`2024-${p[key]}`) === undefined)
        issue(['orders', 'promotions', i, key], `${p[key]} is not a real day`);
  });
  const [stepA, stepB] = config.orders.shipping.weight_steps_g;
  if (stepA! >= stepB!)
    issue(['orders', 'shipping', 'weight_steps_g'], 'orders.shipping.weight_steps_g must ascend');
});

export type Config = z.infer<typeof configShape>;
