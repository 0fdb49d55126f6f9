/**
 * The cut of a dataset into `--part k/n`: its files ("units": each dimension table's one file, then
 * each fact file, in the plan's order) laid end to end on a line of rows, and cut into n contiguous
 * ranges of about equal rows. A unit belongs to the part whose stretch of the line holds the
 * midpoint of the unit's rows, so every unit is in exactly one part, the parts follow the plan's
 * order, and each part's rows differ from total/n by less than one unit's rows.
 */

/** Part k of n (1 ≤ k ≤ n). */
export interface PartRef {
  readonly k: number;
  readonly n: number;
}

/** Units `[first, end)` of the plan's order. */
export interface UnitRange {
  readonly first: number;
  readonly end: number;
}

/**
 * The range of units of each part 1..n (index 0 is part 1). Integer arithmetic: rows up to 1e12 and
 * n up to MAX_PARTS stay exact in a double (2 · 1e12 · 1e4 < 2^53).
 */
export function partRanges(rows: readonly number[], n: number): UnitRange[] {
  const total = rows.reduce((a, r) => a + r, 0);
  const ends = new Array<number>(n).fill(0);
  let start = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    // floor(midpoint · n / total) without fractions: (2·start + r) · n / (2·total).
    const p = total === 0 ? 0 : Math.min(n - 1, Math.floor(((2 * start + r) * n) / (2 * total)));
    ends[p] = i + 1;
    start += r;
  }
  const ranges: UnitRange[] = [];
  let first = 0;
  for (let p = 0; p < n; p++) {
    const end = Math.max(first, ends[p]!);
    ranges.push({ first, end });
    first = end;
  }
  return ranges;
}

/** Most parts: an array job of more tasks than this would give most of them nothing to write. */
export const MAX_PARTS = 10_000;
