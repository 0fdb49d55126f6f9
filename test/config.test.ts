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
      /^c\.yaml: users\.roles: shares must sum to 1$/,
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

  it('names a missing file and what to pass', () => {
    expect(() => loadConfig('nope.yaml', configSchema, [], 'config/tapflow.yaml')).toThrow(
      '--config nope.yaml: file not found; pass a YAML file like config/tapflow.yaml',
    );
  });
});
