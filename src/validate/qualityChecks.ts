/**
 * Group 7, for a dataset spoiled on purpose (`--quality`): the dirty data differs from the clean data
 * exactly by the ground truth. No more: the clean rows rebuilt from the dirty files and the ground
 * truth (cleanSources.ts) have, file by file, the digest the writer took of the clean rows as it
 * generated them, before spoiling. No less: every listed value is in the dirty file where listed (and
 * differs from the clean one), every added row is there, and each file holds its clean rows less the
 * removed ones plus the added ones. The planted issues are reported by kind, as expected.
 */

import { join } from 'node:path';
import { isText } from '../quality/cells.js';
import { digestSql } from '../quality/digest.js';
import type { Manifest } from '../run/manifest.js';
import { duckdbType } from '../schema/dictionary.js';
import type { TableSpec } from '../schema/tableSpec.js';
import { answered, type CheckContext, type CheckResult, result, row } from './check.js';
import { cleanView, dirtyView, driftsOf, type FileDrift } from './cleanSources.js';
import { escapeGlob } from './sources.js';

export const QUALITY_GROUP = '7. Planted issues (ground truth)';

const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Listed values and added rows not found in the dirty files as listed. */
async function notFound(ctx: CheckContext, manifest: Manifest, t: TableSpec): Promise<number> {
  const name = sqlString(t.name);
  if (!manifest.files.some((f) => f.table === t.name))
    return row(
      ctx.con,
      `SELECT count(*) AS n FROM __issues WHERE "table" = ${name} AND change IN ('value', 'added_row')`,
    ).then((r) => r.n!);
  const holds = t.columns
    .map((c) => {
      const type = duckdbType(c);
      const ref = `d."${c.name}"`;
      return `WHEN ${sqlString(c.name)} THEN ${ref} IS NOT DISTINCT FROM CAST(f.planted_value AS ${type}) AND ${ref} IS DISTINCT FROM CAST(f.clean_value AS ${type})`;
    })
    .join(' ');
  const r = await row(
    ctx.con,
    `SELECT count(*) FILTER (WHERE d.__file IS NULL OR (f.change = 'value' AND NOT coalesce(CASE f."column" ${holds} END, false))) AS n
     FROM (SELECT * FROM __issues WHERE "table" = ${name} AND change IN ('value', 'added_row')) f
     LEFT JOIN ${dirtyView(t.name)} d ON d.__file = f.file AND d.file_row_number = f.row_number`,
  );
  return r.n!;
}

/** A column as the schema check compares it: its name and whether the file stores it as text. */
const sig = (name: string, text: boolean) => `${name}:${text ? 't' : 'n'}`;

/** The columns a file with `drifts` must hold, sorted: the clean ones with the listed changes. */
function expectedColumns(t: TableSpec, drifts: readonly FileDrift[]): string {
  const out = t.columns.map((c) => {
    const d = drifts.find((x) => x.column === c.name);
    if (d?.change === 'column_renamed') return sig(d.planted.split(' ')[0]!, isText(c));
    return sig(c.name, isText(c) || d?.change === 'column_retyped');
  });
  for (const d of drifts.filter((x) => x.change === 'column_added')) {
    const [name, ...type] = d.planted.split(' ');
    out.push(sig(name!, type.join(' ') === 'VARCHAR'));
  }
  return out.sort().join(',');
}

/** Files of `t` whose columns (names, text or not) are not the clean schema with their listed drift. */
async function schemaDiffers(
  ctx: CheckContext,
  outDir: string,
  manifest: Manifest,
  t: TableSpec,
): Promise<{ n: number; first: string }> {
  const paths = manifest.files.filter((f) => f.table === t.name).map((f) => f.path);
  if (!paths.length) return { n: 0, first: '' };
  const drifts = await driftsOf(ctx.con, t.name);
  const list = paths.map((p) => sqlString(escapeGlob(join(outDir, p)))).join(', ');
  const got = new Map(
    (
      await ctx.con.runAndReadAll(
        `SELECT file_name, array_to_string(list_sort(list(name || ':' || CASE WHEN type = 'BYTE_ARRAY' THEN 't' ELSE 'n' END)), ',')
         FROM parquet_schema([${list}]) WHERE num_children IS NULL GROUP BY file_name`,
      )
    )
      .getRows()
      .map(([f, cols]) => [String(f), String(cols)]),
  );
  const differing = paths.filter((p) => got.get(join(outDir, p)) !== expectedColumns(t, drifts.get(p) ?? []));
  return { n: differing.length, first: differing[0] ?? '' };
}

