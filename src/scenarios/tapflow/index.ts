/** TapFlow Analytics: a B2B IoT/SaaS business (smart beverage taps in US venues), SPEC.md. */
import { join } from 'node:path';
import type { ScenarioPack } from '../../scenario/scenarioPack.js';
import { PACKAGE_ROOT } from '../../version.js';
import { type Config, configSchema } from './config.js';
import { planTapflow } from './plan.js';
import { TABLES } from './tables.js';
import { billingChecks } from './validate/billingChecks.js';
import { businessChecks } from './validate/businessChecks.js';
import { churnChecks } from './validate/churnChecks.js';
import { distributionChecks } from './validate/distributionChecks.js';
import { healthChecks } from './validate/healthChecks.js';
import { maintenanceChecks } from './validate/maintenanceChecks.js';
import { noiseChecks } from './validate/noiseChecks.js';
import { productChecks } from './validate/productChecks.js';
import { DENORMALISED, ORDERING, sessionChecks } from './validate/rules.js';
import { stadiumChecks } from './validate/stadiumChecks.js';
import { tapLineChecks } from './validate/tapLineChecks.js';
import { volumeChecks } from './validate/volumeChecks.js';
import { wearChecks } from './validate/wearChecks.js';
import { windowChecks } from './validate/windowChecks.js';
import { prepareTapflowWorker, type TapflowShared } from './worker.js';

const tapflow: ScenarioPack<Config, TapflowShared> = {
  name: 'tapflow',
  description:
    'TapFlow Analytics: accounts, venues, smart taps and sensors, dashboard users, subscriptions; 10M tap events at 1x',
  module: import.meta.url,
  configFile: join(PACKAGE_ROOT, 'config', 'tapflow.yaml'),
  configSchema,
  tables: TABLES,
  plan: planTapflow,
  prepareWorker: prepareTapflowWorker,
  checks: {
    denormalised: DENORMALISED,
    ordering: ORDERING,
    groups: [
      sessionChecks,
      windowChecks,
      businessChecks,
      billingChecks,
      churnChecks,
      wearChecks,
      tapLineChecks,
      stadiumChecks,
      healthChecks,
      noiseChecks,
      volumeChecks,
      maintenanceChecks,
      productChecks,
      distributionChecks,
    ],
  },
};

export default tapflow;
