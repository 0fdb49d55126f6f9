/**
 * Which of a plan's files part k of n writes: the written dimension tables (one file each), then
 * every fact file, in the plan's order, cut by rows (`plan/parts.ts`). The dimensions come first, so
 * part 1 writes them (and the parts after it too, when they hold more than 1/n of the rows).
 */
import type { Batch } from '../generate/batch.js';
import type { FactFilePlan } from '../plan/files.js';
import { type PartRef, partRanges, type UnitRange } from '../plan/parts.js';
import type { RunPlan } from './runPlan.js';

export interface PartCut {
  readonly dimensions: readonly Batch[];
  /** Only tables the part has files of, in the plan's table order. */
  readonly facts: ReadonlyMap<string, readonly FactFilePlan[]>;
  /** The part's units among `units`. */
  readonly range: UnitRange;
  readonly units: number;
}

export function cutPlan(plan: RunPlan, tables: readonly string[], part: PartRef): PartCut {
  const dimensions = plan.dimensions.filter((b) => tables.includes(b.table));
  const files = [...plan.facts.values()].flat();
  const rows = [...dimensions.map((b) => b.rows), ...files.map((f) => f.rows)];
  const range = partRanges(rows, part.n)[part.k - 1]!;
  const facts = new Map<string, FactFilePlan[]>();
  for (let i = Math.max(range.first, dimensions.length); i < range.end; i++) {
    const file = files[i - dimensions.length]!;
    const list = facts.get(file.table);
    if (list) list.push(file);
    else facts.set(file.table, [file]);
  }
  return {
    dimensions: dimensions.slice(range.first, Math.min(range.end, dimensions.length)),
    facts,
    range,
    units: rows.length,
  };
}
