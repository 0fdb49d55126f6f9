/**
 * The packs as `gen-parquet --help` and `scenarios` describe them: names, one-line descriptions and a
 * loader of their tables, without importing a planner, checks or what they pull in (faker, DuckDB,
 * Arrow). The CLI imports the registry only inside a command that runs a pack, so help stays fast.
 * Same packs, same order as the registry (test/scenarios/catalog.test.ts).
 */
import type { TableSpec } from '../schema/tableSpec.js';
import ecommerce from './ecommerce/about.js';
import jaffle from './jaffle/about.js';
import tapflow from './tapflow/about.js';

export interface ScenarioAbout {
  readonly name: string;
  /** One line for `gen-parquet scenarios`. */
  readonly description: string;
  /** The pack's tables, from its table definitions alone. */
  readonly tables: () => Promise<readonly TableSpec[]>;
}

export const CATALOG: readonly ScenarioAbout[] = [tapflow, ecommerce, jaffle];

export const DEFAULT_SCENARIO = 'tapflow';
