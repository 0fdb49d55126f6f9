/** Small handmade dimension views for generator unit tests. */

import { loadConfig } from '../src/config/load.js';
import { baseState, shardStates } from '../src/rng/stream.js';
import { configSchema } from '../src/scenarios/tapflow/config.js';
import type { AccountPlans } from '../src/scenarios/tapflow/generate/accountPlans.js';
import { activeUsers } from '../src/scenarios/tapflow/generate/activeUsers.js';
import type { DeviceView } from '../src/scenarios/tapflow/generate/deviceView.js';
import { roleWeights } from '../src/scenarios/tapflow/generate/featureUsage.js';
import { groupOf } from '../src/scenarios/tapflow/generate/profiles.js';
import { assembleSchedule, Entries } from '../src/scenarios/tapflow/generate/scheduleEntries.js';
import { ALARM, PLANNED, type ServiceSchedule } from '../src/scenarios/tapflow/generate/serviceSchedule.js';
import type { UsageDays } from '../src/scenarios/tapflow/generate/usageDays.js';
import type { UserView } from '../src/scenarios/tapflow/generate/userView.js';
import { MAINTENANCE_TYPES, ROLES, VENUES } from '../src/scenarios/tapflow/vocabulary.js';
import { MICROS_PER_DAY, parseIsoDay } from '../src/time/calendar.js';
import { zoneIndex } from '../src/time/timezone.js';
import { ZoneOffsets } from '../src/time/zoneOffsets.js';

export const { config } = loadConfig('config/tapflow.yaml', configSchema);
export const endDay = parseIsoDay('2025-06-25')!;
export const day = parseIsoDay('2025-06-20')!; // a Friday
export const lastTickMicros = (endDay + 1) * MICROS_PER_DAY - 300_000_000;
export const offsets = new ZoneOffsets(day - 400, endDay);
export const [s0, s1] = shardStates(baseState(42, 'test'), 2) as [
  ReturnType<typeof shardStates>[number],
  ReturnType<typeof shardStates>[number],
];

const ny = zoneIndex('America/New_York');
const la = zoneIndex('America/Los_Angeles');
const bar = VENUES.indexOf('bar');
const stadium = VENUES.indexOf('stadium');

/** Devices: 1 and 2 online tap controllers, 3 an online sensor, 4 installed on `day`, 5 in maintenance since `day` 10:02. */
export const devices: DeviceView = {
  count: 5,
  type: Uint8Array.of(0, 0, 1, 0, 2),
  status: Uint8Array.of(0, 0, 0, 0, 2),
  venue: Uint8Array.of(bar, stadium, bar, bar, bar),
  group: Uint8Array.of(
    groupOf(ny, bar),
    groupOf(la, stadium),
    groupOf(ny, bar),
    groupOf(ny, bar),
    groupOf(ny, bar),
  ),
  locationId: Int32Array.of(1, 2, 1, 1, 1),
  accountId: Int32Array.of(1, 2, 1, 1, 1),
  installedAt: Float64Array.of(
    (day - 100) * MICROS_PER_DAY,
    (day - 10) * MICROS_PER_DAY,
    (day - 50) * MICROS_PER_DAY,
    day * MICROS_PER_DAY + 7_200_000_000,
    (day - 300) * MICROS_PER_DAY,
  ),
  lastSeenAt: Float64Array.of(
    lastTickMicros,
    lastTickMicros,
    lastTickMicros,
    lastTickMicros,
    day * MICROS_PER_DAY + 36_000_000_000,
  ),
  rate: Float64Array.of(1, 3, 0, 1, 0),
  anomalyP: Float64Array.of(0.05, 0.5, 0, 0.05, 0),
  proneness: Float64Array.of(1, 1, 1, 1, 4),
  firmware: Uint8Array.of(6, 6, 5, 6, 4),
  accountFadeStart: Float64Array.of(Number.NaN, Number.NaN),
  accountChurnedAt: Float64Array.of(Number.NaN, Number.NaN),
};

