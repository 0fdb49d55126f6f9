/**
 * A profile resolved against a pack's tables: for each table, the slots a spoiled row can fall into
 * (a kind, and for a cell kind the column it changes), each with its share of the table's rows. Which
 * columns a built-in kind may touch is derived from the TableSpec: never a key for missing values,
 * outliers or format variants; foreign keys for orphans; the partition's time column for late rows;
 * numeric columns for outliers; name-like text columns for near duplicates.
 */
import { UsageError } from '../errors.js';
import type { ColumnSpec, TableSpec } from '../schema/tableSpec.js';
import { type Cell, cellOf, isNumeric, isText } from './cells.js';
import { type Drift, resolveDrift } from './drift.js';
import { DAY_TYPES, isDrift, type KindSpec, type PlantType, type QualitySetup } from './profile.js';

/**
 * What a planted issue does to the dataset: changes one value, adds a row, removes one, or (schema
 * drift, listed once per drifted file) adds, renames or retypes a column.
 */
export type Change =
  | 'value'
  | 'added_row'
  | 'removed_row'
  | 'column_added'
  | 'column_renamed'
  | 'column_retyped';

/** missing_children: rows of this table whose foreign key names a parent chosen (by hash) to lose its children. */
export interface ChildSlot {
  readonly kind: string;
  readonly column: string;
  /** Share of the parents that lose every child. */
  readonly rate: number;
  /** The parent's key (`table.column`). */
  readonly parent: string;
  /** Mixed into the parent key's hash: from the seed and the parent, so every child table drops the same parents' children. */
  readonly salt: number;
}

