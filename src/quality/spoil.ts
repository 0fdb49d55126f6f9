/**
 * Worker side: a clean shard and its selection (select.ts) in, the spoiled shard and the ground truth
 * of what was planted out. The clean batch is only read (it may be a generator's arena, and the same
 * dimensions feed every fact); the spoiled one is new memory. Each clean row carries at most one issue.
 */
import type { Batch, ColumnValues } from '../generate/batch.js';
import type { ColumnSpec, TableSpec } from '../schema/tableSpec.js';
import { type Cell, cellText, readCell } from './cells.js';
import { spoiledColumn } from './gather.js';
import { type IssueRow, keyNames } from './issues.js';
import { NEAR_DUPLICATE_BASE, plantValue } from './plant.js';
import type { ShardSpoil } from './select.js';
import type { Slot, TableSlots } from './slots.js';
import { choose, nameVariant } from './variants.js';

export interface SpoilPlace {
  /** The file the shard goes into (relative path) and its partition value (null for a dimension). */
  readonly file: string;
  readonly partition: string | null;
  /** Row number in the spoiled file of the shard's first row. */
  readonly firstRow: number;
  /** The file's schema version (drift.ts). */
  readonly version: number;
}

/** murmur3's finaliser: a 32-bit value mixed so every input bit moves every output bit. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A uniform draw in [0, 1) per parent key: the same for every row, shard and file that names it. */
function parentDraw(salt: number, key: number): number {
  return mix(mix(salt ^ (key % 0x1_0000_0000)) ^ Math.floor(key / 0x1_0000_0000)) / 0x1_0000_0000;
}

/** Rows whose foreign key names a parent that loses its children: 1 + the child slot's index, or 0. */
function childlessRows(spec: TableSpec, slots: TableSlots, clean: Batch): Uint8Array | undefined {
  if (!slots.children.length) return undefined;
  const gone = new Uint8Array(clean.rows);
  slots.children.forEach((slot, k) => {
    const column = spec.columns.find((c) => c.name === slot.column)!;
    const values = clean.columns[slot.column]!;
    const valid = clean.validity[slot.column];
    for (let i = 0; i < clean.rows; i++) {
      if (gone[i] || (valid && !valid[i])) continue;
      const key = readCell(column, values, undefined, i) as number;
      if (parentDraw(slot.salt, key) < slot.rate) gone[i] = k + 1;
    }
  });
  return gone;
}

