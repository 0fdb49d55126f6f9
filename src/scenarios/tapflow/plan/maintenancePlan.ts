/**
 * Plans device_maintenance: visits are ~per_device_year per device-year of service, weighted by
 * proneness, so the total is the rounded expectation, apportioned over days; each day also holds
 * the open orders of devices that went into maintenance on it.
 */
import { apportion } from '../../../generate/apportion.js';
import { dayShards, type FactShardPlan } from '../../../plan/shards.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { DeviceView } from '../generate/deviceView.js';
import { type MaintenanceContext, serviceDays } from '../generate/maintenance.js';

export function planMaintenance(
  ctx: MaintenanceContext,
  view: DeviceView,
  startDay: number,
  shardRows: number,
  seed: number,
): FactShardPlan[] {
  const days = ctx.endDay - startDay + 1;
  let proneSum = 0;
  for (let d = 0; d < view.count; d++) proneSum += view.proneness[d]!;
  const meanProne = view.count ? proneSum / view.count : 1;
  const diff = new Float64Array(days + 1);
  for (let d = 0; d < view.count; d++) {
    const [first, last] = serviceDays(ctx, view, d);
    const a = Math.max(first, startDay) - startDay;
    const b = last - startDay + 1;
    if (a >= b) continue;
    const perDay = (ctx.maintenance.per_device_year / 365.25) * (view.proneness[d]! / meanProne);
    diff[a]! += perDay;
    diff[b]! -= perDay;
  }
  const expected = new Float64Array(days);
  let acc = 0;
  let total = 0;
  for (let i = 0; i < days; i++) {
    acc += diff[i]!;
    expected[i] = Math.max(0, acc);
    total += expected[i]!;
  }
  const perDay = apportion(Math.round(total), expected);
  for (let d = 0; d < view.count; d++) {
    if (view.status[d] !== ctx.inMaintenance) continue;
    const day = Math.floor(view.lastSeenAt[d]! / MICROS_PER_DAY);
    if (day >= startDay && day <= ctx.endDay) perDay[day - startDay]!++;
  }
  return dayShards('device_maintenance', perDay, startDay, shardRows, seed, 'day');
}
