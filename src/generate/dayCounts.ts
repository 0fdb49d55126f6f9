/**
 * Whole rows per day from expected (fractional) rows per day, counted from the window's first day:
 * rows(d) = round(R(d + 1)) − round(R(d)), R the running total of the expectations. A day's count
 * depends only on the days up to it, so a longer window (same start) keeps every earlier day's
 * count, and the counts of any prefix sum to its rounded expectation.
 */
export function dayCounts(expected: ArrayLike<number>): Int32Array {
  const out = new Int32Array(expected.length);
  let total = 0;
  let rounded = 0;
  for (let d = 0; d < expected.length; d++) {
    const x = expected[d]!;
    if (!(x >= 0) || !Number.isFinite(x))
      throw new Error(`dayCounts: day ${d} expects ${x} rows; expectations must be finite and ≥ 0`);
    total += x;
    const r = Math.round(total);
    out[d] = r - rounded;
    rounded = r;
  }
  return out;
}

/** First index of each day (days + 1 entries) from counts per day. */
export function firstOfDays(counts: ArrayLike<number>): Int32Array {
  const first = new Int32Array(counts.length + 1);
  for (let d = 0; d < counts.length; d++) first[d + 1] = first[d]! + counts[d]!;
  return first;
}
