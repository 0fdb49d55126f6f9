/**
 * Main thread: the spoiled run's plan. Every fact shard and dimension gets its selection (select.ts),
 * and every fact file its spoiled row count (a file every row of which is removed, a freshness gap,
 * is still generated, for its ground truth, but never written).
 */
import type { Batch } from '../generate/batch.js';
import type { FactFilePlan } from '../plan/files.js';
import { type PartitionBy, partitionValue } from '../schema/partitioning.js';
import { type ShardSpoil, selectRows } from './select.js';
import type { QualitySlots } from './slots.js';

/** A fact file of a spoiled run: `rows` are the spoiled rows, with each shard's selection. */
export interface SpoiledFilePlan extends FactFilePlan {
  readonly cleanRows: number;
  readonly partition: string;
  /** One per shard, in order. */
  readonly spoils: readonly ShardSpoil[];
}

export const isSpoiled = (file: FactFilePlan): file is SpoiledFilePlan => 'spoils' in file;

/** The selection of a dimension table's rows (a mutable one's rows keep theirs as it grows). */
export function dimensionSpoil(seed: number, slots: QualitySlots, batch: Batch): ShardSpoil {
  return selectRows(seed, batch.table, 'dimension', batch.rows, slots[batch.table]!, undefined);
}

/** `files` of one fact table with their selections and spoiled row counts. */
export function spoilFiles(
  seed: number,
  slots: QualitySlots,
  files: readonly FactFilePlan[],
  by: PartitionBy,
): SpoiledFilePlan[] {
  return files.map((file) => {
    const spoils = file.shards.map((s) =>
      selectRows(seed, file.table, `${s.day}|${s.chunk}`, s.rows, slots[file.table]!, s.day),
    );
    return {
      ...file,
      rows: spoils.reduce((a, s) => a + s.rows, 0),
      cleanRows: file.rows,
      partition: partitionValue(file.shards[0]!.day, by),
      spoils,
    };
  });
}