export function spoilBatch(
  spec: TableSpec,
  slots: TableSlots,
  clean: Batch,
  spoil: ShardSpoil,
  place: SpoilPlace,
): { batch: Batch; issues: IssueRow[] } {
  const columns = new Map(spec.columns.map((c) => [c.name, c]));
  const cell = (name: string, row: number): Cell =>
    readCell(columns.get(name)!, clean.columns[name]!, clean.validity[name], row);
  const keys = keyNames(spec);
  const keyOf = (row: number) => keys.map((k) => cellText(columns.get(k)!, cell(k, row))).join('|');
  // Missing children may remove more rows than planned, and the rows another issue chose: no more than this.
  const src = new Int32Array(clean.rows + spoil.positions.length);
  const edits = new Map<string, Map<number, Cell>>(spec.columns.map((c) => [c.name, new Map()]));
  const issues: IssueRow[] = [];
  const gone = childlessRows(spec, slots, clean);
  const cleanRows = clean.rows;
  let n = 0;
  let next = 0;
  const copyUpTo = (end: number) => {
    for (; next < end; next++) {
      if (!gone?.[next]) {
        src[n++] = next;
        continue;
      }
      // A child of a parent that lost its children: removed, whatever else was chosen for it.
      const slot = slots.children[gone[next]! - 1]!;
      const row = Object.fromEntries(spec.columns.map((c) => [c.name, cellText(c, cell(c.name, next))]));
      issues.push([
        spec.name,
        keyOf(next),
        slot.column,
        slot.kind,
        place.partition,
        JSON.stringify(row),
        null,
        'removed_row',
        place.file,
        null,
        null,
        place.version,
      ]);
    }
  };
  const issue = (
    slot: Slot,
    key: string,
    column: string | null,
    clean: string | null,
    planted: string | null,
    row: number | null,
    original: string | null,
  ) =>
    issues.push([
      spec.name,
      key,
      column,
      slot.kind,
      place.partition,
      clean,
      planted,
      slot.change,
      place.file,
      row === null ? null : place.firstRow + row,
      original,
      place.version,
    ]);

  for (let k = 0; k < spoil.positions.length; k++) {
    const p = spoil.positions[k]!;
    const s = spoil.slots[k]!;
    const u = spoil.draws[k]!;
    const slot = s < slots.row.length ? slots.row[s]! : slots.day[s - slots.row.length]!;
    copyUpTo(p);
    if (gone?.[p]) continue;
    if (slot.change === 'removed_row') {
      next++;
      const row = Object.fromEntries(spec.columns.map((c) => [c.name, cellText(c, cell(c.name, p))]));
      issue(slot, keyOf(p), null, JSON.stringify(row), null, null, null);
      continue;
    }
    copyUpTo(p + 1);
    if (slot.change === 'added_row') {
      const at = n;
      src[n++] = p;
      if (slot.type !== 'near_duplicate') {
        issue(slot, keyOf(p), null, null, null, at, keyOf(p));
        continue;
      }
      // The same entity again under a new key, one name written another way.
      const keyColumn = columns.get(keys[0]!)!;
      const newKey = NEAR_DUPLICATE_BASE + (cell(keyColumn.name, p) as number);
      edits.get(keyColumn.name)!.set(at, newKey);
      const name = choose(slot.names!, u);
      const text = cell(name, p);
      const variant = typeof text === 'string' ? nameVariant(text, (u * slot.names!.length) % 1) : undefined;
      if (variant !== undefined) edits.get(name)!.set(at, variant);
      issue(
        slot,
        cellText(keyColumn, newKey)!,
        variant === undefined ? null : name,
        variant === undefined ? null : (text as string),
        variant ?? null,
        at,
        keyOf(p),
      );
      continue;
    }
    const column = columns.get(slot.column!)!;
    const clean = cell(column.name, p);
    if (slot.type === 'out_of_order') {
      // The row's id and the next one's swapped: ids no longer ascend with time. Both rows are listed.
      const q = p + 1;
      if (q >= cleanRows || gone?.[q] || spoil.positions[k + 1] === q) continue;
      const other = cell(column.name, q);
      if (other === null || clean === null || other === clean) continue;
      edits.get(column.name)!.set(n - 1, other);
      edits.get(column.name)!.set(n, clean);
      issue(slot, keyOf(p), column.name, cellText(column, clean), cellText(column, other), n - 1, null);
      issue(slot, keyOf(q), column.name, cellText(column, other), cellText(column, clean), n, null);
      continue;
    }
    const planted = plantValue(slot, column, clean, u, (name) => cell(name, p));
    if (planted === undefined) continue;
    edits.get(column.name)!.set(n - 1, planted);
    issue(slot, keyOf(p), column.name, cellText(column, clean), cellText(column, planted), n - 1, null);
  }
  copyUpTo(clean.rows);
  if (!gone && n !== spoil.rows)
    throw new Error(`${spec.name}: spoiled shard has ${n} rows, planned ${spoil.rows}`);

  const text = new Set(slots.text);
  const out: Record<string, ColumnValues> = {};
  const validity: Record<string, Uint8Array> = {};
  for (const c of spec.columns) {
    const col = spoiledColumn(
      c,
      clean.columns[c.name]!,
      clean.validity[c.name],
      src.subarray(0, n),
      edits.get(c.name)!,
      text.has(c.name),
    );
    out[c.name] = col.values;
    if (col.validity) validity[c.name] = col.validity;
  }
  return { batch: { table: spec.name, rows: n, columns: out, validity }, issues };
}

const textSpecs = new WeakMap<TableSpec, TableSpec>();

/** The spec a spoiled table is written with: enum columns in `text` become plain strings. */
export function spoiledSpec(spec: TableSpec, text: readonly string[]): TableSpec {
  if (!text.length) return spec;
  let out = textSpecs.get(spec);
  if (!out) {
    out = {
      ...spec,
      columns: spec.columns.map(
        (c): ColumnSpec => (text.includes(c.name) ? { ...c, type: 'string', members: undefined } : c),
      ),
    };
    textSpecs.set(spec, out);
  }
  return out;
}
