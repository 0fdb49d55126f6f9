/**
 * The public schema, declared once: Arrow assembly, the Parquet sink, validation and the README's data
 * dictionary all read it. Names and types follow SPEC.md; never rename or drop a listed column.
 */

import { col, enumCol, subsecond, type TableSpec } from '../../schema/tableSpec.js';
import { FIRMWARE_VERSIONS } from './generate/firmware.js';
import { MAINTENANCE_NOTES } from './generate/maintenanceNotes.js';
import { TRIGGERS as SERVICE_TRIGGERS } from './generate/serviceSchedule.js';
import {
  ANOMALY_TYPES,
  BEVERAGES,
  DEVICE_STATUSES,
  DEVICE_TYPES,
  FEATURES,
  MAINTENANCE_TYPES,
  PAGE_REFERRERS,
  PAGES,
  REGION_NAMES,
  ROLES,
  SENSOR_KINDS,
  TIERS,
  VENUES,
} from './vocabulary.js';

export const ACCOUNT_STATUSES = ['active', 'churned'] as const;
export const OPERATIONAL_STATUSES = ['operational', 'degraded', 'closed'] as const;
export const SUBSCRIPTION_STATUSES = ['active', 'ended', 'canceled'] as const;

// bytesPerRow: facts from a 1x ZSTD run (size / rows); dimensions rough (< 1 MB in all). Estimates only.
export const ACCOUNTS: TableSpec = {
  bytesPerRow: 40,
  rowsAt1x: '150 exactly (105 / 30 / 12 / 3 by tier)',
  name: 'accounts',
  entity: { name: ['account_name'], measure: 'mrr', date: 'created_at', other: 'industry' },
  kind: 'dimension',
  description: 'Customers: venue operators on a monthly subscription.',
  primaryKey: 'account_id',
  foreignKeys: [],
  columns: [
    col('account_id', 'int32', 'Primary key, 1..150 at 1x.'),
    col('account_name', 'string', 'Company name.'),
    enumCol('tier', TIERS, 'Size tier: small 70 %, medium 20 %, large 8 %, enterprise 2 %.'),
    col('industry', 'string', 'Line of business; decides the venue types of its locations.'),
    col('created_at', 'timestamp', 'When the account signed up.'),
    enumCol('status', ACCOUNT_STATUSES, 'active or churned.'),
    col('churned_at', 'timestamp', 'When the account churned; null unless churned.', true),
    col('health_score', 'float64', 'Customer health in [0, 1], normal around 0.75.'),
    col(
      'mrr',
      'decimal',
      'Monthly recurring revenue in USD: the sum of its active subscriptions (0 once churned).',
    ),
    enumCol('region', REGION_NAMES, 'Home sales region.'),
  ],
};

export const LOCATIONS: TableSpec = {
  bytesPerRow: 50,
  rowsAt1x: '800 (target; ID range 1–1000)',
  name: 'locations',
  kind: 'dimension',
  description: 'Venues where devices are installed.',
  primaryKey: 'location_id',
  foreignKeys: [{ column: 'account_id', references: 'accounts.account_id' }],
  columns: [
    col('location_id', 'int32', 'Primary key, 1..1000 at 1x.'),
    col('account_id', 'int32', 'Owning account.'),
    col('location_name', 'string', 'Venue name.'),
    enumCol('venue_type', VENUES, 'Kind of venue; shapes hourly and weekly volume.'),
    col('street', 'string', 'Street address.'),
    col('city', 'string', 'Real US city.'),
    col('state', 'string', 'Two-letter state code.'),
    col('postal_code', 'string', 'Real ZIP code of the city.'),
    enumCol('region', REGION_NAMES, 'Northeast 40 %, West Coast 25 %, Southeast 20 %, Midwest 15 %.'),
    col('latitude', 'float64', 'Degrees north.'),
    col('longitude', 'float64', 'Degrees east (negative in the US).'),
    col('timezone', 'string', 'IANA time zone; local-time patterns follow it.'),
    col('opened_at', 'timestamp', 'When the venue joined; ≥ the account’s created_at.'),
    col('device_count', 'int32', 'Number of devices at the venue (equals its rows in devices).'),
    enumCol(
      'operational_status',
      OPERATIONAL_STATUSES,
      'operational (≥ 80 % devices online), degraded, or closed (churned account).',
    ),
  ],
};

