/**
 * Group 8, for a dataset with conflicting sources (`--sources 3`): every source row resolves through
 * the map to exactly one entity of the clean table (and each source holds an entity once), each
 * source's share of rows no other source holds is the seed's within ±2 points, and the planted
 * conflicts come in the seed's mix.
 */
import { join } from 'node:path';
import { dimensionPath } from '../run/writeFiles.js';
import { CONFLICT_KINDS, CONFLICT_WEIGHTS, SOURCES, UNIQUE_SHARE } from '../sources/assign.js';
import { sourceMapTable, sourceTable } from '../sources/extract.js';
import { type CheckContext, type CheckResult, near, rowChecks, zero } from './check.js';

export const SOURCES_GROUP = '8. Conflicting sources';
/** How far a source's unique share may be from the seed's (the issue's ±2 points). */
export const SHARE_TOLERANCE = 0.02;
/** Conflicts are dealt by quota: the mix is off by rounding only, at most half a row of a few dozen. */
const MIX_TOLERANCE = 0.05;

const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;

export function sourceChecks(outDir: string) {
  return async function sources(ctx: CheckContext): Promise<CheckResult[]> {
    const spec = ctx.pack.tables.find((t) => t.entity);
    if (!spec) return [zero(SOURCES_GROUP, 'an entity table declared for --sources', 1)];
    const file = (table: string) => sqlString(join(outDir, dimensionPath(table)));
    const rows = SOURCES.map(
      (s, i) => `SELECT '${s}' AS source, source_id FROM read_parquet(${file(sourceTable(spec.name, i))})`,
    ).join(' UNION ALL ');
    await ctx.con.run(`CREATE OR REPLACE TEMP VIEW __source_rows AS ${rows}`);
    await ctx.con.run(
      `CREATE OR REPLACE TEMP VIEW __source_map AS SELECT * FROM read_parquet(${file(sourceMapTable(spec.name))})`,
    );
    const key = `"${spec.primaryKey}"`;
    const resolve = await rowChecks(
      ctx,
      `WITH m AS (SELECT source, source_id, count(*) AS n, min(true_id) AS true_id FROM __source_map GROUP BY ALL),
            e AS (SELECT ${key} AS id FROM read_parquet(${file(spec.name)}))
       SELECT
         (SELECT count(*) FROM __source_rows r LEFT JOIN m USING (source, source_id)
            WHERE m.n IS DISTINCT FROM 1 OR m.true_id NOT IN (SELECT id FROM e)) AS unresolved,
         (SELECT count(*) FROM m ANTI JOIN __source_rows r USING (source, source_id)) AS unheld,
         (SELECT count(*) - count(DISTINCT (source, true_id)) FROM __source_map) AS twice`,
      (r) => [
        zero(SOURCES_GROUP, 'source rows not resolved to exactly one entity by the map', r.unresolved!),
        zero(SOURCES_GROUP, 'map rows of no source row', r.unheld!),
        zero(SOURCES_GROUP, 'entities a source holds more than once', r.twice!),
      ],
    );
    const shares = await rowChecks(
      ctx,
      `WITH held AS (SELECT source, true_id, count(*) OVER (PARTITION BY true_id) AS sources FROM __source_map)
       SELECT ${SOURCES.map((s) => `avg((sources = 1)::INTEGER) FILTER (WHERE source = '${s}') AS "${s}"`).join(', ')}
       FROM held`,
      (r) =>
        SOURCES.map((s, i) =>
          near(
            SOURCES_GROUP,
            `source ${s.toUpperCase()}: share of rows no other source holds`,
            r[s]!,
            UNIQUE_SHARE[i]!,
            SHARE_TOLERANCE,
          ),
        ),
    );
    const mix = await rowChecks(
      ctx,
      `SELECT ${CONFLICT_KINDS.map((k) => `avg((conflict = '${k}')::INTEGER) AS "${k}"`).join(', ')}
       FROM __source_map WHERE conflict IS NOT NULL`,
      (r) =>
        CONFLICT_KINDS.map((k, i) =>
          near(SOURCES_GROUP, `share of ${k} conflicts`, r[k]!, CONFLICT_WEIGHTS[i]!, MIX_TOLERANCE),
        ),
    );
    return [...resolve, ...shares, ...mix];
  };
}
