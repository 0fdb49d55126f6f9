/**
 * The pack's closed vocabularies (enum members of its columns, config keys), importing nothing: the
 * tables, config and generators share them, and `gen-parquet scenarios` reads the tables without zod or
 * the generators.
 */
export const DEVICES = ['desktop', 'mobile', 'tablet'] as const;
export const SOURCES = [
  'organic_search',
  'paid_search',
  'direct',
  'email',
  'social',
  'paid_social',
  'referral',
  'affiliate',
  'display',
] as const;
/** Sources bought per click or impression: only their sessions carry a utm_campaign. */
export const PAID_SOURCES: readonly Source[] = ['paid_search', 'paid_social', 'affiliate', 'display'];
export const CHANNELS = ['web', 'app', 'phone', 'marketplace'] as const;
export const OFFLINE_CHANNELS = ['app', 'phone', 'marketplace'] as const;
/** Index of `web` in CHANNELS: the channel of orders placed in a session. */
export const WEB = 0;
export const ACQUISITION = [
  'organic_search',
  'paid_search',
  'paid_social',
  'social',
  'referral',
  'affiliate',
  'direct',
  'marketplace',
] as const;
export const GENDERS = ['female', 'male', 'non_binary', 'undisclosed'] as const;
/** Values of customers.segment. */
export const SEGMENTS = ['new', 'one_time', 'regular', 'vip', 'inactive'] as const;
export const PAYMENT_METHODS = [
  'credit_card',
  'debit_card',
  'paypal',
  'apple_pay',
  'google_pay',
  'klarna',
  'gift_card',
  'marketplace_pay',
] as const;
/** How far a session that does not buy gets. */
export const FUNNEL_STEPS = ['bounce', 'browse', 'product', 'cart', 'checkout'] as const;
export type Device = (typeof DEVICES)[number];
export type Source = (typeof SOURCES)[number];
export type Channel = (typeof CHANNELS)[number];
export const CATEGORIES = [
  'electronics',
  'apparel',
  'shoes',
  'home_kitchen',
  'beauty',
  'sports_outdoors',
  'books',
  'toys_games',
  'grocery',
  'pet_supplies',
] as const;
export type Category = (typeof CATEGORIES)[number];
export const CAMPAIGNS = [
  'brand_search',
  'generic_search',
  'shopping_feed',
  'prospecting',
  'retargeting',
  'lookalike_buyers',
  'affiliate_coupons',
  'affiliate_content',
  'display_retargeting',
  'display_awareness',
  'black_friday',
  'holiday_gifts',
  'summer_sale',
  'back_to_school',
  'new_year',
] as const;
export const ORDER_STATUSES = ['placed', 'paid', 'shipped', 'delivered', 'canceled', 'returned'] as const;
export const COUPONS = ['SAVE10', 'WELCOME10', 'EMAIL10', 'APP10', 'PHONE10'] as const;
export const EVENT_TYPES = [
  'page_view',
  'search',
  'product_view',
  'add_to_cart',
  'remove_from_cart',
  'begin_checkout',
  'purchase',
] as const;
export const MOVEMENT_TYPES = ['restock', 'sale', 'return', 'adjustment', 'damage'] as const;
export const OPERATING_SYSTEMS = [
  'Windows',
  'macOS',
  'Linux',
  'ChromeOS',
  'iOS',
  'Android',
  'iPadOS',
] as const;
export const BROWSERS = ['Chrome', 'Safari', 'Edge', 'Firefox', 'Samsung Internet'] as const;
