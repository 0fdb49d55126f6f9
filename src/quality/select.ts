/**
 * Which rows of a shard are spoiled, by which slot, decided on the main thread before anything is
 * generated (a spoiled file's row count must be known before it is written). A function of the seed,
 * the table, the shard's day and chunk (a dimension: the table alone) and the slots' rates: never of
 * worker count, layout, resume or how many days were generated before. Rows are chosen by geometric
 * skips, so the cost follows the number of issues, not of rows.
 */
import { baseState, Stream } from '../rng/stream.js';
import type { TableSlots } from './slots.js';

export interface ShardSpoil {
  /** Spoiled rows of the clean shard, ascending. */
  readonly positions: Int32Array;
  /** Each one's slot: an index into the table's row slots, or row slots + day slot index. */
  readonly slots: Uint16Array;
  /** A uniform draw per spoiled row, for the planted value. */
  readonly draws: Float64Array;
  /** Rows of the spoiled shard: the clean rows, less removed ones, plus added ones. */
  readonly rows: number;
}

/** The day's anomaly, if it has one: its day slot and the share of its rows. */
export function dayAnomaly(
  seed: number,
  table: string,
  day: number,
  slots: TableSlots,
): { slot: number; share: number } | undefined {
  if (!slots.day.length) return undefined;
  const s = new Stream(baseState(seed, `quality|${table}|day|${day}`), 0);
  const u = s.next();
  const v = s.next();
  let acc = 0;
  for (let i = 0; i < slots.day.length; i++) {
    const slot = slots.day[i]!;
    acc += slot.rate;
    if (u < acc) {
      const [lo, hi] = slot.share!;
      return { slot: i, share: lo + (hi - lo) * v };
    }
  }
  return undefined;
}

/**
 * The spoiled rows of a shard of `rows` rows. `key` names the shard's stream (`day|chunk` of a fact
 * shard, '' for a dimension); `day` is the shard's day for day anomalies (undefined: none).
 */
export function selectRows(
  seed: number,
  table: string,
  key: string,
  rows: number,
  slots: TableSlots,
  day: number | undefined,
): ShardSpoil {
  const rowRates = slots.row.map((s) => s.rate);
  const rowTotal = rowRates.reduce((a, r) => a + r, 0);
  const anomaly = day === undefined ? undefined : dayAnomaly(seed, table, day, slots);
  const share = anomaly?.share ?? 0;
  const total = share + (1 - share) * rowTotal;
  const positions: number[] = [];
  const chosen: number[] = [];
  const draws: number[] = [];
  let delta = 0;
  if (total > 0) {
    const state = baseState(seed, `quality|${table}|${key}`);
    const skips = new Stream(state, 0);
    const pick = new Stream(state, 1);
    const draw = new Stream(state, 2);
    const logMiss = total >= 1 ? 0 : Math.log(1 - total);
    for (let i = -1; ; ) {
      // Rows between two spoiled ones are geometric with p = total (none when every row is spoiled).
      i += 1 + (total >= 1 ? 0 : Math.floor(Math.log(1 - skips.next()) / logMiss));
      if (i >= rows) break;
      let v = pick.next() * total;
      let slot: number;
      let change: string;
      if (v < share) {
        slot = slots.row.length + anomaly!.slot;
        change = slots.day[anomaly!.slot]!.change;
      } else {
        v = (v - share) / (1 - share);
        slot = 0;
        while (slot < rowRates.length - 1 && v >= rowRates[slot]!) v -= rowRates[slot++]!;
        change = slots.row[slot]!.change;
      }
      positions.push(i);
      chosen.push(slot);
      draws.push(draw.next());
      if (change === 'added_row') delta++;
      else if (change === 'removed_row') delta--;
    }
  }
  return {
    positions: Int32Array.from(positions),
    slots: Uint16Array.from(chosen),
    draws: Float64Array.from(draws),
    rows: rows + delta,
  };
}
