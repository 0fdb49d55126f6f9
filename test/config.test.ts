import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../src/config/load.js';
import { configSchema } from '../src/scenarios/tapflow/config.js';

const text = readFileSync('config/tapflow.yaml', 'utf8');

describe('config', () => {
  it('loads the shipped design, frozen, with its sha256', () => {
    const { config, sha256 } = loadConfig('config/tapflow.yaml', configSchema);
    expect(config.accounts.count).toBe(150);
    expect(config.tap_events.rows).toBe(10_000_000);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.isFrozen(config.tap_events.hourly.bar)).toBe(true);
    expect(() => {
      (config.accounts as { count: number }).count = 1;
    }).toThrow();
  });

  it.each([
    [
      'an unknown key',
      text.replace('shard_rows:', 'shard_rowz:'),
      'c.yaml: (top level): unknown key shard_rowz',
    ],
    [
      'an out-of-range value',
      text.replace('share: 0.035 ', 'share: 0.9 '),
      /^c\.yaml: tap_events\.anomaly\.share: Too big: expected number to be <=0\.5/,
    ],
    [
      'shares that do not sum to 1',
      text.replace('roles: { admin: 0.10', 'roles: { admin: 0.20'),
      /^c\.yaml: users\.roles: shares sum to 1\.1; they must sum to 1$/,
    ],
    [
      'a range with min above max',
      text.replace('users: [2, 5]', 'users: [5, 2]'),
      /^c\.yaml: accounts\.tiers\.small\.users: range must be \[min, max\]/,
    ],
    [
      'a time range that ends before it starts',
      text.replace('end: 2025-06-25', 'end: 2019-06-25'),
      /^c\.yaml: time\.end \(2019-06-25\) is before time\.start \(2020-01-01\)$/,
    ],
    [
      'an impossible date',
      text.replace('start: 2020-01-01', 'start: 2020-02-30'),
      /^c\.yaml: time\.start: 2020-02-30 is not a real date$/,
    ],
    ['malformed YAML', 'time: [unclosed', /^c\.yaml: not valid YAML: /],
    [
      'a missing section',
      'time: { start: 2020-01-01, end: 2020-02-01 }',
      'c.yaml: shard_rows: missing (expected number)',
    ],
  ])('rejects %s with one exact line', (_what, yaml, message) => {
    expect(() => parseConfig(yaml, 'c.yaml', configSchema)).toThrow(message);
  });

  // Each set of SHARES must sum to 1 (they are used as written); WEIGHTS are relative: none negative,
  // not all zero. Before the schema said so, the first of these were silently rescaled or replaced.
  it.each([
    [
      'accounts.industries: shares sum to 1.6; they must sum to 1',
      'craft_brewing:           { share: 0.15',
      'craft_brewing:           { share: 0.75',
    ],
    [
      'accounts.tiers: shares sum to 0.9; they must sum to 1',
      'small:      { share: 0.70',
      'small:      { share: 0.60',
    ],
    [
      'accounts.industries.hospitality.venues: shares sum to 1.2; they must sum to 1',
      'hotel: 0.70, restaurant: 0.20',
      'hotel: 0.90, restaurant: 0.20',
    ],
    [
      'accounts.age: shares sum to 1.05; they must sum to 1',
      '{ share: 0.20, months: [0, 6] }',
      '{ share: 0.25, months: [0, 6] }',
    ],
    [
      'tap_events.beverages.bar: shares sum to 1.000001; they must sum to 1',
      'bar:        { beer: 0.55',
      'bar:        { beer: 0.550001',
    ],
    [
      'accounts.churn.tier_weight: every weight is 0; at least one must be positive (weights are relative)',
      'tier_weight: { small: 1.5, medium: 0.8, large: 0.1, enterprise: 0.0 }',
      'tier_weight: { small: 0, medium: 0, large: 0, enterprise: 0 }',
    ],
    [
      'feature_usage.role_weight: every weight is 0; at least one must be positive (weights are relative)',
      'role_weight: { admin: 3.0, manager: 2.0, staff: 1.0 }',
      'role_weight: { admin: 0, manager: 0, staff: 0 }',
    ],
    [
      'page_views.entry: every weight is 0; at least one must be positive (weights are relative)',
      'entry: { /dashboard: 0.70, /alerts: 0.15, /reports: 0.10, /devices/:id: 0.05 }',
      'entry: {}',
    ],
    [
      'page_views.next./billing: every weight is 0; at least one must be positive (weights are relative)',
      '/billing:            { /dashboard: 1 }',
      '/billing:            { /dashboard: 0 }',
    ],
    [
      'feature_usage.hourly: every weight is 0; at least one must be positive (weights are relative)',
      'hourly: [0, 0, 0, 0, 0, 0, 0.2, 0.8, 2.5, 4.0, 4.0, 3.5, 2.5, 3.0, 3.5, 3.0, 2.5, 1.5, 0.8, 0.5, 0.4, 0.3, 0.1, 0]',
      `hourly: [${Array(24).fill(0).join(', ')}]`,
    ],
    [
      'feature_usage.role_weight.admin: a weight cannot be negative',
      'role_weight: { admin: 3.0',
      'role_weight: { admin: -3.0',
    ],
    [
      'page_views.next./reports./reports/export: a weight cannot be negative',
      '/reports:            { /reports/export: 2',
      '/reports:            { /reports/export: -2',
    ],
  ])('refuses %s', (message, from, to) => {
    expect(text).toContain(from);
    expect(() => parseConfig(text.replace(from, to), 'c.yaml', configSchema)).toThrow(`c.yaml: ${message}`);
  });

  it('names a missing file and what to pass', () => {
    expect(() => loadConfig('nope.yaml', configSchema, [], 'config/tapflow.yaml')).toThrow(
      '--config nope.yaml: file not found; pass a YAML file like config/tapflow.yaml',
    );
  });
});
