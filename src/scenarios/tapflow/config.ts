/** The shape of config/*.yaml, validated once with zod; every object is strict (unknown keys are errors). */

import { z } from 'zod';
import { parseIsoDay } from '../../time/calendar.js';
import {
  ANOMALY_TYPES,
  BEVERAGES,
  DEVICE_STATUSES,
  DEVICE_TYPES,
  MAINTENANCE_TYPES,
  PAGE_REFERRERS,
  PAGES,
  REGION_NAMES,
  ROLES,
  SENSOR_KINDS,
  STADIUM_KINDS,
  TIERS,
  VENUES,
} from './vocabulary.js';

/**
 * Two kinds of proportion. A SHARE is a fraction of one whole (0.70 = 70 %): each set of shares must
 * sum to 1, and the generator and validator use the values as written. A WEIGHT is relative to the
 * others of its set (only ratios matter: [1, 3] = [2, 6]): never negative, never all zero.
 */
const share = z.number().min(0).max(1);
const weight = z.number().min(0, 'a weight cannot be negative');
const positive = z.number().positive();
const count = z.number().int().positive();

/** Sums of decimal shares are off by ~1e-16 in floating point; anything further off was meant differently. */
const SHARE_TOLERANCE = 1e-9;

/** The schema, refined so the shares `sharesOf` picks out of its value sum to 1; the error names the sum. */
function summingToOne<S extends z.ZodType>(schema: S, sharesOf: (value: z.output<S>) => readonly number[]) {
  return schema.superRefine((value, ctx) => {
    const sum = sharesOf(value).reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > SHARE_TOLERANCE)
      ctx.addIssue({
        code: 'custom',
        message: `shares sum to ${Number(sum.toPrecision(12))}; they must sum to 1`,
      });
  });
}

/** The schema, refined so at least one of the weights `weightsOf` picks out of its value is positive. */
function notAllZero<S extends z.ZodType>(schema: S, weightsOf: (value: z.output<S>) => readonly number[]) {
  return schema.refine((value) => weightsOf(value).some((w) => w > 0), {
    message: 'every weight is 0; at least one must be positive (weights are relative)',
  });
}

/** [min, max] with min ≤ max. */
function range(item: z.ZodNumber) {
  return z
    .tuple([item, item])
    .refine(([lo, hi]) => lo <= hi, { message: 'range must be [min, max] with min ≤ max' });
}

/** A record over exactly the given keys whose values are shares summing to 1. */
function shares<const K extends readonly [string, ...string[]]>(keys: K) {
  return summingToOne(z.record(z.enum(keys), share), (r) => Object.values(r) as number[]);
}

/** A record over some of the given keys whose values are shares summing to 1. */
function someShares<const K extends readonly [string, ...string[]]>(keys: K) {
  return summingToOne(z.partialRecord(z.enum(keys), share), (r) => Object.values(r) as number[]);
}

/** A record over some of the given keys whose values are weights, not all zero. */
function weights<const K extends readonly [string, ...string[]]>(keys: K) {
  return notAllZero(z.partialRecord(z.enum(keys), weight), (r) => Object.values(r) as number[]);
}

/** Weights per hour of the day (0..23), not all zero. */
const hourly = notAllZero(z.array(weight).length(24), (h) => h);

function perVenue<T extends z.ZodType>(value: T) {
  return z.record(z.enum(VENUES), value);
}

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');

const tier = z.strictObject({
  share,
  locations: range(count),
  devices_per_location: range(count),
  users: range(count),
});

