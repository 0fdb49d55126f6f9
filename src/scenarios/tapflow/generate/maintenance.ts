/**
 * One day of device_maintenance: the service-history entries (serviceSchedule.ts) performed on that
 * UTC day, in time order. The history is built once for all tables, so a day needs nothing but its
 * own slice; notes (fitting the order: maintenanceNotes.ts) are drawn from the day's stream.
 */

import { type Alloc, HEAP, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { DayShard } from '../../../generate/dayShard.js';
import { streams } from '../../../rng/stream.js';
import { DEVICE_TYPES, MAINTENANCE_TYPES } from '../vocabulary.js';
import type { DeviceView } from './deviceView.js';
import { noteFor } from './maintenanceNotes.js';
import { EMERGENCY, entriesOnDay, micros, REMOTE, type ServiceSchedule } from './serviceSchedule.js';

const SLOT = { note: 0 } as const;

/** The device owning entry k (binary search over the schedule's per-device offsets). */
export function deviceOf(s: ServiceSchedule, k: number): number {
  let lo = 0;
  let hi = s.first.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (s.first[mid]! <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function generateMaintenance(
  schedule: ServiceSchedule,
  view: DeviceView,
  shard: DayShard,
  alloc: Alloc = HEAP,
): Batch {
  const [from, to] = entriesOnDay(schedule, shard.day);
  if (to - from !== shard.dayRows)
    throw new Error(
      `device_maintenance: ${to - from} entries on day ${shard.day}, but the plan gave it ${shard.dayRows}`,
    );
  const s = streams(shard.state, SLOT);
  // Draw every note of the day in order, so a chunk of a day draws nothing another chunk does.
  const notes = new Uint8Array(shard.dayRows);
  for (let i = 0; i < shard.dayRows; i++) {
    const k = schedule.byTime[from + i]!;
    notes[i] = noteFor(
      {
        type: MAINTENANCE_TYPES[schedule.type[k]!]!,
        deviceType: DEVICE_TYPES[view.type[deviceOf(schedule, k)]!]!,
        open: schedule.resolved[k]! < 0,
        emergency: schedule.trigger[k] === EMERGENCY,
        firmware: schedule.firmware[k]!,
      },
      s.note.next(),
    );
  }
  const rows = shard.rows;
  const ids = alloc.i64(rows);
  const reported = alloc.i64(rows);
  const performed = alloc.i64(rows);
  const resolved = alloc.i64(rows);
  const idView = int32Pairs(ids);
  const reportedView = int32Pairs(reported);
  const performedView = int32Pairs(performed);
  const resolvedView = int32Pairs(resolved);
  const deviceId = alloc.i32(rows);
  const locationId = alloc.i32(rows);
  const accountId = alloc.i32(rows);
  const type = alloc.u8(rows);
  const trigger = alloc.u8(rows);
  const note = alloc.u8(rows);
  const firmware = alloc.u8(rows);
  const firmwareValid = alloc.u8(rows);
  const resolvedValid = alloc.u8(rows);
  for (let j = 0; j < rows; j++) {
    const k = schedule.byTime[from + shard.firstRow + j]!;
    const d = deviceOf(schedule, k);
    setInt64(idView, j, shard.firstId + j);
    setInt64(reportedView, j, micros(schedule, schedule.reported[k]!));
    setInt64(performedView, j, micros(schedule, schedule.performed[k]!));
    deviceId[j] = d + 1;
    locationId[j] = view.locationId[d]!;
    accountId[j] = view.accountId[d]!;
    type[j] = schedule.type[k]!;
    trigger[j] = schedule.trigger[k]!;
    note[j] = notes[shard.firstRow + j]!;
    if (schedule.trigger[k] === REMOTE) {
      firmware[j] = schedule.firmware[k]!;
      firmwareValid[j] = 1;
    }
    if (schedule.resolved[k]! >= 0) {
      setInt64(resolvedView, j, micros(schedule, schedule.resolved[k]!));
      resolvedValid[j] = 1;
    }
  }
  return {
    table: 'device_maintenance',
    rows,
    columns: {
      maintenance_id: ids,
      device_id: deviceId,
      location_id: locationId,
      account_id: accountId,
      reported_at: reported,
      performed_at: performed,
      maintenance_type: type,
      trigger,
      resolved_at: resolved,
      notes: note,
      firmware_version: firmware,
    },
    validity: { resolved_at: resolvedValid, firmware_version: firmwareValid },
  };
}
