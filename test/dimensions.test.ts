import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load.js';
import { stringAt, type Utf8Values } from '../src/generate/utf8Column.js';
import { configSchema } from '../src/scenarios/tapflow/config.js';
import { pooledMonthlyChurn } from '../src/scenarios/tapflow/generate/churn.js';
import { OPERATOR_SUFFIX } from '../src/scenarios/tapflow/generate/companyNames.js';
import { runContext } from '../src/scenarios/tapflow/generate/context.js';
import { generateDimensions } from '../src/scenarios/tapflow/generate/dimensions.js';
import { nextMonthStart, planIndex } from '../src/scenarios/tapflow/generate/subscriptions.js';

const { config } = loadConfig('config/tapflow.yaml', configSchema);
const ctx = runContext(config, 42, 1);
const dims = generateDimensions(ctx);
const batch = (name: string) => dims.batches.find((b) => b.table === name)!;
const count = <T>(xs: ArrayLike<T>, v: T) => Array.from(xs).filter((x) => x === v).length;

describe('dimensions at 1x', () => {
  it('has exactly 105/30/12/3 accounts per tier and the reconciled totals', () => {
    const tier = dims.accounts.tier;
    expect([0, 1, 2, 3].map((t) => count(tier, t))).toEqual([105, 30, 12, 3]);
    expect(dims.locations.count).toBe(800);
    expect(dims.devices.count).toBe(25_000);
    expect(dims.users.count).toBe(5_000);
    const subs = batch('subscriptions').rows;
    expect(subs).toBeGreaterThan(150);
    expect(subs).toBeLessThanOrEqual(200);
  });

  it('keeps shares near their targets', () => {
    const n = dims.devices.count;
    expect(count(dims.devices.type, 0) / n).toBeCloseTo(0.6, 1);
    expect(count(dims.devices.status, 0) / n).toBeCloseTo(0.85, 1);
    expect(count(dims.devices.status, 2) / n).toBeGreaterThan(0.04);
    expect(count(dims.users.role, 0) / dims.users.count).toBeCloseTo(0.1, 1);
    expect(count(dims.locations.region, 0) / dims.locations.count).toBeCloseTo(0.4, 1);
  });

  it('orders every time after its parent', () => {
    const { accounts, locations, devices, users } = dims;
    for (let l = 0; l < locations.count; l++) {
      expect(locations.openedAt[l]).toBeGreaterThanOrEqual(accounts.createdAt[locations.accountId[l]! - 1]!);
    }
    for (let d = 0; d < devices.count; d++) {
      expect(devices.installedAt[d]).toBeGreaterThanOrEqual(locations.openedAt[devices.locationId[d]! - 1]!);
      expect(devices.lastSeenAt[d]).toBeGreaterThanOrEqual(devices.installedAt[d]!);
      expect(devices.accountId[d]).toBe(locations.accountId[devices.locationId[d]! - 1]);
    }
    for (let u = 0; u < users.count; u++) {
      expect(users.createdAt[u]).toBeGreaterThanOrEqual(accounts.createdAt[users.accountId[u]! - 1]!);
    }
  });

  it('gives sensor_kind only to sensors and unique emails on the account domain', () => {
    const d = batch('devices');
    const valid = d.validity.sensor_kind!;
    for (let i = 0; i < d.rows; i++) expect(valid[i] === 1).toBe(dims.devices.type[i] === 1);
    const column = batch('users').columns.email!;
    const emails = Array.from({ length: batch('users').rows }, (_, i) => stringAt(column as Utf8Values, i));
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails[0]!.endsWith(`@${dims.accounts.domains[0]}`)).toBe(true);
  });

  it('prices each active account by its device count, one active plan each; none for churned', () => {
    const s = batch('subscriptions');
    const status = s.columns.status as Uint8Array;
    const account = s.columns.account_id as Int32Array;
    const plan = s.columns.plan as string[];
    const devicesPer = new Int32Array(dims.accounts.count);
    for (const a of dims.devices.accountId) devicesPer[a - 1]!++;
    for (let a = 0; a < dims.accounts.count; a++) {
      const active = Array.from(account).flatMap((x, i) => (x === a + 1 && status[i] === 0 ? [i] : []));
      const churned = !Number.isNaN(dims.accounts.churnedAt[a]!);
      expect(active.length).toBe(churned ? 0 : 1);
      if (!churned)
        expect(plan[active[0]!]).toBe(
          config.subscriptions.plans[planIndex(config.subscriptions.plans, devicesPer[a]!)]!.name,
        );
    }
  });

  it('bills every month-end by the devices installed (and not returned) by then, from the first device on', () => {
    const s = batch('subscriptions');
    const account = s.columns.account_id as Int32Array;
    const mrr = s.columns.mrr as Float64Array;
    const started = Array.from(s.columns.started_at as BigInt64Array, Number);
    const ended = Array.from(s.columns.ended_at as BigInt64Array, Number);
    const endValid = s.validity.ended_at!;
    const plans = config.subscriptions.plans;
    const installs: number[][] = Array.from({ length: dims.accounts.count }, () => []);
    const removals: number[][] = Array.from({ length: dims.accounts.count }, () => []);
    for (let d = 0; d < dims.devices.count; d++) {
      installs[dims.devices.accountId[d]! - 1]!.push(dims.devices.installedAt[d]!);
      removals[dims.devices.accountId[d]! - 1]!.push(dims.devices.removedAt[d]!);
    }
    let checked = 0;
    for (let t = nextMonthStart(ctx.startMicros); t <= ctx.nowMicros; t = nextMonthStart(t)) {
      for (let a = 0; a < dims.accounts.count; a++) {
        if (dims.accounts.churnedAt[a]! < t) continue;
        const installed = installs[a]!.filter((x) => x < t).length - removals[a]!.filter((x) => x < t).length;
        let billed = 0;
        for (let i = 0; i < s.rows; i++)
          if (account[i] === a + 1 && started[i]! < t && (!endValid[i] || ended[i]! >= t)) billed += mrr[i]!;
        expect(billed).toBe(installed ? plans[planIndex(plans, installed)]!.price : 0);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2000);
    for (let i = 0; i < s.rows; i++)
      expect(started[i]).toBeGreaterThanOrEqual(Math.min(...installs[account[i]! - 1]!));
  });

  it('churns across the history at the pooled monthly rate, and churners stop growing as they fade', () => {
    const { createdAt, churnedAt, fadeStart } = dims.accounts;
    const months: number[] = [];
    for (let m = Date.UTC(2020, 0, 1) * 1000; m < ctx.nowMicros; m = nextMonthStart(m)) months.push(m);
    const rate = pooledMonthlyChurn(Float64Array.from(months), createdAt, churnedAt, ctx.nowMicros);
    expect(rate).toBeGreaterThan(0.024);
    expect(rate).toBeLessThan(0.026);
    const years = new Set(
      Array.from(churnedAt).flatMap((c) => (Number.isNaN(c) ? [] : [new Date(c / 1000).getUTCFullYear()])),
    );
    expect(years.size).toBeGreaterThanOrEqual(4);
    let churnedDevices = 0;
    for (let d = 0; d < dims.devices.count; d++) {
      const a = dims.devices.accountId[d]! - 1;
      if (Number.isNaN(churnedAt[a]!)) continue;
      churnedDevices++;
      expect(dims.devices.installedAt[d]).toBeLessThan(fadeStart[a]!);
      expect(dims.devices.lastSeenAt[d]).toBeGreaterThanOrEqual(fadeStart[a]! - 300_000_000);
      expect(dims.devices.lastSeenAt[d]).toBeLessThanOrEqual(churnedAt[a]!);
    }
    expect(churnedDevices / dims.devices.count).toBeLessThanOrEqual(config.accounts.churn.max_device_share);
  });

  it('derives health from behaviour: mean exactly 0.75, bounded, churners lower', () => {
    const h = batch('accounts').columns.health_score as Float64Array;
    const mean = h.reduce((a, b) => a + b, 0) / h.length;
    expect(mean).toBeCloseTo(0.75, 3);
    expect(Math.min(...h)).toBeGreaterThan(0);
    expect(Math.max(...h)).toBeLessThan(1);
    const churned = Array.from(h).filter((_, a) => !Number.isNaN(dims.accounts.churnedAt[a]!));
    const active = Array.from(h).filter((_, a) => Number.isNaN(dims.accounts.churnedAt[a]!));
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(avg(active) - avg(churned)).toBeGreaterThan(0.1);
  });

  it('names accounts like venue operators: unique, an operator’s suffix, and venues after the brand', () => {
    const names = batch('accounts').columns.account_name as string[];
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(OPERATOR_SUFFIX);
    const venues = batch('locations').columns.location_name as string[];
    expect(venues[0]!.startsWith(names[0]!.replace(OPERATOR_SUFFIX, '').replace(/'s$/, ''))).toBe(true);
  });

  it('is identical when generated twice, and differs with another seed', () => {
    const again = generateDimensions(runContext(config, 42, 1));
    expect(again.batches.map((b) => b.columns)).toEqual(dims.batches.map((b) => b.columns));
    const other = generateDimensions(runContext(config, 43, 1));
    expect(other.batches[0]!.columns.account_name).not.toEqual(dims.batches[0]!.columns.account_name);
  });

  it('keeps a floor of one account per tier at tiny scales', () => {
    const tiny = generateDimensions(runContext(config, 42, 0.001));
    expect(tiny.accounts.count).toBe(4);
    expect(tiny.batches.every((b) => b.rows > 0)).toBe(true);
  });
});

describe('planIndex', () => {
  it('picks the plan by device count boundaries', () => {
    const plans = config.subscriptions.plans;
    expect([0, 9, 10, 49, 50, 199, 200, 5000].map((n) => plans[planIndex(plans, n)]!.name)).toEqual([
      'starter',
      'starter',
      'professional',
      'professional',
      'business',
      'business',
      'enterprise',
      'enterprise',
    ]);
  });
});