/** FNV-1a of `text`: a 32-bit salt. */
function salt(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export interface Slot {
  /** The kind's name, as the ground truth lists it. */
  readonly kind: string;
  readonly type: PlantType;
  readonly change: Change;
  /** Share of the table's rows (row slots) or days (day slots). */
  readonly rate: number;
  /** The column a value kind changes. */
  readonly column?: string;
  /** near_duplicate: the name-like columns one of which is varied. */
  readonly names?: readonly string[];
  /** `value`: the planted value. */
  readonly value?: Cell;
  /** `copy`: the column the value comes from. */
  readonly from?: string;
  /** Day slots: share of the day's rows, drawn in [lo, hi]. */
  readonly share?: readonly [number, number];
}

export interface TableSlots {
  /** Row slots, in kind-name order (their order decides which slot a draw lands in). */
  readonly row: readonly Slot[];
  readonly day: readonly Slot[];
  /** Enum columns written as plain text in a spoiled run: a planted value is not one of their members. */
  readonly text: readonly string[];
  /** missing_children slots (decided by the foreign key's value, not by row selection). */
  readonly children: readonly ChildSlot[];
  /** Schema drift of this table, by first day. */
  readonly drift: readonly Drift[];
  /** The first day (days since the epoch) of every schema version after the first, dataset-wide, ascending. */
  readonly versionDays: readonly number[];
}

export type QualitySlots = Readonly<Record<string, TableSlots>>;

const CHANGE: Record<PlantType, Change> = {
  missing: 'value',
  outlier: 'value',
  impossible: 'value',
  orphan: 'value',
  late: 'value',
  format_variant: 'value',
  value: 'value',
  copy: 'value',
  duplicate: 'added_row',
  near_duplicate: 'added_row',
  volume_spike: 'added_row',
  drop: 'removed_row',
  volume_drop: 'removed_row',
  freshness_gap: 'removed_row',
  local_time: 'value',
  out_of_order: 'value',
  missing_children: 'removed_row',
  column_added: 'column_added',
  column_renamed: 'column_renamed',
  column_retyped: 'column_retyped',
};

/** Columns no generic kind changes unasked: the key, foreign keys, the sequence id. */
export function keyColumns(spec: TableSpec): Set<string> {
  return new Set([
    ...spec.primaryKey.split(',').map((k) => k.trim()),
    ...spec.foreignKeys.map((fk) => fk.column),
    ...(spec.sequence ? [spec.sequence.column] : []),
  ]);
}

/** A single whole-number key: what a near duplicate's new key is made from. */
export function intKey(spec: TableSpec): ColumnSpec | undefined {
  const key = spec.columns.find((c) => c.name === spec.primaryKey.trim());
  return key && (key.type === 'int32' || key.type === 'int64') ? key : undefined;
}

const isNameLike = (c: ColumnSpec) => c.type === 'string' && /name/i.test(c.name);

/** Columns a kind of this type may change when the profile names none. */
function defaultColumns(type: PlantType, spec: TableSpec): ColumnSpec[] {
  const keys = keyColumns(spec);
  const source = spec.partition?.source;
  const plain = spec.columns.filter((c) => !keys.has(c.name));
  switch (type) {
    case 'missing':
      return plain.filter((c) => c.name !== source);
    case 'outlier':
      return plain.filter(isNumeric);
    case 'impossible':
      return plain.filter(
        (c) => c.name !== source && (isNumeric(c) || c.type === 'timestamp' || c.type === 'date'),
      );
    case 'orphan': {
      const fks = new Set(spec.foreignKeys.map((fk) => fk.column));
      return spec.columns.filter((c) => fks.has(c.name) && c.type !== 'enum');
    }
    case 'late':
      return spec.columns.filter((c) => c.name === source && c.type === 'timestamp');
    case 'format_variant':
      return plain.filter(isText);
    case 'local_time':
      return plain.filter((c) => c.type === 'timestamp');
    case 'out_of_order':
      return spec.sequence ? spec.columns.filter((c) => c.name === spec.sequence!.column) : [];
    default:
      return [];
  }
}

/** Whether `type` can change `column` at all (a profile naming a column is checked against this). */
function fits(type: PlantType, column: ColumnSpec, spec: TableSpec): boolean {
  switch (type) {
    case 'outlier':
      return isNumeric(column);
    case 'impossible':
      return isNumeric(column) || column.type === 'timestamp' || column.type === 'date';
    case 'orphan':
      return spec.foreignKeys.some((fk) => fk.column === column.name) && column.type !== 'enum';
    case 'late':
      return column.name === spec.partition?.source && column.type === 'timestamp';
    case 'format_variant':
      return isText(column);
    case 'near_duplicate':
      return column.type === 'string';
    case 'local_time':
      return column.type === 'timestamp';
    case 'out_of_order':
      return column.name === intKey(spec)?.name || column.name === spec.sequence?.column;
    default:
      return true;
  }
}

/** The columns of `spec` a kind names (`table.column` or `column`), or undefined when it names none. */
function namedColumns(kind: KindSpec, spec: TableSpec): ColumnSpec[] | undefined {
  if (!kind.columns) return undefined;
  return kind.columns.flatMap((name) => {
    const [table, column] = name.includes('.') ? name.split('.', 2) : [spec.name, name];
    const found = table === spec.name ? spec.columns.find((c) => c.name === column) : undefined;
    return found ? [found] : [];
  });
}

/** missing_children's foreign keys in `spec`: whole-number ones to a table with a sequence (a fact's parent). */
function childKeys(kind: KindSpec, spec: TableSpec, tables: readonly TableSpec[]) {
  const named = namedColumns(kind, spec);
  return spec.foreignKeys.filter((fk) => {
    const column = spec.columns.find((c) => c.name === fk.column)!;
    const parent = tables.find((t) => t.name === fk.references.split('.')[0]);
    if (named) return named.includes(column);
    return (column.type === 'int32' || column.type === 'int64') && parent?.sequence !== undefined;
  });
}

/**
 * Resolves `setup`'s profile for `tables`; a kind naming what no table has is refused. `start`: the
 * window's first day (ISO), from which drift days count; `seed`: the run's.
 */
export function resolveSlots(
  setup: QualitySetup,
  tables: readonly TableSpec[],
  start: string,
  seed: number,
): QualitySlots {
  const source = `--quality ${setup.profile}`;
  const refuse = (name: string, why: string) => {
    throw new UsageError(`${source}: kinds.${name}: ${why}`);
  };
  const names = Object.keys(setup.spec.kinds).sort();
  for (const name of names) {
    const kind = setup.spec.kinds[name]!;
    const type = kind.type ?? name;
    if ((type === 'value' || type === 'copy') && !kind.columns) refuse(name, `a ${type} kind needs columns:`);
    for (const t of kind.tables ?? [])
      if (!tables.some((s) => s.name === t))
        refuse(name, `unknown table ${t}; accepted: ${tables.map((s) => s.name).join(', ')}`);
    for (const c of kind.columns ?? []) {
      const [t, col] = c.includes('.') ? c.split('.', 2) : [undefined, c];
      if (!tables.some((s) => (t === undefined || s.name === t) && s.columns.some((x) => x.name === col)))
        refuse(name, `no table has a column ${c}`);
    }
  }
  const out: Record<string, TableSlots> = {};
  for (const spec of tables) {
    const row: Slot[] = [];
    const day: Slot[] = [];
    const children: ChildSlot[] = [];
    const text = new Set<string>();
    for (const name of names) {
      const kind = setup.spec.kinds[name]!;
      const type = (kind.type ?? name) as PlantType;
      if (kind.rate === 0 || (kind.tables && !kind.tables.includes(spec.name))) continue;
      if (isDrift(type)) continue;
      const base = { kind: name, type, change: CHANGE[type], rate: kind.rate! };
      if (type === 'missing_children') {
        for (const fk of childKeys(kind, spec, tables))
          children.push({
            kind: name,
            column: fk.column,
            rate: kind.rate!,
            parent: fk.references,
            salt: salt(`${seed}|${name}|${fk.references}`),
          });
        continue;
      }
      if (DAY_TYPES.includes(type)) {
        if (!spec.partition) continue;
        const share = type === 'freshness_gap' ? ([1, 1] as const) : (kind.share ?? [0.5, 0.9]);
        if (share[0] > share[1])
          refuse(name, `share [${share.join(', ')}]: the first must not exceed the second`);
        day.push({ ...base, share });
        continue;
      }
      const named = namedColumns(kind, spec);
      if (type === 'duplicate' || type === 'drop') {
        row.push(base);
        continue;
      }
      if (type === 'near_duplicate') {
        const cols = (named ?? spec.columns.filter(isNameLike)).filter((c) => fits(type, c, spec));
        if (intKey(spec) && cols.length) row.push({ ...base, names: cols.map((c) => c.name) });
        continue;
      }
      const columns = named ?? (type === 'value' || type === 'copy' ? [] : defaultColumns(type, spec));
      for (const column of columns) {
        if (!fits(type, column, spec))
          refuse(name, `${type} cannot change ${spec.name}.${column.name} (${column.type})`);
        const slot: Slot = { ...base, rate: kind.rate! / columns.length, column: column.name };
        if (type === 'value') {
          if (kind.value === undefined) refuse(name, 'a value kind needs value:');
          const value = cellOf(column, kind.value!);
          if (Array.isArray(value)) refuse(name, value[0]!);
          if (column.type === 'enum' && value !== null && !column.members!.includes(value as string))
            text.add(column.name);
          row.push({ ...slot, value: value as Cell });
        } else if (type === 'copy') {
          const from = spec.columns.find((c) => c.name === kind.from);
          if (!from) refuse(name, `from: ${spec.name} has no column ${kind.from}`);
          if (from!.type !== column.type && !(isText(from!) && isText(column)))
            refuse(
              name,
              `copy: ${spec.name}.${from!.name} (${from!.type}) into ${column.name} (${column.type})`,
            );
          if (column.type === 'enum' && (from!.type !== 'enum' || from!.members !== column.members))
            text.add(column.name);
          row.push({ ...slot, from: from!.name });
        } else {
          // A variant of an enum's member is no member: the column is written as text.
          if (type === 'format_variant' && column.type === 'enum') text.add(column.name);
          row.push(slot);
        }
      }
    }
    const total = row.reduce((a, s) => a + s.rate, 0);
    if (total > 1)
      throw new UsageError(
        `${source}: row kinds on ${spec.name} add up to ${Number(total.toFixed(6))} of its rows; at most 1`,
      );
    const days = day.reduce((a, s) => a + s.rate, 0);
    if (days > 1)
      throw new UsageError(
        `${source}: day kinds on ${spec.name} add up to ${Number(days.toFixed(6))} of its days; at most 1`,
      );
    out[spec.name] = { row, day, text: [...text].sort(), children, drift: [], versionDays: [] };
  }
  return resolveDrift(setup, tables, start, out, refuse);
}
