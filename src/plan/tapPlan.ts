/**
 * Plans tap_events: the exact total is apportioned over days by expected volume (installed base ×
 * local weekday and hour profiles × season), then each day is cut into fixed-size chunks. IDs are
 * contiguous in day order, and every shard gets its own stream. Nothing here depends on worker count.
 */
import type { Config } from '../config/schema.js';
import { apportion } from '../generate/apportion.js';
import { type DeviceView, pouringDays } from '../generate/deviceView.js';
import { dayShape, GROUPS } from '../generate/profiles.js';
import { baseState, type StreamState, shardStates } from '../rng/stream.js';
import { formatIsoDay, MICROS_PER_DAY, monthOf } from '../time/calendar.js';
import type { ZoneOffsets } from '../time/zoneOffsets.js';

export interface FactShardPlan {
  readonly table: string;
  readonly index: number;
  readonly day: number;
  readonly chunk: number;
  readonly rows: number;
  readonly dayRows: number;
  readonly firstRow: number;
  readonly firstId: number;
  readonly state: StreamState;
  /** Relative to the output folder. */
  readonly path: string;
}

export interface PlanInput {
  readonly events: Config['tap_events'];
  readonly shardRows: number;
  readonly seed: number;
  readonly totalRows: number;
  readonly startDay: number;
  readonly endDay: number;
  readonly lastTickMicros: number;
  readonly offsets: ZoneOffsets;
  readonly online: number;
}

/** Expected relative volume of each day of [startDay, endDay]. */
export function expectedDailyVolume(input: PlanInput, view: DeviceView): Float64Array {
  const { startDay, endDay } = input;
  const days = endDay - startDay + 1;
  const rateDiff = new Float64Array(GROUPS * (days + 1));
  const countDiff = new Int32Array(GROUPS * (days + 1));
  for (let d = 0; d < view.count; d++) {
    if (view.rate[d] === 0) continue;
    const [first, last] = pouringDays(view, d, endDay, input.online);
    const a = Math.max(first, startDay) - startDay;
    const b = last - startDay + 1;
    if (a >= b) continue;
    const g = view.group[d]!;
    rateDiff[g * (days + 1) + a]! += view.rate[d]!;
    rateDiff[g * (days + 1) + b]! -= view.rate[d]!;
    countDiff[g * (days + 1) + a]!++;
    countDiff[g * (days + 1) + b]!--;
  }
  const rate = new Float64Array(GROUPS);
  const count = new Int32Array(GROUPS);
  const volume = new Float64Array(days);
  for (let i = 0; i < days; i++) {
    const active: number[] = [];
    for (let g = 0; g < GROUPS; g++) {
      rate[g]! += rateDiff[g * (days + 1) + i]!;
      count[g]! += countDiff[g * (days + 1) + i]!;
      if (count[g]! > 0) active.push(g);
    }
    if (!active.length) continue;
    const day = startDay + i;
    const cutoff = day === endDay ? input.lastTickMicros : (day + 1) * MICROS_PER_DAY;
    const shape = dayShape(input.events, input.offsets, day, cutoff, active);
    let v = 0;
    for (const g of active) for (let u = 0; u < 24; u++) v += rate[g]! * shape.weights[g * 24 + u]!;
    volume[i] = v * input.events.monthly[monthOf(day)]!;
  }
  return volume;
}

export function planTapEvents(input: PlanInput, view: DeviceView): FactShardPlan[] {
  const volume = expectedDailyVolume(input, view);
  const perDay = apportion(input.totalRows, volume);
  const pending: Omit<FactShardPlan, 'state' | 'index'>[] = [];
  let nextId = 1;
  for (let i = 0; i < perDay.length; i++) {
    const dayRows = perDay[i]!;
    const day = input.startDay + i;
    for (let chunk = 0, firstRow = 0; firstRow < dayRows; chunk++, firstRow += input.shardRows) {
      const rows = Math.min(input.shardRows, dayRows - firstRow);
      const path = `tap_events/event_date=${formatIsoDay(day)}/part-${String(chunk).padStart(5, '0')}.parquet`;
      pending.push({ table: 'tap_events', day, chunk, rows, dayRows, firstRow, firstId: nextId, path });
      nextId += rows;
    }
  }
  const states = shardStates(baseState(input.seed, 'tap_events'), pending.length);
  return pending.map((s, index) => ({ ...s, index, state: states[index]! }));
}

/**
 * Groups consecutive shards into worker tasks of about `targetRows` rows, so one DuckDB COPY writes
 * many small day files. The grouping depends only on the plan, never on the number of workers.
 */
export function groupTasks(shards: readonly FactShardPlan[], targetRows: number): FactShardPlan[][] {
  const tasks: FactShardPlan[][] = [];
  let current: FactShardPlan[] = [];
  let rows = 0;
  for (const shard of shards) {
    current.push(shard);
    rows += shard.rows;
    if (rows >= targetRows) {
      tasks.push(current);
      current = [];
      rows = 0;
    }
  }
  if (current.length) tasks.push(current);
  return tasks;
}

/** Rows per task: enough tasks to keep any pool busy (~64), each big enough to amortise a COPY. */
export function taskRowsFor(totalRows: number): number {
  return Math.min(500_000, Math.max(20_000, Math.ceil(totalRows / 64)));
}
