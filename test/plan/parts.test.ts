/**
 * The cut of a dataset into parts: exact ranges on small inputs, `--part` parsing, and on every
 * pack's real plan (tiny scale, day and month files) a partition: every file in exactly one part, in
 * the plan's order, each part's rows within one file of total/n.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { UsageError } from '../../src/errors.js';
import { parsePart } from '../../src/options.js';
import { MAX_PARTS, partRanges } from '../../src/plan/parts.js';
import { cutPlan } from '../../src/run/partCut.js';
import { buildPlan, type RunPlan } from '../../src/run/runPlan.js';
import { SCENARIOS } from '../../src/scenarios/registry.js';

describe('partRanges', () => {
  it.each([
    // Equal units: an even split.
    [
      [1, 1, 1, 1],
      2,
      [
        [0, 2],
        [2, 4],
      ],
    ],
    // A unit goes where the midpoint of its rows falls: 10 of 16 rows, midpoint 5 < 8.
    [
      [10, 2, 2, 2],
      2,
      [
        [0, 1],
        [1, 4],
      ],
    ],
    [
      [2, 2, 2, 10],
      2,
      [
        [0, 3],
        [3, 4],
      ],
    ],
    // More parts than units: some parts are empty, none is skipped over.
    [
      [5, 5],
      4,
      [
        [0, 0],
        [0, 1],
        [1, 1],
        [1, 2],
      ],
    ],
    [
      // 8 rows, boundaries at 2.67 and 5.33: midpoints 1.5 | 3.5, 4.5 | 5.5, 6.5, 7.5.
      [3, 1, 1, 1, 1, 1],
      3,
      [
        [0, 1],
        [1, 3],
        [3, 6],
      ],
    ],
    // No rows at all: part 1 has every unit.
    [
      [0, 0],
      2,
      [
        [0, 2],
        [2, 2],
      ],
    ],
    [[7], 1, [[0, 1]]],
  ])('%j in %i parts: %j', (rows, n, expected) => {
    expect(partRanges(rows, n).map((r) => [r.first, r.end])).toEqual(expected);
  });

  it('stays exact at 1000x totals and the most parts', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => 1_000_000 + (i % 7) * 1000);
    const ranges = partRanges(rows, MAX_PARTS);
    expect(ranges[0]!.first).toBe(0);
    expect(ranges.at(-1)!.end).toBe(rows.length);
    for (let p = 1; p < ranges.length; p++) expect(ranges[p]!.first).toBe(ranges[p - 1]!.end);
    expect(ranges.every((r) => r.end - r.first === 2)).toBe(true);
  });
});

describe('parsePart', () => {
  it.each([
    ['1/4', { k: 1, n: 4 }],
    [' 4 / 4 ', { k: 4, n: 4 }],
    ['1/1', { k: 1, n: 1 }],
    [`${MAX_PARTS}/${MAX_PARTS}`, { k: MAX_PARTS, n: MAX_PARTS }],
  ])('accepts %s', (text, part) => expect(parsePart(text)).toEqual(part));

  const accepted = `accepted: k/n with whole numbers 1 ≤ k ≤ n ≤ ${MAX_PARTS}, e.g. 1/4`;
  it.each([
    ['2', `--part 2: not of the form k/n; ${accepted}`],
    ['1/2/3', `--part 1/2/3: not of the form k/n; ${accepted}`],
    ['-1/4', `--part -1/4: not of the form k/n; ${accepted}`],
    ['1.5/4', `--part 1.5/4: not of the form k/n; ${accepted}`],
    ['0/4', `--part 0/4: there is no part 0 of 4; ${accepted}`],
    ['5/4', `--part 5/4: there is no part 5 of 4; ${accepted}`],
    ['1/0', `--part 1/0: 0 parts; ${accepted}`],
    [`1/${MAX_PARTS + 1}`, `--part 1/${MAX_PARTS + 1}: ${MAX_PARTS + 1} parts; ${accepted}`],
  ])('refuses %s in one line', (text, message) => {
    expect(() => parsePart(text)).toThrow(new UsageError(message));
  });
});

describe.each(SCENARIOS.map((p) => [p.name, p] as const))('the cut of %s', (_, pack) => {
  const plans = new Map<string, RunPlan>();
  const planOf = async (by: 'day' | 'month') => {
    if (!plans.has(by)) {
      const loaded = loadConfig(pack.configFile, pack.configSchema);
      const tables = pack.tables.map((t) => t.name);
      plans.set(by, await buildPlan(pack, loaded, 42, pack.minScale, tables, by));
    }
    return plans.get(by)!;
  };

  it.each([
    ['day', 1],
    ['day', 3],
    ['day', 4],
    ['day', 64],
    ['month', 4],
    ['month', 1000],
  ] as const)(
    'by %s into %i parts is a partition of the files, in order, balanced by rows',
    async (by, n) => {
      const plan = await planOf(by);
      const tables = pack.tables.map((t) => t.name);
      const all = [
        ...plan.dimensions.map((b) => ({ path: `${b.table}/part-00000.parquet`, rows: b.rows })),
        ...[...plan.facts.values()].flat(),
      ];
      const total = all.reduce((a, f) => a + f.rows, 0);
      const largest = Math.max(...all.map((f) => f.rows));
      const seen: string[] = [];
      for (let k = 1; k <= n; k++) {
        const cut = cutPlan(plan, tables, { k, n });
        const paths = [
          ...cut.dimensions.map((b) => `${b.table}/part-00000.parquet`),
          ...[...cut.facts.values()].flat().map((f) => f.path),
        ];
        expect(paths.length).toBe(cut.range.end - cut.range.first);
        expect(cut.range.first).toBe(seen.length);
        seen.push(...paths);
        const rows =
          cut.dimensions.reduce((a, b) => a + b.rows, 0) +
          [...cut.facts.values()].flat().reduce((a, f) => a + f.rows, 0);
        expect(Math.abs(rows - total / n)).toBeLessThanOrEqual(largest);
      }
      // Every file exactly once, and in the plan's order: concatenated, the parts are the plan.
      expect(seen).toEqual(all.map((f) => f.path));
      // Dimensions come first: part 1 writes them unless they hold more than its share.
      const first = cutPlan(plan, tables, { k: 1, n });
      if (plan.dimensions.reduce((a, b) => a + b.rows, 0) < total / n / 2)
        expect(first.dimensions.length).toBe(plan.dimensions.length);
    },
  );
});
