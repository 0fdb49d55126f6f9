/** Builds every dimension table in dependency order: accounts → locations → devices → users → subscriptions. */
import { type AccountModel, generateAccounts } from './accounts.js';
import type { Batch } from './batch.js';
import type { RunContext } from './context.js';
import { type DeviceModel, generateDevices } from './devices.js';
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
  const accounts = generateAccounts(ctx);
  const locations = generateLocations(ctx, accounts);
  const devices = generateDevices(ctx, accounts, locations);
  const users = generateUsers(ctx, accounts);
  const batches = [
    accounts.batch,
    locationsBatch(ctx, accounts, locations, devices.perLocation, devices.onlinePerLocation),
    devices.batch,
    users.batch,
    generateSubscriptions(ctx, accounts, locations, devices),
  ];
  return { accounts, locations, devices, users, batches };
}
