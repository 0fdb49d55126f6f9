/** After a load: each table's rows in the target against the manifest's. */
export interface RowCount {
  readonly table: string;
  /** The table's name in the target (schema-qualified for PostgreSQL). */
  readonly target: string;
  readonly rows: number;
  readonly manifest: number;
}

/** The tables whose counts differ, as one line (empty when all match). */
export function countMismatches(counts: readonly RowCount[]): string {
  return counts
    .filter((c) => c.rows !== c.manifest)
    .map((c) => `${c.target} has ${c.rows} rows, the manifest ${c.manifest}`)
    .join('; ');
}
