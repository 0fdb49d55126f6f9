/**
 * Clickstream shards: each is whole quarter hours of one day, up to shard_rows events (a quarter
 * hour is never split), with the ids of the events before it. A shard regenerates the sessions
 * that can reach into its quarter hours and keeps their events inside them.
 */
import { type FactShardPlan, type PendingShard, withStreams } from '../../../plan/shards.js';
import { BUCKETS_PER_DAY } from './sessionPlan.js';

export function clickstreamShards(
  buckets: Int32Array,
  startDay: number,
  days: number,
  shardRows: number,
  seed: number,
): FactShardPlan[] {
  const pending: (PendingShard & { stream: number })[] = [];
  let nextId = 1;
  for (let i = 0; i < days; i++) {
    let dayRows = 0;
    for (let b = 0; b < BUCKETS_PER_DAY; b++) dayRows += buckets[i * BUCKETS_PER_DAY + b]!;
    let firstRow = 0;
    let rows = 0;
    let chunk = 0;
    const flush = () => {
      if (!rows) return;
      pending.push({
        day: startDay + i,
        chunk: chunk++,
        rows,
        dayRows,
        firstRow,
        firstId: nextId,
        stream: pending.length,
      });
      nextId += rows;
      firstRow += rows;
      rows = 0;
    };
    for (let b = 0; b < BUCKETS_PER_DAY; b++) {
      const n = buckets[i * BUCKETS_PER_DAY + b]!;
      if (rows > 0 && rows + n > shardRows) flush();
      rows += n;
    }
    flush();
  }
  return withStreams('clickstream_events', pending, seed);
}

/** The quarter hours [from, to) of a clickstream shard, from its rows within the day. */
export function bucketsOf(
  buckets: Int32Array,
  dayIndex: number,
  firstRow: number,
  rows: number,
): [number, number] {
  const base = dayIndex * BUCKETS_PER_DAY;
  let b = 0;
  let seen = 0;
  while (seen < firstRow) seen += buckets[base + b++]!;
  const from = b;
  while (seen < firstRow + rows) seen += buckets[base + b++]!;
  // Trailing empty quarter hours belong to the shard too (they hold nothing).
  return [from, b];
}
