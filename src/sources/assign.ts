/**
 * Which entities each of three sources holds, and which of its rows conflict with the others: the
 * seed's overlaps (source A 60 % of its rows unique to it and 40 % shared with another source, B 50/50,
 * C 70/30) and conflict mix (name variants 40 %, measure differences 30 %, date conflicts 20 %, other
 * 10 %). Typed arrays throughout; every draw from the run's seed.
 */
import { UsageError } from '../errors.js';
import { baseState, Stream } from '../rng/stream.js';

export const SOURCES = ['a', 'b', 'c'] as const;
/** Share of each source's rows whose entity no other source holds (the seed's "unique"). */
export const UNIQUE_SHARE = [0.6, 0.5, 0.7] as const;
export const CONFLICT_KINDS = ['name', 'measure', 'date', 'other'] as const;
export const CONFLICT_WEIGHTS = [0.4, 0.3, 0.2, 0.1] as const;
/** Share of a shared entity's source rows that disagree with the truth. */
export const CONFLICT_RATE = 0.5;
/** Entities no source holds, so that rounding never runs out of entities. */
const UNSEEN = 0.05;
/** Below this the shares cannot come within ±2 points of the seed's. */
const MIN_ENTITIES = 40;

/** Sources holding each group's entities (bits: A 1, B 2, C 4): only A, only B, only C, AB, AC, BC, ABC, none. */
const GROUP_MASKS = [1, 2, 4, 3, 5, 6, 7, 0] as const;
/** Shares of the entities held by two or three sources (AB, AC, BC, ABC), before scaling. */
const SHARED = [0.06, 0.04, 0.04, 0.04] as const;

/** Stream slots: one per decision (three for a per-source one), so adding one changes no other. */
export const SLOT = { groups: 0, order: 1, conflict: 4, made: 5, variant: 8, updated: 11 } as const;

export const sourceStream = (seed: number, table: string, slot: number) =>
  new Stream(baseState(seed, `${table}/sources`), slot);

export interface SourceRows {
  /** Entity index (0-based, in key order) of each of the source's rows, in its own id order. */
  readonly entity: Int32Array;
  /** Conflict kind of each row: -1 none, else an index into CONFLICT_KINDS. */
  readonly conflict: Int8Array;
}

/** How many entities each group gets: shared ones by share, unique ones so each source's unique share is the seed's. */
export function groupSizes(entities: number): Int32Array {
  const total = SHARED.reduce((a, s) => a + s, 0);
  const sharedOf = (bit: number) => SHARED.reduce((a, s, g) => a + (GROUP_MASKS[g + 3]! & bit ? s : 0), 0);
  const uniqueTotal = [1, 2, 4].reduce((a, bit, i) => {
    const u = UNIQUE_SHARE[i]!;
    return a + (sharedOf(bit) * u) / (1 - u);
  }, 0);
  const scale = ((1 - UNSEEN) * entities) / (total + uniqueTotal);
  const sizes = new Int32Array(GROUP_MASKS.length);
  for (let g = 0; g < SHARED.length; g++) sizes[g + 3] = Math.round(SHARED[g]! * scale);
  // Rounding may ask for a few more entities than there are: the biggest shared group gives them back.
  for (;;) {
    let used = 0;
    for (let i = 0; i < 3; i++) {
      const bit = 1 << i;
      let shared = 0;
      for (let g = 3; g < 7; g++) if (GROUP_MASKS[g]! & bit) shared += sizes[g]!;
      sizes[i] = Math.round((shared * UNIQUE_SHARE[i]!) / (1 - UNIQUE_SHARE[i]!));
      used += sizes[i]!;
    }
    for (let g = 3; g < 7; g++) used += sizes[g]!;
    if (used <= entities) {
      sizes[7] = entities - used;
      break;
    }
    let biggest = 3;
    for (let g = 4; g < 7; g++) if (sizes[g]! > sizes[biggest]!) biggest = g;
    sizes[biggest]!--;
  }
  if (entities < MIN_ENTITIES || sizes.subarray(3, 7).some((n) => n === 0))
    throw new UsageError(
      `--sources: ${entities} entities are too few for three overlapping sources; accepted: a scale that gives at least ${MIN_ENTITIES}`,
    );
  return sizes;
}

/** Fisher–Yates over 0..n-1. */
function shuffled(n: number, stream: Stream): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(stream.next() * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

/** Each source's rows for `entities` entities of `table`. */
export function assignSources(seed: number, table: string, entities: number): SourceRows[] {
  const sizes = groupSizes(entities);
  const order = shuffled(entities, sourceStream(seed, table, SLOT.groups));
  const mask = new Uint8Array(entities);
  let at = 0;
  for (let g = 0; g < GROUP_MASKS.length; g++)
    for (let k = 0; k < sizes[g]!; k++) mask[order[at++]!] = GROUP_MASKS[g]!;
  const rows = SOURCES.map((_, i) => {
    const bit = 1 << i;
    let n = 0;
    for (let e = 0; e < entities; e++) if (mask[e]! & bit) n++;
    const held = new Int32Array(n);
    n = 0;
    for (let e = 0; e < entities; e++) if (mask[e]! & bit) held[n++] = e;
    // Each source numbers its rows in an order of its own: a source id says nothing of the true id.
    const perm = shuffled(n, sourceStream(seed, table, SLOT.order + i));
    const entity = new Int32Array(n);
    for (let r = 0; r < n; r++) entity[r] = held[perm[r]!]!;
    return { entity, conflict: new Int8Array(n).fill(-1) };
  });
  // Conflicts by quota, not by independent draws, so even a small table shows the seed's mix.
  let shared = 0;
  for (const [i, src] of rows.entries()) for (const e of src.entity) if (mask[e] !== 1 << i) shared++;
  const kinds = conflictQuota(Math.round(shared * CONFLICT_RATE), shared);
  const dealt = shuffled(shared, sourceStream(seed, table, SLOT.conflict));
  let k = 0;
  for (const [i, src] of rows.entries())
    for (let r = 0; r < src.entity.length; r++)
      if (mask[src.entity[r]!] !== 1 << i) src.conflict[r] = kinds[dealt[k++]!]!;
  return rows;
}

/** `conflicts` kinds in the seed's weights (largest remainders), then `total - conflicts` rows without one (-1). */
function conflictQuota(conflicts: number, total: number): Int8Array {
  const out = new Int8Array(total).fill(-1);
  let at = 0;
  let cumulative = 0;
  for (let kind = 0; kind < CONFLICT_WEIGHTS.length; kind++) {
    cumulative += CONFLICT_WEIGHTS[kind]!;
    const until = Math.round(cumulative * conflicts);
    while (at < until) out[at++] = kind;
  }
  return out;
}
