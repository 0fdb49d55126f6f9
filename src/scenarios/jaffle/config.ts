/** The shape of config/jaffle.yaml, validated once with zod; every object is strict (unknown keys are errors). */

import { z } from 'zod';
import { parseIsoDay } from '../../time/calendar.js';
import { KINDS, MEDIA, PAYMENT_METHODS, PLATFORMS } from './vocabulary.js';

const share = z.number().min(0).max(1);
const positive = z.number().positive();
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
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

const hours = z
  .array(z.number().min(0))
  .length(24)
  .refine((h) => h.some((x) => x > 0), { message: 'needs a positive weight' });

const campaign = z.strictObject({
  name: z.string().regex(/^[a-z0-9_]+$/, 'lower-case name (utm_campain)'),
  platform: z.enum(PLATFORMS),
  media: z.array(z.enum(MEDIA)).min(1),
  budget: positive,
  flight_days: range(z.number().int().min(1).max(365)),
  gap_days: range(z.number().int().min(0).max(365)),
  cpc: positive,
  ctr: z.number().positive().max(0.1),
  conversion: share,
  new_share: share,
  view_through: z.number().min(0).max(1),
});

const configShape = z.strictObject({
  time: z.strictObject({
    end: isoDay,
    days: z.number().int().min(1).max(3660),
    history_days: z.number().int().min(1).max(3650),
  }),
  shard_rows: z.number().int().min(1024).max(16_777_216),
  rhythm: z.strictObject({
    growth_per_year: z.number().min(-0.9).max(10),
    weekday: z.array(positive).length(7),
    order_hours_utc: hours,
    session_hours_utc: hours,
  }),
  customers: z.strictObject({
    history_per_day: positive,
    new_per_day: z.number().min(0),
    kinds: shares(KINDS),
    order_weight: z.strictObject({
      regular: z.number().min(0),
      occasional: z.number().min(0),
      one_off: z.number().min(0),
    }),
    weight_sigma: z.number().min(0).max(3),
    browse_weight: z.number().min(0),
    app_share: share,
    loyalty: share,
    first_order: share,
  }),
  orders: z.strictObject({
    per_day: z.number().min(0),
    same_day: share,
    items: z.strictObject({
      lunch: z.number().min(0).max(10),
      evening: z.number().min(0).max(10),
      other: z.number().min(0).max(10),
      weekend: positive,
      max: z.number().int().min(1).max(50),
    }),
    menu: z.record(
      z.string().regex(/^[a-z_]+$/, 'lower-case item name'),
      z.strictObject({ price: z.number().int().min(1), weight: positive }),
    ),
    lifecycle_hours: z.strictObject({
      ship: range(positive),
      deliver: range(positive),
      return_after: range(positive),
      refund_after: range(positive),
    }),
    return_share: share,
  }),
  payments: z.strictObject({
    split_share: share,
    primary: shares(PAYMENT_METHODS),
    coupon_dollars: range(z.number().int().min(1)),
    gift_card_dollars: range(z.number().int().min(1)),
  }),
  sessions: z.strictObject({
    browse_per_day: z.number().min(0),
    minutes: z.strictObject({ median: positive, sigma: z.number().min(0).max(3), max: positive }),
    paid_click_share: share,
    paid_click_platforms: z.strictObject({
      website: z.strictObject({ google: share, facebook: share }),
      app: z.strictObject({ facebook: share, instagram: share }),
    }),
  }),
  ads: z.strictObject({
    live_per_platform: positive,
    stagger_days: z.number().int().min(0).max(60),
    weight_sigma: z.number().min(0).max(3),
    budget_sigma: z.number().min(0).max(3),
    cost_sigma: z.number().min(0).max(1),
    weekday: z.array(positive).length(7),
    land_rate: share,
    campaigns: z.array(campaign).min(1).max(60),
  }),
});

/** The shape plus the rules that span keys; each names the key it rejects. */
export const configSchema = configShape.superRefine((config, ctx) => {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  if (parseIsoDay(config.time.end) === undefined)
    issue(['time', 'end'], `${config.time.end} is not a real date`);
  const { website, app } = config.sessions.paid_click_platforms;
  if (Math.abs(website.google + website.facebook - 1) > 1e-6)
    issue(['sessions', 'paid_click_platforms', 'website'], 'shares must sum to 1');
  if (Math.abs(app.facebook + app.instagram - 1) > 1e-6)
    issue(['sessions', 'paid_click_platforms', 'app'], 'shares must sum to 1');
  if (!Object.keys(config.orders.menu).length) issue(['orders', 'menu'], 'needs at least one item');
  const names = new Set<string>();
  config.ads.campaigns.forEach((c, i) => {
    if (names.has(c.name)) issue(['ads', 'campaigns', i, 'name'], `${c.name} is listed twice`);
    names.add(c.name);
  });
  for (const platform of PLATFORMS)
    if (!config.ads.campaigns.some((c) => c.platform === platform))
      issue(['ads', 'campaigns'], `needs a campaign on ${platform}`);
});

export type Config = z.infer<typeof configShape>;
