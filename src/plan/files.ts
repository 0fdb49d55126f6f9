/**
 * Output files of a fact table: which shards go into which file, under which Hive partition. The
 * shards (and so the rows) never depend on the layout; a file is consecutive shards of one partition.
 */
import { type PartitionBy, partitionColumn, partitionValue } from '../schema/partitioning.js';
import type { TableSpec } from '../schema/tableSpec.js';
import type { FactShardPlan } from './shards.js';

/**
 * Most rows in one month file: a file's shards are all in a worker's memory while DuckDB writes it
 * (~100 bytes a row), so this caps memory whatever the scale. 1x months hold ~160k tap events.
 */
export const MONTH_FILE_ROWS = 1_000_000;

export interface FactFilePlan {
  readonly table: string;
  /** Relative to the output folder. */
  readonly path: string;
  readonly rows: number;
  /** In row order: ids ascend through them. */
  readonly shards: readonly FactShardPlan[];
}

function filePath(table: TableSpec, by: PartitionBy, value: string, part: number): string {
  return `${table.name}/${partitionColumn(table, by)}=${value}/part-${String(part).padStart(5, '0')}.parquet`;
}

/**
 * Day: one file per shard (`part-NNNNN` = the shard's chunk of the day). Month: a month's shards in
 * order, cut into files of at most MONTH_FILE_ROWS rows (a shard is never split).
 */
export function planFiles(
  spec: TableSpec,
  shards: readonly FactShardPlan[],
  by: PartitionBy,
  maxRows = MONTH_FILE_ROWS,
): FactFilePlan[] {
  const table = spec.name;
  if (by === 'day') {
    return shards.map((s) => ({
      table,
      path: filePath(spec, by, partitionValue(s.day, by), s.chunk),
      rows: s.rows,
      shards: [s],
    }));
  }
  const files: FactFilePlan[] = [];
  let current: FactShardPlan[] = [];
  let rows = 0;
  let value = '';
  let part = 0;
  const flush = () => {
    if (current.length) files.push({ table, path: filePath(spec, by, value, part++), rows, shards: current });
    current = [];
    rows = 0;
  };
  for (const shard of shards) {
    const v = partitionValue(shard.day, by);
    if (v !== value) {
      flush();
      value = v;
      part = 0;
    } else if (rows + shard.rows > maxRows) flush();
    current.push(shard);
    rows += shard.rows;
  }
  flush();
  return files;
}

/**
 * Groups consecutive files into worker tasks of about `targetRows` rows, so one DuckDB COPY writes
 * many small files. The grouping depends only on the plan, never on the number of workers.
 */
export function groupTasks(files: readonly FactFilePlan[], targetRows: number): FactFilePlan[][] {
  const tasks: FactFilePlan[][] = [];
  let current: FactFilePlan[] = [];
  let rows = 0;
  for (const file of files) {
    current.push(file);
    rows += file.rows;
    if (rows >= targetRows) {
      tasks.push(current);
      current = [];
      rows = 0;
    }
  }
  if (current.length) tasks.push(current);
  return tasks;
}

/** Most rows in one task, whatever the scale: DuckDB buffers every open file of a COPY, so a task's memory follows its rows. */
export const TASK_ROWS_MAX = 160_000;

/** Rows per task: enough tasks to keep any pool busy (~64), each big enough to amortise a COPY. */
export function taskRowsFor(totalRows: number): number {
  return Math.min(TASK_ROWS_MAX, Math.max(20_000, Math.ceil(totalRows / 64)));
}