/** The group for the dataset in `outDir` (its own manifest: the checks' context has the clean twin's). */
export function qualityChecks(outDir: string, manifest: Manifest) {
  return async function qualityChecks(ctx: CheckContext): Promise<CheckResult[]> {
    const truth = manifest.ground_truth!;
    const checks: CheckResult[] = [];
    for (const t of ctx.pack.tables.filter((x) => ctx.has(x.name))) {
      const clean = Object.entries(truth.clean).filter(([path]) => path.startsWith(`${t.name}/`));
      const dirtyRowsListed = manifest.files
        .filter((f) => f.table === t.name)
        .reduce((a, f) => a + f.rows, 0);
      checks.push(
        ...(await answered(
          ctx,
          async () => {
            const counts = await row(
              ctx.con,
              `SELECT count(*) FILTER (WHERE change = 'added_row') AS added, count(*) FILTER (WHERE change = 'removed_row') AS removed
               FROM __issues WHERE "table" = ${sqlString(t.name)}`,
            );
            const rebuilt = (
              await ctx.con.runAndReadAll(
                `SELECT __file, count(*)::BIGINT AS n, ${digestSql(t)} AS digest FROM ${cleanView(t.name)} GROUP BY __file`,
              )
            ).getRowObjectsJson() as { __file: string; n: string; digest: string }[];
            const got = new Map(rebuilt.map((r) => [r.__file, r]));
            const differing = clean.filter(([path, c]) => {
              const r = got.get(path);
              return !r || Number(r.n) !== c.rows || r.digest !== c.digest;
            });
            const extra = rebuilt.filter((r) => !truth.clean[r.__file]).length;
            return {
              cleanRows: clean.reduce((a, [, c]) => a + c.rows, 0),
              added: counts.added!,
              removed: counts.removed!,
              differing: differing.length + extra,
              first: differing[0]?.[0] ?? '',
              notFound: await notFound(ctx, manifest, t),
              schema: await schemaDiffers(ctx, outDir, manifest, t),
            };
          },
          (r) => {
            const expected = r.cleanRows - r.removed + r.added;
            return [
              result(
                QUALITY_GROUP,
                `${t.name}: rows = clean rows − removed + added`,
                `${r.cleanRows} − ${r.removed} + ${r.added} = ${expected}`,
                String(dirtyRowsListed),
                dirtyRowsListed === expected,
              ),
              result(
                QUALITY_GROUP,
                `${t.name}: listed values and added rows not where the ground truth says`,
                '0',
                String(r.notFound),
                r.notFound === 0,
              ),
              result(
                QUALITY_GROUP,
                `${t.name}: files whose rows, less the ground truth, differ from the clean generator's (digest)`,
                '0',
                `${r.differing}${r.first ? ` (${r.first})` : ''}`,
                r.differing === 0,
              ),
              result(
                QUALITY_GROUP,
                `${t.name}: files whose columns are not the clean schema with their listed drift`,
                '0',
                `${r.schema.n}${r.schema.first ? ` (${r.schema.first})` : ''}`,
                r.schema.n === 0,
              ),
            ];
          },
          {
            cleanRows: Number.NaN,
            added: Number.NaN,
            removed: Number.NaN,
            differing: Number.NaN,
            first: '',
            notFound: Number.NaN,
            schema: { n: Number.NaN, first: '' },
          },
        )),
      );
    }
    const kinds = await answered(
      ctx,
      async () =>
        Object.fromEntries(
          (await ctx.con.runAndReadAll(`SELECT kind, count(*)::INTEGER FROM __issues GROUP BY kind`))
            .getRows()
            .map(([k, n]) => [String(k), Number(n)]),
        ) as Record<string, number>,
      (found) =>
        [...new Set([...Object.keys(truth.kinds), ...Object.keys(found)])].sort().map((kind) => {
          const listed = truth.kinds[kind] ?? 0;
          const got = found[kind] ?? 0;
          return result(
            QUALITY_GROUP,
            `planted ${kind} issues, as the manifest lists`,
            String(listed),
            String(got),
            got === listed,
          );
        }),
      {},
    );
    checks.push(...kinds);
    return checks;
  };
}
