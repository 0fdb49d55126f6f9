/**
 * How each column travels from Parquet to PostgreSQL's binary COPY: the DuckDB expression that reads
 * it in a fixed-width form the encoder copies straight from DuckDB's vectors, and the wire kind.
 * Timestamps become microseconds since 2000-01-01 and dates days since then (PostgreSQL's epoch);
 * decimals their exact scaled integer; enums their member index, whose UTF-8 bytes are made once.
 */
import { DECIMAL_SCALE } from '../arrow/toRecordBatch.js';
import type { TableSpec } from '../schema/tableSpec.js';
import { type LoadColumn, loadColumns } from './loadColumns.js';
import { sqlString } from './parquetSource.js';

export type WireKind =
  | 'int32'
  | 'int64'
  | 'float64'
  | 'bool'
  | 'timestamp'
  | 'date'
  | 'decimal'
  | 'text'
  | 'enum8'
  | 'enum16'
  | 'enum32';

export interface WireColumn {
  readonly name: string;
  readonly kind: WireKind;
  /** DuckDB expression over the Parquet columns. */
  readonly sql: string;
  /** UTF-8 bytes of an enum's members, by index. */
  readonly members?: readonly Buffer[];
}

const PG_EPOCH_US = 946_684_800_000_000n;

export const quoteDuck = (name: string) => `"${name.replaceAll('"', '""')}"`;

function wire(c: LoadColumn): WireColumn {
  const q = quoteDuck(c.name);
  switch (c.type) {
    case 'int32':
      return { name: c.name, kind: 'int32', sql: `CAST(${q} AS INTEGER)` };
    case 'int64':
      return { name: c.name, kind: 'int64', sql: `CAST(${q} AS BIGINT)` };
    case 'float64':
      return { name: c.name, kind: 'float64', sql: `CAST(${q} AS DOUBLE)` };
    case 'bool':
      return { name: c.name, kind: 'bool', sql: `CAST(${q} AS BOOLEAN)` };
    case 'timestamp':
      return { name: c.name, kind: 'timestamp', sql: `epoch_us(${q}) - ${PG_EPOCH_US}` };
    case 'date':
      return {
        name: c.name,
        kind: 'date',
        // A partition date is derived from its timestamp column; a date column is read as it is.
        sql:
          c.source === undefined
            ? `CAST(${q} - DATE '2000-01-01' AS INTEGER)`
            : `CAST(CAST(timezone('UTC', ${quoteDuck(c.source)}) AS DATE) - DATE '2000-01-01' AS INTEGER)`,
      };
    case 'decimal':
      return { name: c.name, kind: 'decimal', sql: `CAST(${q} AS DECIMAL(18, ${DECIMAL_SCALE}))` };
    case 'string':
      return { name: c.name, kind: 'text', sql: `CAST(${q} AS VARCHAR)` };
    case 'enum': {
      const members = c.members!;
      // DuckDB stores an enum's index in the narrowest unsigned integer that holds its members.
      const kind = members.length <= 0xff ? 'enum8' : members.length <= 0xffff ? 'enum16' : 'enum32';
      return {
        name: c.name,
        kind,
        sql: `CAST(${q} AS ENUM(${members.map(sqlString).join(', ')}))`,
        members: members.map((m) => Buffer.from(m, 'utf8')),
      };
    }
  }
}

export function wireColumns(spec: TableSpec): WireColumn[] {
  return loadColumns(spec).map(wire);
}
