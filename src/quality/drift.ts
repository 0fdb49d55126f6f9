/**
 * Schema drift: from a day on, every file of a table is written with another schema (a column added,
 * one renamed, a timestamp or date delivered as text). A file has the schema of its first day, so a
 * drift is a function of the file alone (never of which rows were generated before). The versions are
 * dataset-wide: version 1 from the first day, one more at each drift day of any table. Each drifted
 * file lists its changes in the ground truth (the mapping back to the clean schema), which validation
 * applies when it reads the file.
 */
import { UsageError } from '../errors.js';
import type { Batch, ColumnValues } from '../generate/batch.js';
import { duckdbType } from '../schema/dictionary.js';
import type { ColumnSpec, TableSpec } from '../schema/tableSpec.js';
import { formatIsoDay, parseIsoDay } from '../time/calendar.js';
import { cellText, readCell } from './cells.js';
import type { IssueRow } from './issues.js';
import { type DriftType, isDrift, type QualitySetup } from './profile.js';
import type { QualitySlots, TableSlots } from './slots.js';
import { keyColumns } from './slots.js';

export interface Drift {
  readonly kind: string;
  readonly type: DriftType;
  /** The clean column renamed or retyped; for an added column, the clean column whose values it takes. */
  readonly column: string;
  /** The column's name in the drifted files. */
  readonly name: string;
  /** First drifted day, days since the epoch. */
  readonly day: number;
}

const DEFAULT_AFTER: Record<DriftType, number> = { column_added: 7, column_renamed: 14, column_retyped: 21 };
/** Retyped first (it takes the time column), then added (it copies a column), then renamed (one left untouched). */
const ORDER: readonly DriftType[] = ['column_retyped', 'column_added', 'column_renamed'];

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The drift of every table, checked (one drift per column, no name used twice), and the version days. */
export function resolveDrift(
  setup: QualitySetup,
  tables: readonly TableSpec[],
  start: string,
  slots: Record<string, TableSlots>,
  refuse: (kind: string, why: string) => void,
): QualitySlots {
  const first = parseIsoDay(start)!;
  const kinds = Object.keys(setup.spec.kinds)
    .sort()
    .map((name) => ({ name, kind: setup.spec.kinds[name]!, type: setup.spec.kinds[name]!.type ?? name }))
    .filter((k): k is typeof k & { type: DriftType } => isDrift(k.type))
    .sort((a, b) => ORDER.indexOf(a.type) - ORDER.indexOf(b.type));
  const days = new Set<number>();
  const out: Record<string, TableSlots> = {};
  for (const spec of tables) {
    const drift: Drift[] = [];
    const partition = spec.partition;
    for (const { name, kind, type } of partition ? kinds : []) {
      if (kind.tables && !kind.tables.includes(spec.name)) continue;
      const named = kind.columns
        ?.map((c) => (c.includes('.') ? c.split('.', 2) : [spec.name, c]))
        .filter(([t]) => t === spec.name)
        .map(([, c]) => spec.columns.find((x) => x.name === c))
        .filter((c): c is ColumnSpec => c !== undefined);
      if (kind.columns && !named?.length) continue;
      const taken = new Set(drift.flatMap((d) => (d.type === 'column_added' ? [] : [d.column])));
      const names = new Set([...spec.columns.map((c) => c.name), ...drift.map((d) => d.name)]);
      const source = spec.columns.find((c) => c.name === partition!.source)!;
      let column: ColumnSpec | undefined;
      let newName: string;
      if (type === 'column_retyped') {
        column = named?.[0] ?? source;
        if (column.type !== 'timestamp' && column.type !== 'date')
          refuse(
            name,
            `column_retyped delivers a timestamp or date as text; ${spec.name}.${column.name} is ${column.type}`,
          );
        newName = column.name;
      } else if (type === 'column_added') {
        column = named?.[0] ?? source;
        newName = kind.name ?? (column.type === 'timestamp' ? `${column.name}_utc` : `${column.name}_2`);
      } else {
        const keys = keyColumns(spec);
        column =
          named?.[0] ??
          spec.columns.find((c) => !keys.has(c.name) && c.name !== source.name && !taken.has(c.name));
        if (!column) continue;
        newName =
          kind.name ?? (camel(column.name) === column.name ? `${column.name}_v2` : camel(column.name));
      }
      if (type !== 'column_added' && taken.has(column!.name))
        refuse(name, `${spec.name}.${column!.name} drifts twice; accepted: one drift per column`);
      if (type !== 'column_retyped' && names.has(newName))
        refuse(name, `${spec.name} already has a column ${newName}; accepted: a new name (name:)`);
      const day = first + (kind.after_days ?? DEFAULT_AFTER[type]);
      days.add(day);
      drift.push({ kind: name, type, column: column!.name, name: newName, day });
    }
    out[spec.name] = { ...slots[spec.name]!, drift };
  }
  const versionDays = [...days].sort((a, b) => a - b);
  for (const name of Object.keys(out)) out[name] = { ...out[name]!, versionDays };
  return out;
}

/** The schema version of a file whose first day is `day` (a table without partition: 1). */
export const versionAt = (slots: TableSlots, day: number | undefined): number =>
  day === undefined ? 1 : 1 + slots.versionDays.filter((d) => d <= day).length;

