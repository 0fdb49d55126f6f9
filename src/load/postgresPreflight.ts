/**
 * Before a PostgreSQL load touches anything: one load at a time per schema and prefix (an advisory
 * lock held by the session), tables that exist already (refused without --replace), foreign-key
 * parents that are neither loaded nor present, and the temporaries a killed load left behind.
 */
import type pg from 'pg';
import { UsageError } from '../errors.js';
import type { TableSpec } from '../schema/tableSpec.js';
import { TEMP_MARKER } from './postgresCopy.js';
import { foreignKeys, pgName, qualified } from './postgresDdl.js';

export interface TableNames {
  readonly spec: TableSpec;
  /** Unquoted names in the target schema. */
  readonly final: string;
  readonly temp: string;
}

export const tempName = (final: string) => pgName(`${final}__gen_parquet_load`);

/** The final and temporary names of `specs` with `prefix`; a name past 63 bytes is a usage error. */
export function tableNames(specs: readonly TableSpec[], prefix: string): TableNames[] {
  return specs.map((spec) => {
    const final = `${prefix}${spec.name}`;
    if (Buffer.byteLength(final) > 63)
      throw new UsageError(
        `--table-prefix ${prefix}: ${final} is longer than PostgreSQL's 63-byte names; use a shorter prefix`,
      );
    return { spec, final, temp: tempName(final) };
  });
}

export interface Preflight {
  readonly schemaExists: boolean;
  /** Final names that exist and will be replaced. */
  readonly replaced: readonly string[];
}

/** Takes the session's advisory lock for `schema` + `prefix`, or refuses: another load holds it. */
export async function lockLoad(client: pg.Client, schema: string, prefix: string): Promise<void> {
  const { rows } = await client.query(
    `SELECT pg_try_advisory_lock(hashtext('gen-parquet load'), hashtext($1)) AS locked`,
    [`${schema}.${prefix}`],
  );
  if (!rows[0].locked)
    throw new UsageError(
      `another gen-parquet load into ${schema} (prefix "${prefix}") is running; wait for it to finish`,
    );
}

export async function preflight(
  client: pg.Client,
  schema: string,
  prefix: string,
  loading: readonly TableNames[],
  replace: boolean,
): Promise<Preflight> {
  const { rows: ns } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  const parents = [...new Set(loading.flatMap((t) => foreignKeys(t.spec).map((f) => f.parent)))]
    .filter((p) => !loading.some((t) => t.spec.name === p))
    .map((p) => ({ table: p, final: `${prefix}${p}` }));
  const { rows } = await client.query(
    `SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = ANY($2::text[])`,
    [schema, [...loading.map((t) => t.final), ...parents.map((p) => p.final)]],
  );
  const kind = new Map<string, string>(rows.map((r) => [r.relname, r.relkind]));
  const show = (name: string) => `${schema}.${name}`;
  const notTables = loading.filter((t) => kind.has(t.final) && !['r', 'p'].includes(kind.get(t.final)!));
  if (notTables.length)
    throw new UsageError(
      `${notTables.map((t) => show(t.final)).join(', ')} already exist${notTables.length === 1 ? 's' : ''} and ${notTables.length === 1 ? 'is not a table' : 'are not tables'}: gen-parquet load replaces only tables; drop ${notTables.length === 1 ? 'it' : 'them'} or choose another --schema or --table-prefix`,
    );
  const existing = loading.filter((t) => kind.has(t.final)).map((t) => t.final);
  if (existing.length && !replace)
    throw new UsageError(
      `${existing.map(show).join(', ')} already exist${existing.length === 1 ? 's' : ''}; pass --replace to replace ${existing.length === 1 ? 'it' : 'them'} (in one transaction), or choose another --schema or --table-prefix`,
    );
  const missing = parents.filter((p) => !['r', 'p'].includes(kind.get(p.final) ?? ''));
  if (missing.length) {
    const as = prefix ? ` (as ${missing.map((p) => p.final).join(', ')})` : '';
    throw new UsageError(
      `--tables: foreign keys need ${missing.map((p) => p.table).join(', ')}, neither loaded now nor in ${schema}${as}; add ${missing.length === 1 ? 'it' : 'them'} to --tables`,
    );
  }
  return { schemaExists: ns.length > 0, replaced: existing };
}

/** Drops the temporaries of `names` that a killed load left (only tables carrying the load's mark). */
export async function dropStaleTemporaries(
  client: pg.Client,
  schema: string,
  names: readonly TableNames[],
): Promise<string[]> {
  const { rows } = await client.query(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) AND c.relkind = 'r'
        AND obj_description(c.oid, 'pg_class') = $3`,
    [schema, names.map((t) => t.temp), TEMP_MARKER],
  );
  const stale = rows.map((r) => r.relname as string);
  if (stale.length) await client.query(`DROP TABLE ${stale.map((t) => qualified(schema, t)).join(', ')}`);
  return stale;
}
