/** jaffle: the Jaffle Shop gone online, day by day, from seed document 003 (contract: scenarios/jaffle.md). */
import { join } from 'node:path';
import type { ScenarioPack } from '../../scenario/scenarioPack.js';
import { lengthOf, windowOfDays } from '../../time/window.js';
import { PACKAGE_ROOT } from '../../version.js';
import about from './about.js';
import { type Config, configSchema } from './config.js';
import { planJaffle } from './plan.js';
import type { JaffleShared } from './shared.js';
import { TABLES } from './tables.js';
import { CHECK_GROUPS } from './validate/groups.js';
import { DENORMALISED, ORDERING } from './validate/rules.js';
import { windowOf } from './window.js';

const jaffle: ScenarioPack<Config, JaffleShared> = {
  name: about.name,
  description: about.description,
  workerModule: new URL('./worker.js', import.meta.url).href,
  configFile: join(PACKAGE_ROOT, 'config', 'jaffle.yaml'),
  configSchema,
  window: {
    of: (config) => {
      const { startDay, endDay } = windowOf(config);
      return windowOfDays(startDay, endDay);
    },
    set: (w) => [`time.end=${w.end}`, `time.days=${lengthOf(w)}`],
    // Simulated day by day from the window's start (test/run/appendJaffle.test.ts).
    appendStable: true,
  },
  tables: TABLES,
  minScale: 0.01,
  plan: planJaffle,
  checks: { denormalised: DENORMALISED, ordering: ORDERING, groups: CHECK_GROUPS },
};

export default jaffle;
