/**
 * The pack's closed vocabularies (enum members of its columns, config keys), importing nothing: the
 * tables, config and generators share them, and `gen-parquet scenarios` reads the tables without zod or
 * the generators.
 */
export const TIERS = ['small', 'medium', 'large', 'enterprise'] as const;
export const VENUES = ['restaurant', 'bar', 'hotel', 'stadium', 'brewery'] as const;
export const STADIUM_KINDS = ['ballpark', 'arena', 'football'] as const;
export const REGION_NAMES = ['Northeast', 'West Coast', 'Southeast', 'Midwest'] as const;
export const DEVICE_TYPES = ['tap_controller', 'sensor', 'gateway'] as const;
export const SENSOR_KINDS = ['temperature', 'pressure', 'flow'] as const;
export const DEVICE_STATUSES = ['online', 'offline', 'maintenance'] as const;
export const ROLES = ['admin', 'manager', 'staff'] as const;
export const BEVERAGES = ['beer', 'wine', 'cocktail', 'soda', 'cold_brew', 'kombucha'] as const;
export const ANOMALY_TYPES = [
  'temperature_high',
  'temperature_low',
  'pressure_high',
  'pressure_low',
] as const;
export const FEATURES = [
  'dashboard_view',
  'report_generated',
  'api_call',
  'alert_configured',
  'export_csv',
  'user_invited',
  'device_config_changed',
] as const;
export const PAGES = [
  '/dashboard',
  '/locations',
  '/locations/:id',
  '/devices',
  '/devices/:id',
  '/analytics/pours',
  '/analytics/anomalies',
  '/alerts',
  '/reports',
  '/reports/export',
  '/settings/alerts',
  '/settings/users',
  '/billing',
] as const;
/** External referrers a session can arrive from (config page_views.referrers, besides 'direct'). */
export const PAGE_REFERRERS = [
  'https://www.google.com/',
  'https://mail.google.com/',
  'https://app.slack.com/',
  'https://tapflow.io/blog',
] as const;
export const MAINTENANCE_TYPES = [
  'preventive',
  'line_cleaning',
  'repair',
  'calibration',
  'firmware_update',
] as const;
export type Tier = (typeof TIERS)[number];
export type Venue = (typeof VENUES)[number];