export const DEVICES: TableSpec = {
  bytesPerRow: 12,
  rowsAt1x: '25,000 (target; ID range 1–30000)',
  name: 'devices',
  kind: 'dimension',
  // Online devices' last_seen_at is the dataset's last tick.
  mutable: true,
  description: 'Tap controllers, sensors and gateways.',
  primaryKey: 'device_id',
  foreignKeys: [
    { column: 'location_id', references: 'locations.location_id' },
    { column: 'account_id', references: 'accounts.account_id' },
  ],
  columns: [
    col('device_id', 'int32', 'Primary key, 1..30000 at 1x.'),
    col('location_id', 'int32', 'Where it is installed.'),
    col('account_id', 'int32', 'Owning account (equals its location’s).'),
    enumCol('device_type', DEVICE_TYPES, 'tap_controller 60 %, sensor 30 %, gateway 10 %.'),
    enumCol('sensor_kind', SENSOR_KINDS, 'What a sensor measures; null for other types.', true),
    col('model', 'string', 'Hardware model.'),
    col('serial_number', 'string', 'TYPE-YEAR-SEQUENCE, e.g. TC-2023-004211.'),
    col('firmware_version', 'string', 'Installed firmware, newer for later installs.'),
    col('installed_at', 'timestamp', 'Installation time; ≥ the location’s opened_at.'),
    enumCol('status', DEVICE_STATUSES, 'online ~85 %, offline ~10 %, maintenance ~5 %.'),
    col('last_seen_at', 'timestamp', 'Last signal; no event of the device is later.'),
    col(
      'removed_at',
      'timestamp',
      'When the device left the contract (a venue closed while its account faded, or the churn); null while installed.',
      true,
    ),
  ],
};

export const USERS: TableSpec = {
  bytesPerRow: 40,
  rowsAt1x: '5,000 (target; ID range 1–6000)',
  name: 'users',
  kind: 'dimension',
  // Users active on the simulation's last day: last_login_at moves with the dataset's end.
  mutable: true,
  description: 'People who use the TapFlow dashboard.',
  primaryKey: 'user_id',
  foreignKeys: [{ column: 'account_id', references: 'accounts.account_id' }],
  columns: [
    col('user_id', 'int32', 'Primary key, 1..6000 at 1x.'),
    col('account_id', 'int32', 'Employer account.'),
    col('first_name', 'string', 'Given name.'),
    col('last_name', 'string', 'Family name.'),
    col('email', 'string', 'Unique, on the account’s domain.'),
    enumCol('role', ROLES, 'admin 10 %, manager 30 %, staff 60 %.'),
    col('created_at', 'timestamp', 'When the user was invited; ≥ the account’s created_at.'),
    col('last_login_at', 'timestamp', 'Most recent login; null if never logged in.', true),
  ],
};

export const SUBSCRIPTIONS: TableSpec = {
  bytesPerRow: 30,
  rowsAt1x: '~175 (history; ID range 1–200)',
  name: 'subscriptions',
  kind: 'dimension',
  description:
    'Subscription history, billed monthly on the devices installed by each month’s end, from the first device on.',
  primaryKey: 'subscription_id',
  foreignKeys: [{ column: 'account_id', references: 'accounts.account_id' }],
  columns: [
    col('subscription_id', 'int32', 'Primary key, 1..200 at 1x.'),
    col('account_id', 'int32', 'Subscriber.'),
    col('plan', 'string', 'starter <10 devices, professional 10–49, business 50–199, enterprise 200+.'),
    col('mrr', 'decimal', 'Monthly recurring revenue in USD, DECIMAL(10,2).'),
    col('device_count', 'int32', 'Devices installed when the plan ended (or now, while active).'),
    col(
      'started_at',
      'timestamp',
      'Start of this plan: the first device’s installation, or the 1st of the month that needed it.',
    ),
    col('ended_at', 'timestamp', 'End of this plan; null while active.', true),
    enumCol('status', SUBSCRIPTION_STATUSES, 'active, ended (upgraded) or canceled (churned).'),
  ],
};

