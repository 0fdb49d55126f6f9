/** The plan of every fact table requested: shard descriptors per table, from seed, scale and config only. */

import type { FactShardPlan } from '../../../plan/shards.js';
import type { ZoneOffsets } from '../../../time/zoneOffsets.js';
import type { RunContext } from '../generate/context.js';
import { ONLINE } from '../generate/devices.js';
import type { DeviceView } from '../generate/deviceView.js';
import type { ServiceSchedule } from '../generate/serviceSchedule.js';
import type { UsageDays } from '../generate/usageDays.js';
import { planHeartbeats } from './heartbeatPlan.js';
import { planMaintenance } from './maintenancePlan.js';
import { planTapEvents } from './tapPlan.js';
import { planUsage } from './usagePlan.js';

export const FACT_TABLES = [
  'tap_events',
  'feature_usage',
  'page_views',
  'device_heartbeats',
  'device_maintenance',
] as const;

export function planFact(
  table: string,
  ctx: RunContext,
  offsets: ZoneOffsets,
  devices: DeviceView,
  schedule: ServiceSchedule,
  usage: UsageDays,
): FactShardPlan[] {
  const { config, seed, scale, startDay, endDay, lastTickMicros } = ctx;
  const shardRows = config.shard_rows;
  switch (table) {
    case 'tap_events':
      return planTapEvents(
        {
          events: config.tap_events,
          shardRows,
          seed,
          totalRows: Math.round(config.tap_events.rows * scale),
          startDay,
          endDay,
          lastTickMicros,
          offsets,
          online: ONLINE,
          fadeFloor: config.accounts.churn.fade_floor,
          schedule,
        },
        devices,
      );
    case 'feature_usage':
    case 'page_views':
      return planUsage(table, usage, shardRows, seed);
    case 'device_heartbeats':
      return planHeartbeats(
        devices,
        schedule,
        config.device_heartbeats.window_days,
        startDay,
        endDay,
        shardRows,
        seed,
      );
    case 'device_maintenance':
      return planMaintenance(schedule, shardRows, seed);
    default:
      throw new Error(`no plan for fact table ${table}`);
  }
}
