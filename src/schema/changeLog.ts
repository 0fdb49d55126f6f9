/**
 * Change logs (`--changes`): beside each mutable table `<t>`, the table `<t>_changes` lists every
 * change the business made to it: its op, when (`changed_at`), and the whole row after the change
 * (a delete: the last row). Partitioned by change date and append-only, so an increment only adds
 * the new days' files; replaying it up to a day (the latest row of each key changed by then,
 * deleted keys dropped) gives the table as of that day (`validate/changeLogChecks.ts`).
 */
import { col, enumCol, subsecond, type TableSpec } from './tableSpec.js';

export const CHANGE_OPS = ['insert', 'update', 'delete'] as const;
export const OP = { insert: 0, update: 1, delete: 2 } as const;
export const CHANGES_SUFFIX = '_changes';

/** The change log of a mutable table. */
export function changeLogOf(table: TableSpec): TableSpec {
  if (!table.mutable) throw new Error(`${table.name}: only a mutable table has a change log`);
  return {
    name: `${table.name}${CHANGES_SUFFIX}`,
    kind: 'fact',
    changesOf: table.name,
    description: `Every change to ${table.name} (--changes): op, changed_at, then the row after the change; replay up to a day gives ${table.name} as of that day.`,
    rowsAt1x: `one per insert and change of ${table.name}`,
    // Changes of one key at one instant are one row: the key and its time identify a change.
    primaryKey: `${table.primaryKey},changed_at`,
    partition: { column: 'change_date', source: 'changed_at' },
    foreignKeys: [],
    columns: [
      enumCol(
        'op',
        CHANGE_OPS,
        'insert (new, or existing when the window starts), update, delete (the last row).',
      ),
      subsecond(
        col('changed_at', 'timestamp', 'When the change happened (the window start for rows older than it).'),
      ),
      ...table.columns,
    ],
    ...(table.bytesPerRow ? { bytesPerRow: table.bytesPerRow + 4 } : {}),
  };
}

/** `tables` with each mutable table's change log after the last of them (a pack that writes them lists these). */
export function withChangeLogs(tables: readonly TableSpec[]): readonly TableSpec[] {
  return [...tables, ...tables.filter((t) => t.mutable).map(changeLogOf)];
}

/** The tables a run writes: `chosen` (no change log among them), and with `changes` the change logs of its mutable ones. */
export function withChanges(
  all: readonly TableSpec[],
  chosen: readonly string[],
  changes: boolean,
): string[] {
  if (!changes) return [...chosen];
  return all
    .filter((t) => chosen.includes(t.name) || (t.changesOf !== undefined && chosen.includes(t.changesOf)))
    .map((t) => t.name);
}