export const TAP_EVENTS: TableSpec = {
  bytesPerRow: 16.7,
  rowsAt1x: '10,000,000 exactly',
  name: 'tap_events',
  kind: 'fact',
  description: 'Every pour from every tap controller.',
  primaryKey: 'event_id',
  sequence: { column: 'event_id', time: 'event_ts' },
  partition: { column: 'event_date', source: 'event_ts' },
  foreignKeys: [
    { column: 'device_id', references: 'devices.device_id' },
    { column: 'location_id', references: 'locations.location_id' },
    { column: 'account_id', references: 'accounts.account_id' },
  ],
  columns: [
    col('event_id', 'int64', '1..N, ascending with event_ts.'),
    subsecond(col('event_ts', 'timestamp', 'When the pour started (UTC).')),
    col('device_id', 'int32', 'The tap controller.'),
    col('location_id', 'int32', 'The device’s location.'),
    col('account_id', 'int32', 'The device’s account.'),
    enumCol(
      'beverage_type',
      BEVERAGES,
      'The beverage on the tap’s line that day (one at a time, from the venue’s menu, changing at keg changes and seasons).',
    ),
    col('volume_ml', 'float64', 'Poured volume, 20–200 ml.'),
    col('duration_ms', 'int32', 'Pour duration; volume over the beverage’s flow rate.'),
    col('temperature_c', 'float64', 'Line temperature, 2–6 °C unless anomalous.'),
    col('pressure_psi', 'float64', 'Line pressure, 10–15 psi unless anomalous.'),
    col('is_anomaly', 'bool', 'Temperature or pressure out of range.'),
    enumCol('anomaly_type', ANOMALY_TYPES, 'What was out of range; null unless is_anomaly.', true),
  ],
};

export const PLATFORMS = ['web', 'mobile', 'api'] as const;
export const HEARTBEAT_STATUSES = ['ok', 'degraded'] as const;

export const FEATURE_USAGE: TableSpec = {
  bytesPerRow: 13.2,
  rowsAt1x: '1,000,000 exactly',
  name: 'feature_usage',
  kind: 'fact',
  description:
    'Product analytics: each use of a dashboard feature, in a page_views session, and API calls by integrations.',
  primaryKey: 'usage_id',
  sequence: { column: 'usage_id', time: 'used_at' },
  partition: { column: 'usage_date', source: 'used_at' },
  foreignKeys: [
    { column: 'user_id', references: 'users.user_id' },
    { column: 'account_id', references: 'accounts.account_id' },
    { column: 'location_id', references: 'locations.location_id' },
  ],
  columns: [
    col('usage_id', 'int64', '1..N, ascending with used_at.'),
    subsecond(col('used_at', 'timestamp', 'When the feature was used (UTC); local business hours.')),
    col('user_id', 'int32', 'Who used it; only after the user was created and up to their last login.'),
    col('account_id', 'int32', 'The user’s account; never after it churned.'),
    enumCol(
      'feature',
      FEATURES,
      'What was used, on a page of the session (dashboard_view mostly 2–10 per active user-day; reports more on Mondays and the 1st); api_call: machine traffic of accounts whose plan has API access, by device count.',
    ),
    enumCol('role', ROLES, 'The user’s role (admins and managers use more features).'),
    enumCol('platform', PLATFORMS, 'web, mobile, or api for API calls.'),
    col(
      'location_id',
      'int32',
      'The location a configuration change or alert concerned; null otherwise.',
      true,
    ),
    col('duration_ms', 'int32', 'Time spent, within its page view (API calls: latency).'),
    col(
      'session_id',
      'int64',
      'The page_views session it happened in (on one of its pages, during the view); null for API calls.',
      true,
    ),
  ],
};

export const PAGE_VIEWS: TableSpec = {
  bytesPerRow: 16.9,
  rowsAt1x: '2,000,000 exactly',
  name: 'page_views',
  kind: 'fact',
  description: 'Dashboard web sessions: one user’s ordered page views, seconds to minutes apart.',
  primaryKey: 'page_view_id',
  sequence: { column: 'page_view_id', time: 'viewed_at' },
  partition: { column: 'view_date', source: 'viewed_at' },
  foreignKeys: [
    { column: 'user_id', references: 'users.user_id' },
    { column: 'account_id', references: 'accounts.account_id' },
  ],
  columns: [
    col('page_view_id', 'int64', '1..N, ascending with viewed_at.'),
    subsecond(col('viewed_at', 'timestamp', 'When the page was opened (UTC).')),
    col(
      'session_id',
      'int64',
      'Session: day number × 1,000,000 + sequence; all views of one user, in order.',
    ),
    col('session_seq', 'int32', 'Position of the view in its session, from 1.'),
    col('user_id', 'int32', 'The viewer.'),
    col('account_id', 'int32', 'The viewer’s account.'),
    enumCol('page_path', PAGES, 'Route template of the page.'),
    col(
      'entity_id',
      'int32',
      'Device or location id for detail pages (/devices/:id, /locations/:id), installed or opened by then; null otherwise.',
      true,
    ),
    enumCol(
      'referrer',
      [...PAGE_REFERRERS, ...PAGES],
      'External site for a session’s first view, null when direct; later views: the previous page.',
      true,
    ),
    col(
      'duration_ms',
      'int32',
      'Time on the page: lognormal around the page’s own median, longer for admins.',
    ),
  ],
};

