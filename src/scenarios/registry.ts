/**
 * The one place packs are listed: the CLI finds a scenario here by name. The engine never imports this
 * file; the CLI imports it only in a command that runs a pack (its help reads src/scenarios/catalog.ts).
 */

import { UsageError } from '../errors.js';
import type { ScenarioPack } from '../scenario/scenarioPack.js';
import { DEFAULT_SCENARIO } from './catalog.js';
import ecommerce from './ecommerce/index.js';
import jaffle from './jaffle/index.js';
import tapflow from './tapflow/index.js';

export const SCENARIOS: readonly ScenarioPack[] = [
  tapflow as ScenarioPack,
  ecommerce as ScenarioPack,
  jaffle as ScenarioPack,
];

export { DEFAULT_SCENARIO };

/** The pack called `name`; an unknown name is a usage error listing the packs. */
export function findScenario(name: string): ScenarioPack {
  const pack = SCENARIOS.find((p) => p.name === name);
  if (!pack) {
    throw new UsageError(
      `--scenario ${name}: unknown scenario; accepted: ${SCENARIOS.map((p) => p.name).join(', ')} (see gen-parquet scenarios)`,
    );
  }
  return pack;
}