const admin = ROLES.indexOf('admin');
const staff = ROLES.indexOf('staff');
/** Users: 1 admin and 2 staff of account 1 (3 devices), 3 never logged in, 4 of churned account 2. */
export const users: UserView = {
  count: 4,
  accountId: Int32Array.of(1, 1, 1, 2),
  role: Uint8Array.of(admin, staff, staff, admin),
  createdAt: Float64Array.of(
    (day - 30) * MICROS_PER_DAY,
    (day - 5) * MICROS_PER_DAY,
    (day - 30) * MICROS_PER_DAY,
    (day - 30) * MICROS_PER_DAY,
  ),
  lastLoginAt: Float64Array.of(lastTickMicros, lastTickMicros, Number.NaN, (day - 3) * MICROS_PER_DAY),
  churnedAt: Float64Array.of(Number.NaN, Number.NaN, Number.NaN, (day - 2) * MICROS_PER_DAY),
  fadeStart: Float64Array.of(Number.NaN, Number.NaN, Number.NaN, (day - 60) * MICROS_PER_DAY),
  activity: Float64Array.of(1, 1, 1, 1),
  zone: Uint8Array.of(ny, ny, ny, la),
  accountDevices: Int32Array.of(1, 1, 1, 1),
  firstLocation: Int32Array.of(1, 1, 1, 2),
  locationCount: Int32Array.of(1, 1, 1, 1),
  firstDevice: Int32Array.of(1, 1, 1, 2),
};

const at = (d: number, hours: number) => d * MICROS_PER_DAY + hours * 3_600_000_000;
const entries = new Entries();
// Device 1: a planned line cleaning 40 days before `day`, then a wear-out alarm 20 days before
// (repair: technician the next morning, parts a week later).
entries.push(
  at(day - 50, 9),
  at(day - 40, 10),
  at(day - 40, 11),
  MAINTENANCE_TYPES.indexOf('line_cleaning'),
  PLANNED,
  5,
);
entries.push(
  at(day - 20, 13),
  at(day - 19, 9),
  at(day - 12, 15),
  MAINTENANCE_TYPES.indexOf('repair'),
  ALARM,
  5,
);
// Device 5: the open alarm that put it in maintenance (its last beat is 10:00).
entries.push(at(day, 10 + 2 / 60), at(day, 11), Number.NaN, MAINTENANCE_TYPES.indexOf('repair'), ALARM, 4);
/** Their service history: entries [first[d], first[d + 1]). */
export const schedule: ServiceSchedule = assembleSchedule(
  entries,
  Int32Array.of(0, 2, 2, 2, 2, 3),
  day - 400,
  endDay,
);

/** Account 1 is on the enterprise plan (API and exports) from 100 days before `day`; account 2 churned. */
export function plansFixture(plan = 'enterprise'): AccountPlans {
  return {
    first: Int32Array.of(0, 1, 1),
    start: Float64Array.of((day - 100) * MICROS_PER_DAY),
    end: Float64Array.of(Number.POSITIVE_INFINITY),
    plan: Uint8Array.of(config.subscriptions.plans.findIndex((p) => p.name === plan)),
    devices: Int32Array.of(400),
    apiUser: Int32Array.of(0, 3),
    apiIntensity: Float64Array.of(1, 1),
  };
}

/** Per-day quotas of the usage tables: `pages` page views and `api` API calls on `day`. */
export function usageFixture(pages: number, api: number, featureRows: number): UsageDays {
  const first = day - 400;
  const days = endDay - first + 1;
  const pageRows = new Int32Array(days);
  const apiRows = new Int32Array(days);
  const rows = new Int32Array(days);
  pageRows[day - first] = pages;
  apiRows[day - first] = api;
  rows[day - first] = featureRows;
  const sessionStates = new Int32Array(4 * days);
  for (const [i, st] of shardStates(baseState(42, 'sessions'), days).entries()) sessionStates.set(st, 4 * i);
  return { firstDay: first, pageRows, apiRows, featureRows: rows, sessionStates };
}

/** What both usage generators need to build a day's sessions. */
export function sessionFixture(plan = 'enterprise') {
  return {
    pages: config.page_views,
    usage: config.feature_usage,
    plans: config.subscriptions.plans,
    offsets,
    endDay,
    active: activeUsers(users, endDay, roleWeights(config.feature_usage)),
    fadeFloor: config.accounts.churn.fade_floor,
    accountPlans: plansFixture(plan),
    deviceInstalledAt: devices.installedAt,
    locationOpenedAt: Float64Array.of((day - 200) * MICROS_PER_DAY, (day - 20) * MICROS_PER_DAY),
    deviceLocation: devices.locationId,
    userCreatedAt: users.createdAt,
  };
}
