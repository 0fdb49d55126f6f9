/**
 * Everything a run decides before writing a byte: the pack's plan (dimensions, the shared worker
 * setup, fact shards, expected answers) and the files its fact shards go into. `generate` executes
 * it; `gen-parquet plan` prints it.
 */
import { setImmediate } from 'node:timers/promises';
import { type LoadedConfig, withOverrides } from '../config/load.js';
import { parseOverride } from '../config/overrides.js';
import { InterruptedError } from '../errors.js';
import type { Batch } from '../generate/batch.js';
import { type FactFilePlan, planFiles } from '../plan/files.js';
import type { ScenarioPack } from '../scenario/scenarioPack.js';
import type { PartitionBy } from '../schema/partitioning.js';
import { findTable } from '../schema/tableSpec.js';
import type { DateWindow } from '../time/window.js';
import type { FileResult } from './factShard.js';
import type { Increment, Manifest } from './manifest.js';

export interface RunPlan {
  readonly pack: ScenarioPack;
  /** Every dimension table (facts need them all; only requested ones are written). */
  readonly dimensions: readonly Batch[];
  /** Sent once to every worker. */
  readonly shared: unknown;
  /** Files (and their shards) of each requested fact table, in table order. */
  readonly facts: ReadonlyMap<string, readonly FactFilePlan[]>;
  readonly expected: Manifest['expected'];
}

/**
 * Planning is pure computation on the main thread (~30 s at 100x), where a signal's handler runs only
 * when the event loop turns: the loop is let in between the pack's steps, so a stop signal ends
 * planning within a step (a few seconds at most at 100x) with an InterruptedError.
 */
export async function buildPlan(
  pack: ScenarioPack,
  loaded: LoadedConfig,
  seed: number,
  scale: number,
  tables: readonly string[],
  partitionBy: PartitionBy = 'day',
  signal?: AbortSignal,
  base?: DateWindow,
): Promise<RunPlan> {
  const steps = pack.plan({ config: loaded.config, seed, scale, tables, ...(base ? { base } : {}) });
  let step = steps.next();
  while (!step.done) {
    await setImmediate();
    if (signal?.aborted) throw new InterruptedError('nothing was written.');
    step = steps.next();
  }
  const plan = step.value;
  const facts = new Map<string, FactFilePlan[]>();
  for (const [table, shards] of plan.facts)
    facts.set(table, planFiles(findTable(pack.tables, table), shards, partitionBy));
  const rows = Object.fromEntries([...facts].map(([t, files]) => [t, files.reduce((a, f) => a + f.rows, 0)]));
  return {
    pack,
    dimensions: plan.dimensions,
    shared: plan.shared,
    facts,
    expected: { rows, ...plan.expected },
  };
}

/** The pack's config with its business window set to `window` (the same config when it is the configured one). */
export function windowed(pack: ScenarioPack, loaded: LoadedConfig, window: DateWindow): LoadedConfig {
  const configured = pack.window.of(loaded.config);
  if (configured.start === window.start && configured.end === window.end) return loaded;
  return withOverrides(loaded, pack.configSchema, pack.window.set(window).map(parseOverride));
}

/** An increment's record: its written files (added unless listed as replaced) and rows per table. */
export function incrementOf(
  number: number,
  window: DateWindow,
  written: readonly FileResult[],
  replaced: readonly string[],
  removed: readonly string[],
): Increment {
  const rows: Record<string, number> = {};
  for (const f of written) rows[f.table] = (rows[f.table] ?? 0) + f.rows;
  const replacing = new Set(replaced);
  const sorted = (paths: string[]) => paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    number,
    window,
    added: sorted(written.map((f) => f.path).filter((p) => !replacing.has(p))),
    replaced: sorted([...replaced]),
    removed: sorted([...removed]),
    rows,
  };
}