/** The drifts a file whose first day is `day` has. */
export const driftsAt = (slots: TableSlots, day: number | undefined): readonly Drift[] =>
  day === undefined ? [] : slots.drift.filter((d) => d.day <= day);

/** `spec` as files with `drifts` hold it: columns renamed or written as text, added ones last. */
export function driftedSpec(spec: TableSpec, drifts: readonly Drift[]): TableSpec {
  if (!drifts.length) return spec;
  const columns = spec.columns.map((c): ColumnSpec => {
    const d = drifts.find((x) => x.column === c.name && x.type !== 'column_added');
    if (d?.type === 'column_renamed') return { ...c, name: d.name };
    if (d?.type === 'column_retyped')
      return { ...c, type: 'string', members: undefined, subsecond: undefined };
    return c;
  });
  for (const d of drifts.filter((x) => x.type === 'column_added')) {
    const from = spec.columns.find((c) => c.name === d.column)!;
    columns.push({ ...from, name: d.name, nullable: true, description: `added on ${formatIsoDay(d.day)}` });
  }
  return { ...spec, columns };
}

/** The rows of `batch` (columns of `spec`) as files with `drifts` hold them. */
export function driftBatch(spec: TableSpec, batch: Batch, drifts: readonly Drift[]): Batch {
  if (!drifts.length) return batch;
  const columns: Record<string, ColumnValues> = {};
  const validity: Record<string, Uint8Array> = {};
  const put = (name: string, from: string, values: ColumnValues) => {
    columns[name] = values;
    if (batch.validity[from]) validity[name] = batch.validity[from]!;
  };
  for (const c of spec.columns) {
    const d = drifts.find((x) => x.column === c.name && x.type !== 'column_added');
    if (d?.type === 'column_renamed') put(d.name, c.name, batch.columns[c.name]!);
    else if (d?.type === 'column_retyped') {
      // The text DuckDB itself gives the value in UTC (no trailing zeros in the fraction), so validation
      // can tell the listed text from any other text of the same instant.
      const values = batch.columns[c.name]!;
      const texts = Array.from({ length: batch.rows }, (_, i) =>
        (cellText(c, readCell(c, values, batch.validity[c.name], i)) ?? '').replace(
          /(\.\d*[1-9])0+\+00$/,
          '$1+00',
        ),
      );
      put(c.name, c.name, texts);
    } else put(c.name, c.name, batch.columns[c.name]!);
  }
  for (const d of drifts.filter((x) => x.type === 'column_added'))
    put(d.name, d.column, batch.columns[d.column]!);
  return { table: batch.table, rows: batch.rows, columns, validity };
}

/** The ground truth of a drifted file: one row per drift, the mapping back to the clean schema. */
export function driftIssues(
  spec: TableSpec,
  drifts: readonly Drift[],
  file: string,
  partition: string | null,
  version: number,
): IssueRow[] {
  return drifts.map((d) => {
    const c = spec.columns.find((x) => x.name === d.column)!;
    // The type as files hold it: an enum is text in every file.
    const type = c.type === 'enum' ? 'VARCHAR' : duckdbType(c);
    const added = d.type === 'column_added';
    return [
      spec.name,
      null,
      added ? null : c.name,
      d.kind,
      partition,
      added ? null : `${c.name} ${type}`,
      `${d.name} ${d.type === 'column_retyped' ? 'VARCHAR' : type}`,
      d.type,
      file,
      null,
      null,
      version,
    ];
  });
}

/** `_quality/schema_versions.json`: each version's first day and every table's columns then. */
export function schemaVersions(tables: readonly TableSpec[], slots: QualitySlots, from: string): string {
  const days = Object.values(slots)[0]?.versionDays ?? [];
  const versions = [parseIsoDay(from)!, ...days].map((day, i) => ({
    version: i + 1,
    from: formatIsoDay(day),
    tables: Object.fromEntries(
      tables.map((t) => {
        const drifts = i === 0 ? [] : driftsAt(slots[t.name]!, day);
        return [
          t.name,
          driftedSpec(t, drifts).columns.map((c) => {
            const d = drifts.find((x) => x.name === c.name);
            return {
              name: c.name,
              type: c.type,
              ...(d?.type === 'column_added' ? { added: true, values_of: d.column } : {}),
              ...(d?.type === 'column_renamed' ? { renamed_from: d.column } : {}),
              ...(d?.type === 'column_retyped'
                ? { retyped_from: t.columns.find((x) => x.name === d.column)!.type }
                : {}),
            };
          }),
        ];
      }),
    ),
  }));
  return `${JSON.stringify({ versions }, null, 2)}\n`;
}

/** A dataset whose schema drifts cannot become one table per table (a load, Iceberg metadata): one line, exit 2. */
export function refuseDrift(
  outDir: string,
  truth: { readonly schema_versions?: number } | undefined,
  what: string,
) {
  if (truth?.schema_versions)
    throw new UsageError(
      `--out ${outDir}: its schema drifts (${truth.schema_versions} versions, _quality/schema_versions.json), and ${what} needs one schema per table; accepted: a dataset made with a profile without column_added, column_renamed or column_retyped`,
    );
}
