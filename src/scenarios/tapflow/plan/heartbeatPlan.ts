/** Plans device_heartbeats: each day of the window is cut into ranges of devices of about `shardRows` beats. */

import { type FactShardPlan, type PendingShard, withStreams } from '../../../plan/shards.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import { FIVE_MINUTES_MICROS } from '../generate/context.js';
import type { DeviceView } from '../generate/deviceView.js';
import { beatsOn } from '../generate/heartbeats.js';
import type { ServiceSchedule } from '../generate/serviceSchedule.js';

export function planHeartbeats(
  view: DeviceView,
  schedule: ServiceSchedule,
  windowDays: number,
  startDay: number,
  endDay: number,
  shardRows: number,
  seed: number,
): FactShardPlan[] {
  const perDevice = Math.max(1, Math.floor(shardRows / (MICROS_PER_DAY / FIVE_MINUTES_MICROS)));
  const pending: (PendingShard & { stream: number })[] = [];
  for (let day = Math.max(startDay, endDay - windowDays + 1); day <= endDay; day++) {
    const chunks: { start: number; end: number; rows: number }[] = [];
    for (let start = 0; start < view.count; start += perDevice) {
      const end = Math.min(view.count, start + perDevice);
      let rows = 0;
      for (let d = start; d < end; d++) rows += beatsOn(view, schedule, d, day);
      if (rows > 0) chunks.push({ start, end, rows });
    }
    const dayRows = chunks.reduce((a, c) => a + c.rows, 0);
    let firstRow = 0;
    chunks.forEach((c, chunk) => {
      pending.push({
        day,
        chunk,
        rows: c.rows,
        dayRows,
        firstRow,
        firstId: 1,
        deviceStart: c.start,
        deviceEnd: c.end,
        stream: pending.length,
      });
      firstRow += c.rows;
    });
  }
  return withStreams('device_heartbeats', pending, seed);
}
