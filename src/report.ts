/** Plain-text tables for the run summary and the validation report (no locale formatting). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadResult } from './load/load.js';
import type { TableSummary } from './run/coordinator.js';
import type { RunPlan } from './run/runPlan.js';
import type { ScenarioPack } from './scenario/scenarioPack.js';
import type { ValidationReport } from './validate/validate.js';

function table(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  rightAlign: readonly boolean[],
): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (rightAlign[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** 1234567 → "1,234,567" without Intl, so output never depends on the host locale. */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatSummary(tables: readonly TableSummary[]): string {
  const rows = tables.map((t) => [
    t.reused ? `${t.table} (${t.reused} kept)` : t.table,
    groupDigits(t.rows),
    String(t.files),
    (t.bytes / 1e6).toFixed(1),
    t.seconds.toFixed(2),
    groupDigits(t.seconds > 0 ? t.rows / t.seconds : 0),
  ]);
  return table(['table', 'rows', 'files', 'MB', 'seconds', 'rows/s'], rows, [
    false,
    true,
    true,
    true,
    true,
    true,
  ]);
}

export function formatValidation(report: ValidationReport): string {
  const out: string[] = [];
  const groups = [...new Set(report.checks.map((c) => c.group))].sort();
  for (const g of groups) {
    out.push(g);
    const rows = report.checks
      .filter((c) => c.group === g)
      .map((c) => [c.status === 'fail' ? 'FAIL' : c.status, c.name, c.target, c.measured]);
    out.push(
      table(['', 'check', 'target', 'measured'], rows, [false, false, true, true]).replace(/^/gm, '  '),
    );
  }
  out.push('Time per check group');
  out.push(
    table(
      ['group', 'checks', 'seconds', 'CPU s'],
      report.timings.map((t) => [t.group, String(t.checks), t.seconds.toFixed(2), t.cpu_seconds.toFixed(2)]),
      [false, true, true, true],
    ).replace(/^/gm, '  '),
  );
  const failed = report.checks.filter((c) => !c.pass).length;
  const skipped = report.checks.filter((c) => c.status === 'skip').length;
  out.push(
    failed
      ? `validation FAILED: ${failed} of ${report.checks.length} checks (${report.seconds.toFixed(1)} s)`
      : `validation passed: ${report.checks.length - skipped} checks${skipped ? `, ${skipped} skipped` : ''} (${report.seconds.toFixed(1)} s)`,
  );
  return out.join('\n');
}

/** `gen-parquet plan`: files, rows and estimated size per table; time from the newest bench result if any. */
export function formatPlan(plan: RunPlan, benchDir: string): string {
  const rows: { table: string; files: number; rows: number }[] = plan.dimensions.map((b) => ({
    table: b.table,
    files: 1,
    rows: b.rows,
  }));
  for (const [table, files] of plan.facts)
    rows.push({ table, files: files.length, rows: files.reduce((a, f) => a + f.rows, 0) });
  const bytesPerRow = (t: string) => plan.pack.tables.find((x) => x.name === t)?.bytesPerRow ?? 40;
  const estimate = (t: string, r: number) => (r * bytesPerRow(t)) / 1e6;
  const total = rows.reduce((a, r) => a + r.rows, 0);
  const out = [
    table(
      ['table', 'files', 'rows', '~MB'],
      rows.map((r) => [
        r.table,
        groupDigits(r.files),
        groupDigits(r.rows),
        estimate(r.table, r.rows).toFixed(1),
      ]),
      [false, true, true, true],
    ),
    `total: ${groupDigits(rows.reduce((a, r) => a + r.files, 0))} files, ${groupDigits(total)} rows, ~${rows.reduce((a, r) => a + estimate(r.table, r.rows), 0).toFixed(0)} MB (ZSTD)`,
  ];
  const rate = newestBenchRate(benchDir);
  out.push(
    rate
      ? `estimated time: ~${(total / rate.rowsPerSecond).toFixed(0)} s at the ${groupDigits(rate.rowsPerSecond)} rows/s of the last bench (${rate.file})`
      : 'estimated time: unknown (no bench result yet: run npm run bench)',
  );
  return out.join('\n');
}

function newestBenchRate(dir: string): { rowsPerSecond: number; file: string } | undefined {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return undefined;
  }
  const file = files.at(-1);
  if (!file) return undefined;
  const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
    tap_events?: { rows_per_s?: number }[];
    results?: { rows_per_s?: number }[];
  };
  const rowsPerSecond = (data.tap_events ?? data.results)?.[0]?.rows_per_s;
  return rowsPerSecond ? { rowsPerSecond, file } : undefined;
}

/** `gen-parquet scenarios`: each pack, its description, and its tables with their rows at 1x. */
export function formatScenarios(
  packs: readonly Pick<ScenarioPack, 'name' | 'description' | 'tables'>[],
): string {
  return packs
    .map((p) =>
      [
        `${p.name}: ${p.description}`,
        table(
          ['table', 'kind', 'rows at 1x'],
          p.tables.map((t) => [t.name, t.kind, t.rowsAt1x]),
          [false, false, false],
        ).replace(/^/gm, '  '),
      ].join('\n'),
    )
    .join('\n\n');
}

/** `gen-parquet load`: rows, time and rate per table, and the count in the target against the manifest. */
export function formatLoadSummary(result: LoadResult): string {
  const rows = result.tables.map((t) => {
    const count = result.counts.find((c) => c.table === t.table)!;
    return [
      t.table,
      count.target,
      groupDigits(t.rows),
      t.seconds.toFixed(2),
      groupDigits(t.seconds > 0 ? t.rows / t.seconds : 0),
      groupDigits(count.rows),
      groupDigits(count.manifest),
    ];
  });
  return table(['table', 'loaded as', 'rows', 'seconds', 'rows/s', 'rows in target', 'manifest'], rows, [
    false,
    false,
    true,
    true,
    true,
    true,
    true,
  ]);
}

/** `gen-parquet load --json`: the same figures, machine-readable. */
export function loadSummaryJson(result: LoadResult) {
  const tables = result.tables.map((t) => {
    const count = result.counts.find((c) => c.table === t.table)!;
    return {
      ...t,
      target: count.target,
      rows_in_target: count.rows,
      manifest_rows: count.manifest,
      rows_per_s: t.seconds > 0 ? Math.round(t.rows / t.seconds) : 0,
    };
  });
  return {
    seconds: result.seconds,
    keys_seconds: result.keysSeconds,
    increment: result.increment,
    note: result.note,
    tables,
  };
}
