/** TapFlow Analytics: a B2B IoT/SaaS business (smart beverage taps in US venues), SPEC.md. */
import { join } from 'node:path';
import type { ScenarioPack } from '../../scenario/scenarioPack.js';
import { PACKAGE_ROOT } from '../../version.js';
import about from './about.js';
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
import type { TapflowShared } from './worker.js';

const tapflow: ScenarioPack<Config, TapflowShared> = {
  name: about.name,
  description: about.description,
  workerModule: new URL('./worker.js', import.meta.url).href,
  configFile: join(PACKAGE_ROOT, 'config', 'tapflow.yaml'),
  configSchema,
  // TapFlow plans exact totals over its whole window (tap events apportioned by expected volume, service
  // histories to its end), so a longer fresh run changes earlier days. An append keeps the backfill's
  // plan (PlanRequest.base) and continues its world past the end at its rates (generate/continued.ts,
  // plan/continuation.ts): append-stable, though not equal to a longer backfill.
  window: {
    of: (config) => ({ start: config.time.start, end: config.time.end }),
    set: (w) => [`time.start=${w.start}`, `time.end=${w.end}`],
    appendStable: true,
  },
  tables: TABLES,
  // Below it dimensions sit at their floors (4 accounts, a handful of devices) and some seeds leave a
  // fact table empty or without a tap controller: at 0.0001x 5 of the first 100 seeds cannot be
  // planned, at 0.0002x 17 of 1,000 seeds plan an empty table; at 0.001x every one of seeds 0–5,999
  // plans rows in every table (and 42, 414, 591 generate and validate).
  minScale: 0.001,
  plan: planTapflow,
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
