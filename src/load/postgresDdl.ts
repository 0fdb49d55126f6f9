/**
 * PostgreSQL DDL from the TableSpecs: types, NOT NULL, primary keys, foreign keys, an index per
 * foreign key (unless the primary key already leads with it) and the descriptions as comments.
 * `gen-parquet schema --format postgres` prints it; the loader runs the same statements piecewise.
 */
import { createHash } from 'node:crypto';
import { DECIMAL_SCALE } from '../arrow/toRecordBatch.js';
import { DEFAULT_DECIMAL_PRECISION, type TableSpec } from '../schema/tableSpec.js';
import { keyColumns, type LoadColumn, loadColumns } from './loadColumns.js';

const PG_TYPES: Record<Exclude<LoadColumn['type'], 'decimal'>, string> = {
  int32: 'integer',
  int64: 'bigint',
  float64: 'double precision',
  bool: 'boolean',
  timestamp: 'timestamptz',
  string: 'text',
  enum: 'text',
  date: 'date',
};

export const pgType = (c: LoadColumn) =>
  c.type === 'decimal'
    ? `numeric(${c.precision ?? DEFAULT_DECIMAL_PRECISION},${DECIMAL_SCALE})`
    : PG_TYPES[c.type];

/** PostgreSQL cuts names at 63 bytes; a longer one keeps 54 and a hash, so two never collide. */
export function pgName(name: string): string {
  if (Buffer.byteLength(name) <= 63) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  let head = name;
  while (Buffer.byteLength(head) > 54) head = head.slice(0, -1);
  return `${head}_${hash}`;
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const pgLiteral = (text: string) => `'${text.replaceAll("'", "''")}'`;
/** `"schema"."name"`, or just `"name"` without a schema. */
export const qualified = (schema: string | undefined, name: string) =>
  schema === undefined ? quoteIdent(name) : `${quoteIdent(schema)}.${quoteIdent(name)}`;

export interface ForeignKey {
  readonly column: string;
  readonly parent: string;
  readonly parentColumn: string;
}

export function foreignKeys(spec: TableSpec): ForeignKey[] {
  return spec.foreignKeys.map((f) => {
    const [parent, parentColumn] = f.references.split('.') as [string, string];
    return { column: f.column, parent, parentColumn };
  });
}

/** Foreign keys that need an index of their own (the primary key's leading column has one). */
export const indexedForeignKeys = (spec: TableSpec) =>
  foreignKeys(spec).filter((f) => f.column !== keyColumns(spec)[0]);

/** The names of a table's constraints and indexes, given the table's own name. */
export const pkName = (table: string) => pgName(`${table}_pkey`);
export const fkName = (table: string, column: string) => pgName(`${table}_${column}_fkey`);
export const fkIndexName = (table: string, column: string) => pgName(`${table}_${column}_idx`);

/** CREATE TABLE with the columns only (keys come after the data); NOT NULL unless `notNull` is false. */
export function createTableSql(spec: TableSpec, target: string, notNull = true): string {
  const cols = loadColumns(spec).map(
    (c) => `  ${quoteIdent(c.name)} ${pgType(c)}${c.nullable || !notNull ? '' : ' NOT NULL'}`,
  );
  return `CREATE TABLE ${target} (\n${cols.join(',\n')}\n)`;
}

export function primaryKeySql(spec: TableSpec, target: string, name: string): string {
  return `ALTER TABLE ${target} ADD CONSTRAINT ${quoteIdent(name)} PRIMARY KEY (${keyColumns(spec).map(quoteIdent).join(', ')})`;
}

/**
 * Checked at once, like any foreign key, but DEFERRABLE: an incremental load defers them to its
 * commit, as it brings tables that point at each other forward one at a time.
 */
export function foreignKeySql(target: string, name: string, fk: ForeignKey, parent: string): string {
  return `ALTER TABLE ${target} ADD CONSTRAINT ${quoteIdent(name)} FOREIGN KEY (${quoteIdent(fk.column)}) REFERENCES ${parent} (${quoteIdent(fk.parentColumn)}) DEFERRABLE`;
}

export function commentSql(spec: TableSpec, target: string): string[] {
  return [
    `COMMENT ON TABLE ${target} IS ${pgLiteral(spec.description)}`,
    ...loadColumns(spec).map(
      (c) => `COMMENT ON COLUMN ${target}.${quoteIdent(c.name)} IS ${pgLiteral(c.description)}`,
    ),
  ];
}

/** The whole schema as one script: tables, keys, foreign keys, their indexes, comments. */
export function postgresDdl(tables: readonly TableSpec[], schema?: string, prefix = ''): string {
  const name = (t: string) => qualified(schema, `${prefix}${t}`);
  const out: string[] = schema === undefined ? [] : [`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)};`];
  for (const spec of tables) {
    const table = `${prefix}${spec.name}`;
    out.push(
      `${createTableSql(spec, name(spec.name))};`,
      `${primaryKeySql(spec, name(spec.name), pkName(table))};`,
      ...commentSql(spec, name(spec.name)).map((s) => `${s};`),
      '',
    );
  }
  for (const spec of tables) {
    const table = `${prefix}${spec.name}`;
    for (const fk of foreignKeys(spec))
      if (tables.some((t) => t.name === fk.parent))
        out.push(`${foreignKeySql(name(spec.name), fkName(table, fk.column), fk, name(fk.parent))};`);
    for (const fk of indexedForeignKeys(spec))
      out.push(
        `CREATE INDEX ${quoteIdent(fkIndexName(table, fk.column))} ON ${name(spec.name)} (${quoteIdent(fk.column)});`,
      );
  }
  return `${out.join('\n')}\n`;
}