export const DEVICE_HEARTBEATS: TableSpec = {
  bytesPerRow: 4.5,
  rowsAt1x: '~6.1 million (288 per online device-day, over the last day)',
  name: 'device_heartbeats',
  kind: 'fact',
  // The last days' beats: each append's window replaces the previous one.
  mutable: true,
  description: 'Every 5 minutes, each reporting device’s health; a device’s last beat is its last_seen_at.',
  primaryKey: 'device_id, heartbeat_ts',
  partition: { column: 'heartbeat_date', source: 'heartbeat_ts' },
  foreignKeys: [
    { column: 'device_id', references: 'devices.device_id' },
    { column: 'location_id', references: 'locations.location_id' },
    { column: 'account_id', references: 'accounts.account_id' },
  ],
  columns: [
    col('device_id', 'int32', 'The device.'),
    col('heartbeat_ts', 'timestamp', 'On the 5-minute grid (UTC).'),
    col('location_id', 'int32', 'The device’s location.'),
    col('account_id', 'int32', 'The device’s account.'),
    enumCol('status', HEARTBEAT_STATUSES, 'ok, or degraded when the signal is below −85 dBm.'),
    col('signal_dbm', 'float64', 'Signal strength; drifts slowly around −67 dBm.'),
    col('uptime_s', 'int32', 'Seconds since the last reboot.'),
    enumCol('firmware_version', FIRMWARE_VERSIONS, 'Firmware reported (as in devices).'),
  ],
};

export const DEVICE_MAINTENANCE: TableSpec = {
  bytesPerRow: 66,
  rowsAt1x: '~2 per device-year installed (~72,000)',
  name: 'device_maintenance',
  kind: 'fact',
  description:
    'Work orders from every device’s service history: planned visits, wear-out alarms (the device is out of service until resolved), over-the-air firmware updates; devices in maintenance have the open one.',
  primaryKey: 'maintenance_id',
  sequence: { column: 'maintenance_id', time: 'performed_at' },
  partition: { column: 'performed_date', source: 'performed_at' },
  foreignKeys: [
    { column: 'device_id', references: 'devices.device_id' },
    { column: 'location_id', references: 'locations.location_id' },
    { column: 'account_id', references: 'accounts.account_id' },
  ],
  columns: [
    col('maintenance_id', 'int64', '1..N, ascending with performed_at.'),
    col('device_id', 'int32', 'The device.'),
    col('location_id', 'int32', 'The device’s location.'),
    col('account_id', 'int32', 'The device’s account.'),
    col(
      'reported_at',
      'timestamp',
      'When the need was raised: the alarm (the device left service then), or the booking of a planned visit.',
    ),
    col('performed_at', 'timestamp', 'When the work started; after installation, ≥ reported_at.'),
    enumCol(
      'maintenance_type',
      MAINTENANCE_TYPES,
      'preventive, line_cleaning, repair, calibration or firmware_update.',
    ),
    enumCol(
      'trigger',
      SERVICE_TRIGGERS,
      'planned (booked visit, working hours), alarm (wear-out: out of service from reported_at until resolved; technician in working hours), emergency (an alarm answered by a callout, any hour), remote (over the air, at night).',
    ),
    col(
      'resolved_at',
      'timestamp',
      'When the device was back in service (≥ performed_at); null while the work is open.',
      true,
    ),
    enumCol(
      'notes',
      MAINTENANCE_NOTES,
      'Technician’s note: what was found and done, fitting the type, the device and the trigger.',
    ),
    enumCol(
      'firmware_version',
      FIRMWARE_VERSIONS,
      'The release a firmware update installed (heartbeats report it from then on); null for other work.',
      true,
    ),
  ],
};

export const TABLES: readonly TableSpec[] = [
  ACCOUNTS,
  LOCATIONS,
  DEVICES,
  USERS,
  SUBSCRIPTIONS,
  TAP_EVENTS,
  FEATURE_USAGE,
  PAGE_VIEWS,
  DEVICE_HEARTBEATS,
  DEVICE_MAINTENANCE,
];
