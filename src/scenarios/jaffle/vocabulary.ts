/**
 * The pack's closed vocabularies (enum members of its columns, config keys), importing nothing: the
 * tables, config and generators share them, and `gen-parquet scenarios` reads the tables without zod or
 * the generators.
 */
export const PLATFORMS = ['google', 'facebook', 'instagram'] as const;
/** Ad id prefixes, by platform: g1, f1, i1. */
export const AD_PREFIX = ['g', 'f', 'i'] as const;
export const MEDIA = ['paid_search', 'cpc', 'social', 'display', 'video', 'shopping'] as const;
export const CHANNELS = ['website', 'app'] as const;
export const WEBSITE = 0;
export const APP = 1;
export const STATUSES = ['placed', 'shipped', 'completed', 'return_pending', 'returned'] as const;
export const PAYMENT_METHODS = ['credit_card', 'bank_transfer', 'coupon', 'gift_card'] as const;
export const KINDS = ['regular', 'occasional', 'one_off'] as const;
export type Platform = (typeof PLATFORMS)[number];
/** utm_source members of each session table (contract: website → google/facebook, app → facebook/instagram). */
export const CHANNEL_SOURCES: readonly (readonly Platform[])[] = [
  ['google', 'facebook'],
  ['facebook', 'instagram'],
];
