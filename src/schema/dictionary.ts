/** The data dictionary (Markdown) and DuckDB DDL, both derived from the one schema declaration. */
import { partitionColumn } from './partitioning.js';
import { type ColumnSpec, DEFAULT_DECIMAL_PRECISION, type TableSpec } from './tableSpec.js';

const SQL_TYPES: Record<Exclude<ColumnSpec['type'], 'decimal'>, string> = {
  int32: 'INTEGER',
  int64: 'BIGINT',
  float64: 'DOUBLE',
  bool: 'BOOLEAN',
  timestamp: 'TIMESTAMPTZ',
  date: 'DATE',
  string: 'VARCHAR',
  enum: 'VARCHAR',
};

const sqlType = (c: ColumnSpec) =>
  c.type === 'decimal' ? `DECIMAL(${c.precision ?? DEFAULT_DECIMAL_PRECISION},2)` : SQL_TYPES[c.type];

/** The dictionary's type label; a decimal of the default precision stays plain `decimal`. */
function typeLabel(c: ColumnSpec): string {
  if (c.type === 'enum') return `string (${c.members!.join(' / ')})`;
  if (c.type === 'timestamp') return 'timestamp (µs, UTC)';
  if (c.type === 'date') return 'date (UTC)';
  if (c.type === 'decimal' && c.precision !== undefined && c.precision !== DEFAULT_DECIMAL_PRECISION)
    return `decimal(${c.precision},2)`;
  return c.type;
}

/** A column's DuckDB type (enums are VARCHAR, as DuckDB reads them back from Parquet). */
export const duckdbType = sqlType;

function location(t: TableSpec): string {
  return t.partition
    ? `\`${t.name}/${t.partition.column}=YYYY-MM-DD/part-NNNNN.parquet\` (Hive partition: UTC date of \`${t.partition.source}\`; ` +
        `with \`--partition-by month\`: \`${partitionColumn(t, 'month')}=YYYY-MM\`)`
    : `\`${t.name}/part-00000.parquet\``;
}

/** The pack whose tables are described, and where they are declared. */
export interface DictionarySource {
  readonly name: string;
  readonly tables: readonly TableSpec[];
}

export function markdownDictionary({ name, tables }: DictionarySource): string {
  const out = [
    '# Data dictionary',
    '',
    `Generated from \`src/scenarios/${name}/tables.ts\` by \`gen-parquet schema --scenario ${name}\`; do not edit by hand.`,
    '',
  ];
  for (const t of tables) {
    out.push(`## ${t.name}`, '', t.description, '');
    out.push(`- rows at 1x: ${t.rowsAt1x}`, `- files: ${location(t)}`, `- primary key: \`${t.primaryKey}\``);
    if (t.foreignKeys.length)
      out.push(
        `- foreign keys: ${t.foreignKeys.map((f) => `\`${f.column}\` → \`${f.references}\``).join(', ')}`,
      );
    out.push('', '| column | type | null | description |', '|---|---|---|---|');
    for (const c of t.columns) {
      out.push(`| ${c.name} | ${typeLabel(c)} | ${c.nullable ? 'yes' : 'no'} | ${c.description} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

export function sqlDdl(tables: readonly TableSpec[]): string {
  return tables
    .map((t) => {
      const cols = t.columns.map((c) => `  ${c.name} ${sqlType(c)}${c.nullable ? '' : ' NOT NULL'}`);
      if (t.partition) cols.push(`  ${t.partition.column} DATE NOT NULL`);
      cols.push(`  PRIMARY KEY (${t.primaryKey})`);
      return `CREATE TABLE ${t.name} (\n${cols.join(',\n')}\n);`;
    })
    .join('\n\n')
    .concat('\n');
}
