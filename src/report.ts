/** Plain-text tables for the run summary and the validation report (no locale formatting). */
import type { TableSummary } from './run/coordinator.js';
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
    t.table,
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
  const failed = report.checks.filter((c) => !c.pass).length;
  const skipped = report.checks.filter((c) => c.status === 'skip').length;
  out.push(
    failed
      ? `validation FAILED: ${failed} of ${report.checks.length} checks (${report.seconds.toFixed(1)} s)`
      : `validation passed: ${report.checks.length - skipped} checks${skipped ? `, ${skipped} skipped` : ''} (${report.seconds.toFixed(1)} s)`,
  );
  return out.join('\n');
}
