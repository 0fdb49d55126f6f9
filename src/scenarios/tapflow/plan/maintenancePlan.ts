/** Plans device_maintenance: each day holds exactly the service-history entries performed on it. */
import { dayShards, type FactShardPlan } from '../../../plan/shards.js';
import type { ServiceSchedule } from '../generate/serviceSchedule.js';

export function planMaintenance(schedule: ServiceSchedule, shardRows: number, seed: number): FactShardPlan[] {
  const days = schedule.dayFirst.length - 1;
  const perDay = new Int32Array(days);
  for (let i = 0; i < days; i++) perDay[i] = schedule.dayFirst[i + 1]! - schedule.dayFirst[i]!;
  return dayShards('device_maintenance', perDay, schedule.firstDay, shardRows, seed, 'day');
}
