import { describe, expect, it } from 'vitest';
import { groupTasks, planFiles, taskRowsFor } from '../src/plan/files.js';
import { dayShards } from '../src/plan/shards.js';
import { DEVICE_HEARTBEATS, TAP_EVENTS } from '../src/scenarios/tapflow/tables.js';
import { partitionColumn } from '../src/schema/partitioning.js';
import { parseIsoDay } from '../src/time/calendar.js';

const jan30 = parseIsoDay('2024-01-30')!;
// Rows per day from Jan 30 to Feb 2; Jan 31 is cut into two shards of at most 4 rows.
const shards = dayShards('tap_events', [3, 6, 2, 4], jan30, 4, 42, 'chunk');

describe('planFiles', () => {
  it('by day: one file per shard, part number = chunk of the day', () => {
    const files = planFiles(TAP_EVENTS, shards, 'day');
    expect(files.map((f) => [f.path, f.rows])).toEqual([
      ['tap_events/event_date=2024-01-30/part-00000.parquet', 3],
      ['tap_events/event_date=2024-01-31/part-00000.parquet', 4],
      ['tap_events/event_date=2024-01-31/part-00001.parquet', 2],
      ['tap_events/event_date=2024-02-01/part-00000.parquet', 2],
      ['tap_events/event_date=2024-02-02/part-00000.parquet', 4],
    ]);
  });

  it('by month: consecutive shards of a month in one file, in id order', () => {
    const files = planFiles(TAP_EVENTS, shards, 'month');
    expect(files.map((f) => [f.path, f.rows, f.shards.map((s) => s.firstId)])).toEqual([
      ['tap_events/event_month=2024-01/part-00000.parquet', 9, [1, 4, 8]],
      ['tap_events/event_month=2024-02/part-00000.parquet', 6, [10, 12]],
    ]);
  });

  it('by month: a full file starts the next part, never splitting a shard', () => {
    const files = planFiles(TAP_EVENTS, shards, 'month', 7);
    expect(files.map((f) => [f.path, f.rows])).toEqual([
      ['tap_events/event_month=2024-01/part-00000.parquet', 7],
      ['tap_events/event_month=2024-01/part-00001.parquet', 2],
      ['tap_events/event_month=2024-02/part-00000.parquet', 6],
    ]);
  });

  it('names the month column after the day column', () => {
    expect(partitionColumn(DEVICE_HEARTBEATS, 'day')).toBe('heartbeat_date');
    expect(partitionColumn(DEVICE_HEARTBEATS, 'month')).toBe('heartbeat_month');
    const byDay = { ...DEVICE_HEARTBEATS, partition: { column: 'order_day', source: 'order_date' } };
    expect(partitionColumn(byDay, 'day')).toBe('order_day');
    expect(partitionColumn(byDay, 'month')).toBe('order_month');
  });
});

describe('groupTasks', () => {
  it('closes a task once it reaches the target rows, keeping file order', () => {
    const files = planFiles(TAP_EVENTS, shards, 'day');
    expect(groupTasks(files, 6).map((t) => t.map((f) => f.rows))).toEqual([
      [3, 4],
      [2, 2, 4],
    ]);
  });

  it('sizes tasks between 20k and 500k rows, ~64 per table', () => {
    expect(taskRowsFor(1000)).toBe(20_000);
    expect(taskRowsFor(10_000_000)).toBe(156_250);
    expect(taskRowsFor(1e8)).toBe(160_000);
  });
});
