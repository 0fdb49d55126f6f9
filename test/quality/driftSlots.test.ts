/** Drift and the time kinds on small inputs: how a profile resolves, what it refuses, the planted local time. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTimestamp, parseTimestamp } from '../../src/quality/cells.js';
import { driftsAt, versionAt } from '../../src/quality/drift.js';
import { plantValue } from '../../src/quality/plant.js';
import { resolveProfile } from '../../src/quality/profile.js';
import { resolveSlots } from '../../src/quality/slots.js';
import { findScenario } from '../../src/scenarios/registry.js';
import { parseIsoDay } from '../../src/time/calendar.js';

const ecommerce = findScenario('ecommerce');
const dir = mkdtempSync(join(tmpdir(), 'gen-parquet-drift-slots-'));
const slotsOf = (yaml: string) => {
  const path = join(dir, `p${Math.abs(yaml.length)}.yaml`);
  writeFileSync(path, yaml);
  return resolveSlots(resolveProfile(path, {}), ecommerce.tables, '2023-06-01', 42);
};
const refusal = (yaml: string) => {
  try {
    slotsOf(yaml);
  } catch (err) {
    expect((err as Error).name).toBe('UsageError');
    expect((err as Error).message).not.toContain('\n');
    return (err as Error).message;
  }
  return '';
};

describe('evolving', () => {
  const slots = resolveSlots(resolveProfile('evolving', {}), ecommerce.tables, '2023-06-01', 42);

  it('drifts every partitioned table on days 7, 14 and 21, and no dimension', () => {
    expect(slots.orders!.drift).toEqual([
      {
        kind: 'column_retyped',
        type: 'column_retyped',
        column: 'ordered_at',
        name: 'ordered_at',
        day: parseIsoDay('2023-06-22'),
      },
      {
        kind: 'column_added',
        type: 'column_added',
        column: 'ordered_at',
        name: 'ordered_at_utc',
        day: parseIsoDay('2023-06-08'),
      },
      {
        kind: 'column_renamed',
        type: 'column_renamed',
        column: 'status',
        name: 'status_v2',
        day: parseIsoDay('2023-06-15'),
      },
    ]);
    expect(slots.customers!.drift).toEqual([]);
    expect(slots.orders!.versionDays).toEqual(
      ['2023-06-08', '2023-06-15', '2023-06-22'].map((d) => parseIsoDay(d)),
    );
    const at = (d: string) => parseIsoDay(d)!;
    expect([versionAt(slots.orders!, at('2023-06-07')), versionAt(slots.orders!, at('2023-06-08'))]).toEqual([
      1, 2,
    ]);
    expect(versionAt(slots.orders!, at('2023-06-30'))).toBe(4);
    expect(versionAt(slots.customers!, undefined)).toBe(1);
    expect(driftsAt(slots.orders!, at('2023-06-15')).map((d) => d.type)).toEqual([
      'column_added',
      'column_renamed',
    ]);
  });

  it('drops children through foreign keys to a fact table only, and swaps sequence ids', () => {
    expect(slots.order_items!.children.map((c) => `${c.column}→${c.parent}`)).toEqual([
      'order_id→orders.order_id',
    ]);
    expect(slots.orders!.children.map((c) => c.column)).toEqual(['session_id']);
    expect(slots.orders!.row.filter((s) => s.type === 'out_of_order').map((s) => s.column)).toEqual([
      'order_id',
    ]);
  });
});

describe('a drift profile is checked, in one line', () => {
  it('refuses a rate, a retyped column that is no time, a name already taken, a drift twice on a column', () => {
    expect(refusal('kinds:\n  column_added: { rate: 0.1 }\n')).toMatch(
      /kinds\.column_added: schema drift has no rate; accepted: after_days/,
    );
    expect(refusal('kinds:\n  column_retyped: { columns: [orders.subtotal] }\n')).toMatch(
      /column_retyped delivers a timestamp or date as text; orders\.subtotal is decimal/,
    );
    expect(refusal('kinds:\n  column_added: { tables: [orders], name: status }\n')).toMatch(
      /orders already has a column status/,
    );
    expect(
      refusal(
        'kinds:\n  column_retyped: { tables: [orders] }\n  column_renamed: { columns: [orders.ordered_at] }\n',
      ),
    ).toMatch(/orders\.ordered_at drifts twice/);
    expect(refusal('kinds:\n  missing: { after_days: 3 }\n')).toMatch(/kinds\.missing: rate: required/);
  });
});

describe('local_time', () => {
  it('writes the New York wall clock as UTC: 4 hours early in summer, 5 in winter', () => {
    const column = ecommerce.tables
      .find((t) => t.name === 'orders')!
      .columns.find((c) => c.name === 'ordered_at')!;
    const slot = {
      kind: 'local_time',
      type: 'local_time',
      change: 'value',
      rate: 1,
      column: 'ordered_at',
    } as const;
    const planted = (utc: string) =>
      formatTimestamp(plantValue(slot, column, parseTimestamp(utc)!, 0.5, () => null) as number);
    expect(planted('2023-06-30 12:00:00')).toBe('2023-06-30 08:00:00+00');
    expect(planted('2023-01-15 03:30:00')).toBe('2023-01-14 22:30:00+00');
  });
});
