/** The per-user facts the product-usage generators need, as flat typed arrays (shared like DeviceView). */
import type { AccountModel } from './accounts.js';
import type { DeviceModel } from './devices.js';
import type { LocationModel } from './locations.js';
import type { UserModel } from './users.js';

export interface UserView {
  readonly count: number;
  readonly accountId: Int32Array;
  readonly role: Uint8Array;
  readonly createdAt: Float64Array;
  /** NaN for users who never logged in: they have no activity. */
  readonly lastLoginAt: Float64Array;
  /** When the user's account churned (NaN while active): activity stops before it. */
  readonly churnedAt: Float64Array;
  /** When the account's fade before its churn started (NaN while active): activity falls from it. */
  readonly fadeStart: Float64Array;
  /** The account's engagement multiplier of its users' chance to be active on a day. */
  readonly activity: Float64Array;
  /** Time zone (index into ZONES) of the account's first location: business hours follow it. */
  readonly zone: Uint8Array;
  /** Devices of the user's account (API traffic grows with it). */
  readonly accountDevices: Int32Array;
  /** Locations of the account: [firstLocation, firstLocation + locationCount). */
  readonly firstLocation: Int32Array;
  readonly locationCount: Int32Array;
  /** Devices of the account: [firstDevice, firstDevice + accountDevices), ids are contiguous per account. */
  readonly firstDevice: Int32Array;
}

export function userViewOf(
  accounts: AccountModel,
  locations: LocationModel,
  devices: DeviceModel,
  users: UserModel,
): UserView {
  const perAccountDevices = new Int32Array(accounts.count);
  const firstDeviceOf = new Int32Array(accounts.count).fill(0);
  for (let d = devices.count - 1; d >= 0; d--) {
    const a = devices.accountId[d]! - 1;
    perAccountDevices[a]!++;
    firstDeviceOf[a] = d + 1;
  }
  const firstLocationOf = new Int32Array(accounts.count);
  const locationsOf = new Int32Array(accounts.count);
  for (let l = locations.count - 1; l >= 0; l--) {
    const a = locations.accountId[l]! - 1;
    locationsOf[a]!++;
    firstLocationOf[a] = l + 1;
  }
  const n = users.count;
  const view: UserView = {
    count: n,
    accountId: users.accountId,
    role: users.role,
    createdAt: users.createdAt,
    lastLoginAt: users.lastLoginAt,
    churnedAt: new Float64Array(n),
    fadeStart: new Float64Array(n),
    activity: new Float64Array(n),
    zone: new Uint8Array(n),
    accountDevices: new Int32Array(n),
    firstLocation: new Int32Array(n),
    locationCount: new Int32Array(n),
    firstDevice: new Int32Array(n),
  };
  for (let u = 0; u < n; u++) {
    const a = users.accountId[u]! - 1;
    view.churnedAt[u] = accounts.churnedAt[a]!;
    view.fadeStart[u] = accounts.fadeStart[a]!;
    view.activity[u] = accounts.activity[a]!;
    view.zone[u] = locations.zone[firstLocationOf[a]! - 1]!;
    view.accountDevices[u] = perAccountDevices[a]!;
    view.firstLocation[u] = firstLocationOf[a]!;
    view.locationCount[u] = locationsOf[a]!;
    view.firstDevice[u] = firstDeviceOf[a]!;
  }
  return view;
}
