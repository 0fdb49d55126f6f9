/** Group 3: partitions = UTC days or months, rows inside the business time range, and the pack's ordering rules. */
import { partitionColumn } from '../schema/partitioning.js';
import { type CheckContext, type CheckResult, GROUP, rowChecks, zero } from './check.js';

export async function timeChecks(ctx: CheckContext): Promise<CheckResult[]> {
  const { manifest, has, pack } = ctx;
  const checks: CheckResult[] = [];
  const range = manifest.expected.time;
  for (const t of pack.tables.filter((x) => has(x.name))) {
    // One scan per table: its partition and time-range checks (facts) with its ordering rules.
    const scan = pack.checks.ordering?.find((s) => s.table === t.name && s.needs.every(has));
    const named: [string, string][] = [];
    if (t.partition) {
      const { source } = t.partition;
      const by = manifest.partition_by === 'month' ? 'month' : 'day';
      const column = partitionColumn(t, by);
      // Day numbers by integer arithmetic: exact for UTC, and far cheaper than a time-zone-aware cast.
      const dayNumber = `epoch_us(c.${source}) // 86400000000`;
      named.push([
        `${t.name} rows outside their ${column} partition (UTC)`,
        by === 'day'
          ? `c.${column} - DATE '1970-01-01' <> ${dayNumber}`
          : `c.${column} <> strftime(DATE '1970-01-01' + (${dayNumber})::INTEGER, '%Y-%m')`,
      ]);
      if (range)
        named.push([
          `${t.name} rows outside the business time range`,
          `epoch_us(c.${source}) < ${range.start_us} OR epoch_us(c.${source}) >= ${range.end_us}`,
        ]);
    }
    named.push(...(scan?.rules ?? []).map(([n, c]) => [n, c] as [string, string]));
    if (!named.length) continue;
    checks.push(
      ...(await rowChecks(
        ctx,
        `SELECT ${named.map(([, cond], i) => `count(*) FILTER (WHERE ${cond}) AS v${i}`).join(', ')} FROM ${scan?.from ?? `${t.name} c`}`,
        (r) => named.map(([name], i) => zero(GROUP.time, name, r[`v${i}`]!)),
      )),
    );
  }
  return checks;
}
