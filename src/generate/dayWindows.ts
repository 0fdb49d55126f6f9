/**
 * Entities (devices, users) live on a given day, with cumulative weights to pick one by. Each
 * entity's first and last day is worked out once per worker; a day's selection is written into
 * reused scratch in entity order, so a pick is the one a freshly built list would give.
 */
export class DayWindows {
  private readonly ids: Int32Array;
  private readonly cumulative: Float64Array;

  /**
   * @param first, last  each entity's first and last live day (first > last: never)
   * @param weight       each entity's weight; entities of weight 0 are never selected
   * @param candidates   the entities to consider, ascending (default: all)
   */
  constructor(
    private readonly first: Int32Array,
    private readonly last: Int32Array,
    private readonly weight: Float64Array,
    private readonly candidates: Int32Array = Int32Array.from(first, (_, i) => i),
  ) {
    this.ids = new Int32Array(candidates.length);
    this.cumulative = new Float64Array(candidates.length);
  }

  /**
   * Live entities on `day` and their cumulative weights: views valid until the next call. `factor`,
   * if given, scales each live entity's weight on that day (weights that change over time); an
   * entity whose scaled weight is not positive is left out.
   */
  on(
    day: number,
    factor?: (entity: number, day: number) => number,
  ): { ids: Int32Array; cumulative: Float64Array } {
    const { first, last, weight, candidates, ids, cumulative } = this;
    let n = 0;
    let total = 0;
    for (let j = 0; j < candidates.length; j++) {
      const e = candidates[j]!;
      if (day < first[e]! || day > last[e]!) continue;
      const w = factor ? weight[e]! * factor(e, day) : weight[e]!;
      if (!(w > 0)) continue;
      ids[n] = e;
      cumulative[n++] = total += w;
    }
    return { ids: ids.subarray(0, n), cumulative: cumulative.subarray(0, n) };
  }
}