const configShape = z.strictObject({
  time: z.strictObject({ start: isoDay, end: isoDay }),
  shard_rows: z.number().int().min(1024).max(16_777_216),
  accounts: z.strictObject({
    count,
    tiers: summingToOne(z.record(z.enum(TIERS), tier), (r) => Object.values(r).map((t) => t.share)),
    age: summingToOne(z.array(z.strictObject({ share, months: range(z.number().min(0)) })).min(1), (a) =>
      a.map((b) => b.share),
    ),
    engagement: z.strictObject({
      pour_effect: z.number().min(0).max(2),
      activity_effect: z.number().min(0).max(2),
      offline_effect: z.number().min(0).max(3),
      care_effect: z.number().min(0).max(2),
    }),
    health_score: z.strictObject({
      mean: z.number().gt(0).lt(1),
      sd: z.number().gt(0).max(0.3),
      window_days: z.number().min(7).max(730),
    }),
    churn: z.strictObject({
      monthly_rate: z.number().min(0).max(0.2),
      grace_months: z.number().min(1).max(120),
      tier_weight: notAllZero(z.record(z.enum(TIERS), weight), (r) => Object.values(r)),
      engagement_effect: z.number().min(0).max(3),
      max_device_share: share,
      fade_days: z.number().min(1).max(365),
      fade_floor: share,
      fade_close_share: share,
      fade_offline_share: share,
    }),
    industries: summingToOne(
      z
        .record(
          z.string().regex(/^[a-z_]+$/),
          z.strictObject({
            share,
            venues: summingToOne(z.partialRecord(z.enum(VENUES), share), (v) => Object.values(v) as number[]),
          }),
        )
        .refine((r) => Object.keys(r).length > 0, { message: 'at least one industry' }),
      (r) => Object.values(r).map((i) => i.share),
    ),
  }),
  locations: z.strictObject({
    target: count,
    id_max: count,
    regions: shares(REGION_NAMES),
    home_region_share: share,
    opening_days: range(z.number().int().min(0)),
    rollout_gap_days: range(z.number().min(0)),
    expansion_share: share,
    stadiums: z.strictObject({
      share,
      owner_tiers: z.array(z.enum(TIERS)).min(1),
      per_city: count,
      min_population: z.number().min(0),
    }),
  }),
  devices: z.strictObject({
    target: count,
    id_max: count,
    types: shares(DEVICE_TYPES),
    sensor_kinds: shares(SENSOR_KINDS),
    install_days: range(z.number().min(0)),
    install_gap_minutes: range(z.number().min(0)),
    status: shares(DEVICE_STATUSES),
    offline_days: range(z.number().min(0)),
  }),
  users: z.strictObject({
    target: count,
    id_max: count,
    roles: shares(ROLES),
    created_days: range(z.number().int().min(0)),
    later_share: share,
    never_logged_in: share,
  }),
  subscriptions: z.strictObject({
    id_max: count,
    plans: z
      .array(
        z.strictObject({
          name: z.string().min(1),
          price: positive,
          min_devices: z.number().int().min(0),
          exports: z.boolean(),
          api: z.boolean(),
        }),
      )
      .min(1)
      .refine(
        (p) => p[0]!.min_devices === 0 && p.every((x, i) => i === 0 || x.min_devices > p[i - 1]!.min_devices),
        {
          message: 'plans must start at min_devices 0 and ascend',
        },
      ),
  }),
  tap_events: z.strictObject({
    rows: count,
    venue_rate: perVenue(positive), // weights: the total is exact, venue rates only split it
    device_rate_sd: z.number().min(0).max(2),
    hourly: perVenue(hourly),
    // Weights, each positive (a zero would leave a day or month without pours).
    weekday: perVenue(z.array(positive).length(7)),
    monthly: z.array(positive).length(12),
    beverages: perVenue(shares(BEVERAGES)),
    stadium_events: z.strictObject({
      boost: positive,
      kinds: summingToOne(
        z.record(
          z.enum(STADIUM_KINDS),
          z.strictObject({
            share,
            season: z.tuple([z.number().int().min(1).max(12), z.number().int().min(1).max(12)]),
            p_in_season: share,
            p_off_season: share,
            weekday: z.array(weight).length(7),
          }),
        ),
        (r) => Object.values(r).map((k) => k.share),
      ),
    }),
    tap_lines: z.strictObject({
      core_share: share,
      rotation_days: range(positive),
      summer_tilt: z.record(z.enum(BEVERAGES), positive),
      hours: z.record(z.enum(BEVERAGES), z.array(positive).length(24)),
    }),
    pour: z.record(
      z.enum(BEVERAGES),
      z
        .strictObject({
          portions: z.array(z.number().min(20).max(200)).min(1),
          weights: z.array(weight).min(1),
          flow_ml_s: positive,
        })
        .refine((p) => p.weights.length === p.portions.length && p.weights.some((w) => w > 0), {
          message: 'weights must give each portion a weight (not all zero)',
        }),
    ),
    partial_share: share,
    temperature_c: z.strictObject({
      mean: z.number().min(2).max(6),
      sd: z.number().positive(),
      wear: z.number().min(0).max(2),
    }),
    pressure_psi: z.strictObject({ mean: z.number().min(10).max(15), sd: z.number().positive() }),
    anomaly: z.strictObject({
      share: z.number().min(0).max(0.5),
      device_sd: z.number().min(0).max(2),
      types: shares(ANOMALY_TYPES),
    }),
  }),
  feature_usage: z.strictObject({
    rows: count,
    role_weight: notAllZero(z.record(z.enum(ROLES), weight), (r) => Object.values(r)),
    event_weight: weights(PAGES),
    report_boost: z.number().min(1),
    api_share: share,
    api_intensity_sd: z.number().min(0).max(3),
    hourly,
    weekday: z.array(positive).length(7), // weights, each positive
  }),
  page_views: z.strictObject({
    rows: count,
    session_pages_mean: z.number().min(1).max(100),
    sessions_per_user_day: z.number().min(1).max(100),
    dwell_seconds: z.partialRecord(z.enum(PAGES), positive),
    dwell_sd: z.number().min(0).max(3),
    gap_seconds: range(z.number().min(0)),
    referrers: shares(['direct', ...PAGE_REFERRERS] as const),
    entry: weights(PAGES),
    // A page without a row of its own leads back to /dashboard.
    next: z.partialRecord(z.enum(PAGES), weights(PAGES)),
  }),
  device_heartbeats: z.strictObject({
    window_days: z.number().int().min(1).max(3660),
    interval_minutes: z.literal(5),
    signal_dbm: z.strictObject({
      mean: z.number().min(-120).max(0),
      sd: z.number().min(0),
      persistence: z.number().min(0).max(0.9999),
    }),
    reboot_per_day: share,
  }),
  device_maintenance: z.strictObject({
    planned: z.record(
      z.enum(DEVICE_TYPES),
      z.strictObject({ every_days: range(positive), types: someShares(MAINTENANCE_TYPES) }),
    ),
    wear_out_days: z.record(z.enum(DEVICE_TYPES), positive),
    alarm_types: z.record(z.enum(DEVICE_TYPES), someShares(MAINTENANCE_TYPES)),
    working_hours: range(z.number().int().min(0).max(24)),
    response_days: range(z.number().min(0)),
    emergency_share: share,
    work_hours: z.record(z.enum(MAINTENANCE_TYPES), range(positive)),
    parts_days: z.partialRecord(z.enum(MAINTENANCE_TYPES), positive),
    firmware: z.strictObject({
      adoption: share,
      lag_days: positive,
      night_hours: range(z.number().min(0).max(24)),
    }),
  }),
});

/** The shape plus the rule that spans keys: real dates, in order. */
export const configSchema = configShape.superRefine((config, ctx) => {
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  const start = parseIsoDay(config.time.start);
  const end = parseIsoDay(config.time.end);
  if (start === undefined) issue(['time', 'start'], `${config.time.start} is not a real date`);
  if (end === undefined) issue(['time', 'end'], `${config.time.end} is not a real date`);
  if (start !== undefined && end !== undefined && end < start)
    issue(['time', 'end'], `time.end (${config.time.end}) is before time.start (${config.time.start})`);
});

export type Config = z.infer<typeof configShape>;
