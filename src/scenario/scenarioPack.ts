/**
 * The contract between the engine and a business. A scenario pack is one folder under
 * `src/scenarios/` exporting one `ScenarioPack`: its tables, its config, how to plan a run on the main
 * thread, how a worker generates one fact shard, and the checks only it knows. The engine derives
 * everything generic from the `TableSpec`s (keys, foreign keys, counts, sequences, partitions,
 * checksums) and never imports a pack: the CLI finds packs through `src/scenarios/registry.ts`, and
 * a worker imports the pack's worker side from `workerModule`. See docs/scenarios.md.
 */
import type { ZodType } from 'zod';
import type { Arena } from '../generate/arena.js';
import type { Batch } from '../generate/batch.js';
import type { Steps } from '../generate/steps.js';
import type { FactShardPlan } from '../plan/shards.js';
import type { TableSpec } from '../schema/tableSpec.js';
import type { DateWindow } from '../time/window.js';
import type { CheckContext, CheckResult } from '../validate/check.js';

/** What a run asks of a pack's planner. */
export interface PlanRequest<Config> {
  readonly config: Readonly<Config>;
  readonly seed: number;
  readonly scale: number;
  /** The tables the run writes; fact tables not listed need no plan. */
  readonly tables: readonly string[];
  /**
   * An append's plan: the window of the dataset's first increment (its backfill), which the config's
   * window extends. A pack that is not append-stable by construction (`PackWindow.appendStable`) plans
   * that window as the backfill did and continues past its end.
   */
  readonly base?: DateWindow;
}

/** Everything a pack decides on the main thread before a byte is written. */
export interface ScenarioPlan<Shared> {
  /** Every dimension table, in write order (all are built: facts need them; only requested ones are written). */
  readonly dimensions: readonly Batch[];
  /** Sent once to every worker (put typed arrays in SharedArrayBuffers: they are shared, not copied). */
  readonly shared: Shared;
  /** The shards of each requested fact table, in table order. */
  readonly facts: ReadonlyMap<string, readonly FactShardPlan[]>;
  /**
   * The design's expected answers, written to the manifest after the exact fact row counts. Generic
   * checks read `id_max` (the highest id of a dimension at this scale) and `time` (the business time
   * range [start_us, end_us)) when present; the rest is the pack's own.
   */
  readonly expected: ExpectedAnswers;
}

export interface ExpectedAnswers {
  readonly id_max?: Readonly<Record<string, number>>;
  readonly time?: { readonly start_us: number; readonly end_us: number; readonly [key: string]: number };
  readonly [key: string]: unknown;
}

/** Generates one fact shard into `arena` (reset by the caller before each shard). */
export type ShardGenerator = (shard: FactShardPlan, arena: Arena) => Batch;

/**
 * What a worker thread needs of a pack, exported as `worker` by the module at `workerModule`. A
 * module of its own so that workers load no planning code (TapFlow's planner pulls in faker: ~28 MB
 * more per worker).
 */
export interface PackWorker<Shared = unknown> {
  /** The pack's tables (the same as `ScenarioPack.tables`). */
  readonly tables: readonly TableSpec[];
  /** Once per worker: what its fact generators need, built from the shared setup. */
  prepare(shared: Shared): ShardGenerator;
}

/** A consistency rule over one table, counted in one scan: [check name, SQL condition of a violation]. */
export type Rule = readonly [name: string, violation: string];

/** Checks the engine runs with the generic ones, in the engine's groups and order. */
export interface PackChecks {
  /** Denormalised keys: through the foreign key `via`, the parent's `columns` must agree (`P` is the parent, `c` the table). */
  readonly denormalised?: readonly {
    readonly table: string;
    readonly via: string;
    readonly columns: readonly string[];
    readonly mismatch: string;
    /** Appended to the check's name. */
    readonly what?: string;
  }[];
  /** Ordering rules per table, scanned together with its partition checks (group 3). */
  readonly ordering?: readonly {
    readonly table: string;
    /** Tables the scan joins; the rules are skipped when one is not in the output. */
    readonly needs: readonly string[];
    /** FROM clause; the table itself is `c`. */
    readonly from: string;
    readonly rules: readonly Rule[];
  }[];
  /** The pack's own check groups (business rules, distributions, …), run after the generic ones. */
  readonly groups: readonly ((ctx: CheckContext) => Promise<CheckResult[]>)[];
}

/** Where a pack's config keeps its business window, and what extending it promises. */
export interface PackWindow<Config> {
  /** The window the config describes. */
  of(config: Readonly<Config>): DateWindow;
  /** Config overrides (`key.path=value`) that set the window to `window`. */
  set(window: DateWindow): readonly string[];
  /**
   * Append-stable: the plan of [start, end + k] given the dataset's first window as `base`
   * (`PlanRequest.base`) writes every file of an immutable table dated up to `end` byte for byte as
   * the plan of [start, end] with the same base does, so `append` can extend a dataset. A pack that
   * ignores `base` promises more: a fresh run of [start, end + k] gives the same files. Mutable tables
   * are snapshots at the window's end and may differ.
   */
  readonly appendStable: boolean;
  /**
   * Mutable fact tables whose rows become final: table → days after a row's partition day from which
   * it never changes. An append keeps such a table's files dated that many days or more before the
   * dataset's end (a longer window writes them with the same bytes) and writes only the recent ones.
   */
  settleDays?(config: Readonly<Config>): Readonly<Record<string, number>>;
}

export interface ScenarioPack<Config = unknown, Shared = unknown> {
  readonly name: string;
  /** One line for `gen-parquet scenarios`. */
  readonly description: string;
  /** URL of the module exporting the pack's `worker: PackWorker`: each worker thread imports it. */
  readonly workerModule: string;
  /** The default config file (YAML). */
  readonly configFile: string;
  /** Validates the parsed YAML (unknown keys refused); refinements name the key they reject. */
  readonly configSchema: ZodType<Config>;
  readonly window: PackWindow<Config>;
  /** Every table, dimensions first, in write order. */
  readonly tables: readonly TableSpec[];
  /** The smallest scale at which every table gets rows and the run validates, whatever the seed (measured). */
  readonly minScale: number;
  /**
   * Main thread: dimensions, the shared worker setup, fact shard plans and expected answers, as a
   * generator that yields between steps of bounded work (so a stop signal is handled in between).
   */
  plan(request: PlanRequest<Config>): Steps<ScenarioPlan<Shared>>;
  readonly checks: PackChecks;
}
