/**
 * The clean entity table as the sources start from: read back with DuckDB once it is written (entity
 * tables are small), one array per part, in key order. A part the table does not have is made up per
 * entity from the seed, so every source agrees on it unless a conflict is planted.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { EntityRoles, TableSpec } from '../schema/tableSpec.js';
import { SLOT, sourceStream } from './assign.js';

export interface Entities {
  readonly count: number;
  /** The true ids (the table's key). */
  readonly id: Int32Array;
  /** One array per name column. */
  readonly name: readonly string[][];
  /** NaN where the table holds NULL. */
  readonly measure: Float64Array;
  /** Days since 1970-01-01; INT32_MIN where NULL. */
  readonly date: Int32Array;
  /** `null` where NULL. */
  readonly other: (string | null)[];
}

export const NO_DATE = -2_147_483_648;
/** What a made-up `other` is chosen from. */
const REGIONS = ['North', 'South', 'East', 'West', 'Central'] as const;

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The entity roles of `spec`, refusing a table that declares none. */
export function rolesOf(spec: TableSpec): EntityRoles {
  if (!spec.entity) throw new Error(`${spec.name}: declares no entity roles`);
  return spec.entity;
}

export async function readEntities(
  con: DuckDBConnection,
  spec: TableSpec,
  file: string,
  seed: number,
  lastDay: number,
): Promise<Entities> {
  const roles = rolesOf(spec);
  const key = spec.primaryKey;
  const select = [
    `${q(key)}::INTEGER`,
    ...roles.name.map((n) => `${q(n)}::VARCHAR`),
    roles.measure ? `${q(roles.measure)}::DOUBLE` : 'NULL::DOUBLE',
    roles.date ? `(${q(roles.date)}::DATE - DATE '1970-01-01')::INTEGER` : 'NULL::INTEGER',
    roles.other ? `${q(roles.other)}::VARCHAR` : 'NULL::VARCHAR',
  ];
  const reader = await con.runAndReadAll(
    `SELECT ${select.join(', ')} FROM read_parquet(${sqlString(file)}) ORDER BY 1`,
  );
  const cols = reader.getColumnsJS();
  const count = reader.currentRowCount;
  const id = Int32Array.from(cols[0]! as number[]);
  const parts = roles.name.length;
  const name = cols.slice(1, 1 + parts).map((c) => c.map((v) => (v === null ? '' : String(v))));
  const measure = new Float64Array(count);
  const date = new Int32Array(count);
  const other: (string | null)[] = new Array(count);
  const made = sourceStream(seed, spec.name, SLOT.made);
  const [m, d, o] = [cols[1 + parts]!, cols[2 + parts]!, cols[3 + parts]!];
  for (let i = 0; i < count; i++) {
    // Made-up parts draw for every entity, whichever parts the table has, so each keeps its draws.
    const value = Math.round(Math.exp(5.5 + 0.8 * made.normal()) * 100) / 100;
    const since = lastDay - made.int(30, 3650);
    const region = REGIONS[made.int(0, REGIONS.length - 1)]!;
    measure[i] = roles.measure ? (m[i] === null ? Number.NaN : Number(m[i])) : value;
    date[i] = roles.date ? (d[i] === null ? NO_DATE : Number(d[i])) : since;
    other[i] = roles.other ? (o[i] === null ? null : String(o[i])) : region;
  }
  return { count, id, name, measure, date, other };
}
