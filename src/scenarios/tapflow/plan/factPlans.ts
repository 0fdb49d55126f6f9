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
import { type PlanInput, planTapEvents } from './tapPlan.js';
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
  tapVolume: Float64Array,
): FactShardPlan[] {
  const { config, seed, startDay, lastDay } = ctx;
  const shardRows = config.shard_rows;
  switch (table) {
    case 'tap_events':
      return planTapEvents(tapPlanInput(ctx, offsets, schedule), tapVolume);
    case 'feature_usage':
    case 'page_views':
      return planUsage(table, usage, shardRows, seed);
    case 'device_heartbeats':
      return planHeartbeats(
        devices,
        schedule,
        config.device_heartbeats.window_days,
        startDay,
        lastDay,
        shardRows,
        seed,
      );
    case 'device_maintenance':
      return planMaintenance(schedule, shardRows, seed);
    default:
      throw new Error(`no plan for fact table ${table}`);
  }
}

/** What the tap plan needs: the events config, the time frame, and how taps pause and fade. */
export function tapPlanInput(ctx: RunContext, offsets: ZoneOffsets, schedule: ServiceSchedule): PlanInput {
  const { config } = ctx;
  return {
    events: config.tap_events,
    shardRows: config.shard_rows,
    seed: ctx.seed,
    totalRows: Math.round(config.tap_events.rows * ctx.scale),
    startDay: ctx.startDay,
    endDay: ctx.endDay,
    lastDay: ctx.lastDay,
    offsets,
    online: ONLINE,
    fadeFloor: config.accounts.churn.fade_floor,
    schedule,
  };
}
