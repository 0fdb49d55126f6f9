/** How fact files are partitioned on disk (Hive style): per UTC day (the default) or per UTC month. */
import { formatIsoDay } from '../time/calendar.js';
import type { TableSpec } from './tableSpec.js';

export const PARTITION_BY = ['day', 'month'] as const;
export type PartitionBy = (typeof PARTITION_BY)[number];

/** The Hive partition column: `event_date` (or `event_day`) by day, `event_month` by month. */
export function partitionColumn(table: TableSpec, by: PartitionBy): string {
  const column = table.partition!.column;
  return by === 'day' ? column : column.replace(/_(date|day)$/, '_month');
}

/** `2024-01-31` by day, `2024-01` by month. */
export function partitionValue(day: number, by: PartitionBy): string {
  return by === 'day' ? formatIsoDay(day) : formatIsoDay(day).slice(0, 7);
}
