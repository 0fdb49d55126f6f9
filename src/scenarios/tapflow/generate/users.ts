/** Users: counts per account reconciled to the target, an admin first, names and unique emails. */

import { en, Faker } from '@faker-js/faker';
import { reconcileCounts } from '../../../generate/apportion.js';
import { type Batch, int64Column, validityOfNaN } from '../../../generate/batch.js';
import { FAKER_BLOCK_ROWS, FAKER_ROWS_PER_STEP, type Steps } from '../../../generate/steps.js';
import { Utf8Column } from '../../../generate/utf8Column.js';
import { baseState, Stream } from '../../../rng/stream.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import { ROLES, TIERS } from '../vocabulary.js';
import type { AccountModel } from './accounts.js';
import { type RunContext, scaled } from './context.js';
import { delayWithin, exponentialWithin } from './fit.js';

const SECOND = 1_000_000;
const ADMIN = ROLES.indexOf('admin');
const MANAGER = ROLES.indexOf('manager');
const STAFF = ROLES.indexOf('staff');

export interface UserModel {
  readonly count: number;
  readonly accountId: Int32Array;
  readonly role: Uint8Array;
  readonly createdAt: Float64Array;
  /** NaN for users who never logged in. */
  readonly lastLoginAt: Float64Array;
  readonly batch: Batch;
}

function emailPart(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z]+/g, '');
}

export function* generateUsers(ctx: RunContext, accounts: AccountModel): Steps<UserModel> {
  const cfg = ctx.config.users;
  const base = baseState(ctx.seed, 'users');
  const s = {
    count: new Stream(base, 0),
    role: new Stream(base, 1),
    time: new Stream(base, 2),
    login: new Stream(base, 3),
  };
  const raw = new Int32Array(accounts.count);
  for (let a = 0; a < accounts.count; a++) {
    const [lo, hi] = ctx.config.accounts.tiers[TIERS[accounts.tier[a]!]!].users;
    raw[a] = s.count.int(lo, hi);
  }
  const total = Math.min(
    scaled(cfg.target, ctx.scale, accounts.count),
    scaled(cfg.id_max, ctx.scale, accounts.count),
  );
  const perAccount = reconcileCounts(total, raw);
  // Every account's first user is an admin; the other users' role odds make up the overall shares.
  const others = Math.max(1, total - accounts.count);
  const pAdmin = Math.max(0, cfg.roles.admin * total - accounts.count) / others;
  const pManager = (cfg.roles.manager * total) / others;

  const accountId = new Int32Array(total);
  const role = new Uint8Array(total);
  const createdAt = new Float64Array(total);
  const lastLogin = new Float64Array(total);
  // Off the JS heap: 5M users' strings at 1000x would crowd it.
  const first = new Utf8Column(total);
  const last = new Utf8Column(total);
  const email = new Utf8Column(total);
  const faker = new Faker({ locale: [en] });
  for (let a = 0, u = 0, step = FAKER_ROWS_PER_STEP; a < accounts.count; a++) {
    if (u >= step) {
      step += FAKER_ROWS_PER_STEP;
      yield;
    }
    const created = accounts.createdAt[a]!;
    const churned = accounts.churnedAt[a]!;
    const end = Number.isNaN(churned) ? ctx.lastTickMicros : churned;
    // Invitations fit between the account's creation and the end of its growth (no clamping).
    const room = accounts.growthEnd[a]! - created;
    const used = new Set<string>();
    for (let k = 0; k < perAccount[a]!; k++, u++) {
      accountId[u] = a + 1;
      const r = s.role.next();
      role[u] = k === 0 ? ADMIN : r < pAdmin ? ADMIN : r < pAdmin + pManager ? MANAGER : STAFF;
      const uWhen = s.time.next();
      const uLater = s.time.next();
      const [c0, c1] = cfg.created_days;
      const at =
        k > 0 && uLater < cfg.later_share
          ? created + uWhen * room
          : created +
            (k === 0
              ? delayWithin(0, MICROS_PER_DAY, room, uWhen)
              : delayWithin(c0 * MICROS_PER_DAY, c1 * MICROS_PER_DAY, room, uWhen));
      createdAt[u] = Math.floor(at / SECOND) * SECOND;

      const never = s.login.next() < cfg.never_logged_in && k > 0;
      // Days since the last login: exponential, mean 3 (a fading account's users drift away: a third
      // of the fade), truncated to the user's life.
      const mean = Number.isNaN(churned) ? 3 * MICROS_PER_DAY : (churned - accounts.fadeStart[a]!) / 3;
      const recency = exponentialWithin(mean, end - createdAt[u]!, s.login.next());
      lastLogin[u] = never ? Number.NaN : Math.floor((end - recency) / SECOND) * SECOND;

      if (u % FAKER_BLOCK_ROWS === 0) faker.seed([ctx.seed, 4, u / FAKER_BLOCK_ROWS + 1]);
      const firstName = faker.person.firstName();
      const lastName = faker.person.lastName();
      first.push(firstName);
      last.push(lastName);
      const local = `${emailPart(firstName)}.${emailPart(lastName)}`;
      let candidate = local;
      for (let n = 2; used.has(candidate); n++) candidate = `${local}${n}`;
      used.add(candidate);
      email.push(`${candidate}@${accounts.domains[a]}`);
    }
  }
  const ids = new Int32Array(total);
  for (let u = 0; u < total; u++) ids[u] = u + 1;
  const batch: Batch = {
    table: 'users',
    rows: total,
    columns: {
      user_id: ids,
      account_id: accountId,
      first_name: first.values(),
      last_name: last.values(),
      email: email.values(),
      role,
      created_at: int64Column(createdAt),
      last_login_at: int64Column(lastLogin),
    },
    validity: { last_login_at: validityOfNaN(lastLogin) },
  };
  return { count: total, accountId, role, createdAt, lastLoginAt: lastLogin, batch };
}
