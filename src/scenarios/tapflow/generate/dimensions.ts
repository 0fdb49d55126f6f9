/** Builds every dimension table in dependency order: accounts → locations → devices → users → subscriptions. */

import type { Batch } from '../../../generate/batch.js';
import { finish, type Steps } from '../../../generate/steps.js';
import { type AccountModel, generateAccounts } from './accounts.js';
import type { RunContext } from './context.js';
import { type DeviceModel, generateDevices } from './devices.js';
import { healthScores } from './health.js';
import { generateLocations, type LocationModel, locationsBatch } from './locations.js';
import { generateSubscriptions } from './subscriptions.js';
import { generateUsers, type UserModel } from './users.js';

export interface Dimensions {
  readonly accounts: AccountModel;
  readonly locations: LocationModel;
  readonly devices: DeviceModel;
  readonly users: UserModel;
  readonly batches: readonly Batch[];
}

export function generateDimensions(ctx: RunContext): Dimensions {
  return finish(dimensionSteps(ctx));
}

/** `generateDimensions` in steps of well under a second each at 100x. */
export function* dimensionSteps(ctx: RunContext): Steps<Dimensions> {
  const accounts = yield* generateAccounts(ctx);
  yield;
  const locations = generateLocations(ctx, accounts, accounts.sizes);
  yield;
  const devices = yield* generateDevices(ctx, accounts, locations, accounts.sizes);
  yield;
  const users = yield* generateUsers(ctx, accounts);
  yield;
  const subscriptions = generateSubscriptions(ctx, accounts, devices);
  yield;
  // An account's MRR is the sum of its active subscriptions.
  const mrr = new Float64Array(accounts.count);
  const subAccount = subscriptions.columns.account_id as Int32Array;
  const subMrr = subscriptions.columns.mrr as Float64Array;
  const subStatus = subscriptions.columns.status as Uint8Array;
  for (let i = 0; i < subscriptions.rows; i++) if (subStatus[i] === 0) mrr[subAccount[i]! - 1]! += subMrr[i]!;
  // Health follows from behaviour (health.ts), so it is derived once devices and users exist.
  const health = healthScores(ctx.config, ctx.nowMicros, accounts, {
    devices,
    venue: locations.venue,
    users,
  }).map((h) => Math.round(h * 1000) / 1000);
  const batches = [
    { ...accounts.batch, columns: { ...accounts.batch.columns, mrr, health_score: health } },
    yield* locationsBatch(ctx, accounts, locations, devices.perLocation, devices.onlinePerLocation),
    devices.batch,
    users.batch,
    subscriptions,
  ];
  return { accounts, locations, devices, users, batches };
}
