/** TapFlow's worker side: the contexts its fact generators need, built once per worker, and one shard's generation. */
import type { Arena } from '../../generate/arena.js';
import type { Batch } from '../../generate/batch.js';
import type { FactShardPlan } from '../../plan/shards.js';
import type { PackWorker, ShardGenerator } from '../../scenario/scenarioPack.js';
import { ZoneOffsets } from '../../time/zoneOffsets.js';
import type { Config } from './config.js';
import type { AccountPlans } from './generate/accountPlans.js';
import { activeUsers } from './generate/activeUsers.js';
import { ONLINE } from './generate/devices.js';
import type { DeviceView } from './generate/deviceView.js';
import { generateFeatureUsage, roleWeights } from './generate/featureUsage.js';
import { generateHeartbeats } from './generate/heartbeats.js';
import { generateMaintenance } from './generate/maintenance.js';
import { generatePageViews } from './generate/pageViews.js';
import type { ServiceSchedule } from './generate/serviceSchedule.js';
import { stadiumCalendar } from './generate/stadiumEvents.js';
import { generateTapShard, pouringWindows } from './generate/tapEvents.js';
import { TapBeverages, tapLines } from './generate/tapLines.js';
import type { UsageDays } from './generate/usageDays.js';
import type { UserView } from './generate/userView.js';
import { nominalCycle, WearCache } from './generate/wear.js';
import { TABLES } from './tables.js';

/** Sent to the workers with each task (the SharedArrayBuffers inside the views are shared, not copied). */
export interface TapflowShared {
  readonly config: Readonly<Config>;
  /** The run's seed: per-device events are hashed from it (generate/hash.ts). */
  readonly seed: number;
  readonly startDay: number;
  /** The simulation's last day (RunContext.endDay). */
  readonly endDay: number;
  /** The dataset's last day (RunContext.lastDay): online devices pour and users work until it. */
  readonly lastDay: number;
  readonly devices: DeviceView;
  /** Every device's service history (SharedArrayBuffers, like the views). */
  readonly schedule: ServiceSchedule;
  readonly users: UserView;
  /** Each account's plan over time (feature gating). */
  readonly accountPlans: AccountPlans;
  /** Page views, API calls and session streams per day. */
  readonly usage: UsageDays;
  readonly locationOpenedAt: Float64Array;
}

export function prepareTapflowWorker(setup: TapflowShared): ShardGenerator {
  const offsets = new ZoneOffsets(setup.startDay, setup.lastDay);
  const fadeFloor = setup.config.accounts.churn.fade_floor;
  const common = { offsets, endDay: setup.endDay };
  // One scratch for both user-driven tables: a worker generates one shard at a time.
  const active = activeUsers(setup.users, setup.lastDay, roleWeights(setup.config.feature_usage));
  const lines = tapLines(setup.config.tap_events, setup.seed);
  const tap = {
    ...common,
    events: setup.config.tap_events,
    online: ONLINE,
    pouring: pouringWindows(setup.devices, setup.lastDay, ONLINE),
    fadeFloor,
    schedule: setup.schedule,
    wear: new WearCache(setup.schedule, setup.devices.installedAt, nominalCycle(setup.config)),
    lines,
    beverages: new TapBeverages(lines, setup.devices.installedAt.length),
    stadiums: stadiumCalendar(setup.config.tap_events, setup.seed),
  };
  const sessions = {
    ...common,
    active,
    fadeFloor,
    pages: setup.config.page_views,
    usage: setup.config.feature_usage,
    plans: setup.config.subscriptions.plans,
    accountPlans: setup.accountPlans,
    deviceInstalledAt: setup.devices.installedAt,
    locationOpenedAt: setup.locationOpenedAt,
    days: setup.usage,
  };
  const usage = {
    ...sessions,
    deviceLocation: setup.devices.locationId,
    userCreatedAt: setup.users.createdAt,
  };
  return (shard: FactShardPlan, arena: Arena): Batch => {
    switch (shard.table) {
      case 'tap_events':
        return generateTapShard(tap, setup.devices, shard, arena);
      case 'feature_usage':
        return generateFeatureUsage(usage, setup.users, shard, arena);
      case 'page_views':
        return generatePageViews(sessions, setup.users, shard, arena);
      case 'device_heartbeats':
        return generateHeartbeats(
          setup.config.device_heartbeats,
          setup.seed,
          setup.devices,
          setup.schedule,
          { ...shard, deviceStart: shard.deviceStart!, deviceEnd: shard.deviceEnd! },
          arena,
        );
      case 'device_maintenance':
        return generateMaintenance(setup.schedule, setup.devices, shard, arena);
      default:
        throw new Error(`no generator for fact table ${shard.table}`);
    }
  };
}

/** What each worker thread imports (`ScenarioPack.workerModule`): no planning code, no faker. */
export const worker: PackWorker<TapflowShared> = { tables: TABLES, prepare: prepareTapflowWorker };
