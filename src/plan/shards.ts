/** Fact shard descriptors: the unit of work and of output (one file each), a function of seed, scale and config. */
import { baseState, type StreamState, shardStates } from '../rng/stream.js';
import { tableSpec } from '../schema/tables.js';
import { formatIsoDay } from '../time/calendar.js';

export interface FactShardPlan {
  readonly table: string;
  readonly index: number;
  readonly day: number;
  readonly chunk: number;
  readonly rows: number;
  /** Rows of the whole day, and where this shard starts in it. */
  readonly dayRows: number;
  readonly firstRow: number;
  /** Sequence id of the first row (1 for tables without a sequence). */
  readonly firstId: number;
  readonly state: StreamState;
  /** Relative to the output folder. */
  readonly path: string;
  /** Device range, for tables sharded by device (device_heartbeats). */
  readonly deviceStart?: number;
  readonly deviceEnd?: number;
}

export type PendingShard = Omit<FactShardPlan, 'index' | 'state' | 'path' | 'table'>;

export function shardPath(table: string, day: number, chunk: number): string {
  const partition = tableSpec(table).partition!.column;
  return `${table}/${partition}=${formatIsoDay(day)}/part-${String(chunk).padStart(5, '0')}.parquet`;
}

/**
 * Cuts per-day row counts into chunks of at most `shardRows`, with contiguous ids in day order.
 * `streams: 'chunk'` gives every chunk its own stream (generators that can start mid-day);
 * `'day'` gives all chunks of a day the day's stream (generators that build a whole day, then slice).
 */
export function dayShards(
  table: string,
  perDay: ArrayLike<number>,
  firstDay: number,
  shardRows: number,
  seed: number,
  streams: 'chunk' | 'day',
): FactShardPlan[] {
  const pending: (PendingShard & { stream: number })[] = [];
  let nextId = 1;
  let stream = 0;
  for (let i = 0; i < perDay.length; i++) {
    const dayRows = perDay[i]!;
    if (dayRows === 0) continue;
    for (let chunk = 0, firstRow = 0; firstRow < dayRows; chunk++, firstRow += shardRows) {
      const rows = Math.min(shardRows, dayRows - firstRow);
      pending.push({ day: firstDay + i, chunk, rows, dayRows, firstRow, firstId: nextId, stream });
      nextId += rows;
      if (streams === 'chunk') stream++;
    }
    if (streams === 'day') stream++;
  }
  return withStreams(table, pending, seed);
}

/** Numbers shards, names their files and hands out stream states (shards with equal `stream` share one). */
export function withStreams(
  table: string,
  pending: readonly (PendingShard & { stream: number })[],
  seed: number,
): FactShardPlan[] {
  const count = pending.length ? pending[pending.length - 1]!.stream + 1 : 0;
  const states = shardStates(baseState(seed, table), count);
  return pending.map(({ stream, ...s }, index) => ({
    ...s,
    table,
    index,
    state: states[stream]!,
    path: shardPath(table, s.day, s.chunk),
  }));
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
