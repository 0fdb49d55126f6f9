/** Fact shard descriptors: the unit of generation, a function of seed, scale and config (files: files.ts). */
import { baseState, type StreamState, shardStates } from '../rng/stream.js';

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
  /** Device range, for tables sharded by device (device_heartbeats). */
  readonly deviceStart?: number;
  readonly deviceEnd?: number;
}

export type PendingShard = Omit<FactShardPlan, 'index' | 'state' | 'table'>;

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

/** Numbers shards and hands out stream states (shards with equal `stream` share one). */
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
  }));
}
