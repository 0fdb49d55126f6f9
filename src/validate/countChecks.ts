/** Group 2: row counts match the manifest and the design; IDs stay in their ranges; sequences run 1..N in time order. */
import { answered, type CheckContext, type CheckResult, GROUP, NO_ROW, result, row } from './check.js';
import { keyIsSequence, sequenceFacts } from './sequenceFacts.js';

export async function countChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { manifest, has, pack } = ctx;
  const checks: CheckResult[] = [];
  for (const t of pack.tables.filter((x) => has(x.name))) {
    const listed = manifest.files.filter((f) => f.table === t.name).reduce((a, f) => a + f.rows, 0);
    const idMax = manifest.expected.id_max?.[t.name];
    const expected = manifest.expected.rows[t.name];
    const key = t.primaryKey;
    let rows = Number.NaN;
    // A sequence key's table was counted with its ids (sequenceFacts.ts): no scan of its own.
    const facts = keyIsSequence(t) ? () => sequenceFacts(ctx, t) : undefined;
    checks.push(
      ...(await answered(
        ctx,
        async () => {
          if (!facts)
            return row(
              ctx.con,
              `SELECT count(*) AS n${idMax !== undefined ? `, min(${key}) AS lo, max(${key}) AS hi` : ''} FROM ${t.name}`,
            );
          const f = await facts();
          return { n: f.rows, lo: f.lo, hi: f.hi };
        },
        (r: Record<string, number>) => {
          rows = r.n!;
          const counted = [
            result(GROUP.counts, `${t.name} rows = manifest`, String(listed), String(r.n), r.n === listed),
          ];
          if (expected !== undefined)
            counted.push(
              result(
                GROUP.counts,
                `${t.name} rows = plan (exact)`,
                String(expected),
                String(r.n),
                r.n === expected,
              ),
            );
          if (idMax !== undefined) {
            // A ceiling equal to the row count means the ids are exactly 1..rows.
            const exact = idMax === r.n;
            const contiguous = exact ? r.hi === r.n : r.hi! <= idMax;
            const target = exact ? `1..${r.n} (contiguous)` : `1..≤${idMax}`;
            counted.push(
              result(
                GROUP.counts,
                `${t.name}.${key} range`,
                target,
                `${r.lo}..${r.hi}`,
                r.lo === 1 && contiguous,
              ),
            );
          }
          return counted;
        },
        NO_ROW,
      )),
    );
    if (t.sequence) {
      const { column: id, time } = t.sequence;
      checks.push(
        ...(await answered(
          ctx,
          async (): Promise<Record<string, number>> =>
            facts
              ? { ...(await facts()) }
              : row(
                  ctx.con,
                  `SELECT min(${id}) AS lo, max(${id}) AS hi, count(*) FILTER (WHERE prev > ${time}) AS backwards
                   FROM (SELECT ${id}, ${time}, lag(${time}) OVER (ORDER BY ${id}) AS prev FROM ${t.name})`,
                ),
          (s) => {
            // With no duplicates (group 1), min 1 and max = rows means no gaps either.
            const ok = rows === 0 || (s.lo === 1 && s.hi === rows);
            return [
              result(GROUP.counts, `${t.name}.${id} spans 1..rows`, `1..${rows}`, `${s.lo}..${s.hi}`, ok),
              result(
                GROUP.counts,
                `${t.name}.${id} order breaks against ${time}`,
                '0',
                String(s.backwards),
                s.backwards === 0,
              ),
            ];
          },
          NO_ROW,
        )),
      );
    }
  }
  return checks;
}
