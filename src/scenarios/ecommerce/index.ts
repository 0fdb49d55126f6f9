/** ecommerce: the online-retail bronze layer of seed document 004 (contract: scenarios/ecommerce.md). */
import { join } from 'node:path';
import type { ScenarioPack } from '../../scenario/scenarioPack.js';
import { lengthOf, windowOfDays } from '../../time/window.js';
import { PACKAGE_ROOT } from '../../version.js';
import about from './about.js';
import { type Config, configSchema } from './config.js';
import { ordersSettleDays } from './generate/orderTerms.js';
import { windowOf } from './generate/shopCalendar.js';
import { planEcommerce } from './plan.js';
import type { EcommerceShared } from './shared.js';
import { TABLES } from './tables.js';
import { CHECK_GROUPS } from './validate/groups.js';
import { DENORMALISED, ORDERING } from './validate/rules.js';

const ecommerce: ScenarioPack<Config, EcommerceShared> = {
  name: about.name,
  description: about.description,
  workerModule: new URL('./worker.js', import.meta.url).href,
  configFile: join(PACKAGE_ROOT, 'config', 'ecommerce.yaml'),
  configSchema,
  window: {
    of: (config) => {
      const { startDay, endDay } = windowOf(config);
      return windowOfDays(startDay, endDay);
    },
    set: (w) => [`time.end=${w.end}`, `time.days=${lengthOf(w)}`],
    // Planned day by day from the window's start (test/scenarios/ecommerce/prefixStable.test.ts).
    appendStable: true,
    // An order's lines change with it (is_returned).
    settleDays: (config) => {
      const days = ordersSettleDays(config);
      return { orders: days, order_items: days };
    },
  },
  tables: TABLES,
  // Validation passes from 0.0001x (seeds 1–7, 123); kept at TapFlow's floor, checked over many seeds.
  minScale: 0.001,
  plan: planEcommerce,
  checks: { denormalised: DENORMALISED, ordering: ORDERING, groups: CHECK_GROUPS },
};

export default ecommerce;
