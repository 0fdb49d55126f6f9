/**
 * One day of device_maintenance: visits to devices installed before the day and still reporting,
 * weighted by how prone each device is to anomalies; plus, on the day a device went into maintenance
 * (its last_seen_at), the open work order that keeps it there (resolved_at null).
 */

import { type Alloc, HEAP, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { DayShard } from '../../../generate/dayShard.js';
import { DayWindows } from '../../../generate/dayWindows.js';
import { orderByTime } from '../../../generate/sortByTime.js';
import { cumulate, pickCumulative, streams } from '../../../rng/stream.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../../../time/calendar.js';
import { type Config, MAINTENANCE_TYPES } from '../config.js';
import type { DeviceView } from './deviceView.js';

export interface MaintenanceContext {
  readonly maintenance: Config['device_maintenance'];
  readonly endDay: number;
  readonly lastTickMicros: number;
  readonly online: number;
  readonly inMaintenance: number;
}

const SLOT = { device: 0, time: 1, type: 2, resolve: 3, note: 4 } as const;
const REPAIR = MAINTENANCE_TYPES.indexOf('repair');
/** Note templates (MAINTENANCE_NOTES) fitting each type; the last note is for open work. */
const NOTES_BY_TYPE: readonly (readonly number[])[] = [[0, 6], [1], [2, 3, 4], [3, 4], [5]];
const OPEN_NOTE = 7;

/** First and last UTC day (inclusive) a device can get a visit: after installing, before its last signal. */
export function serviceDays(ctx: MaintenanceContext, view: DeviceView, d: number): [number, number] {
  const first = Math.floor(view.installedAt[d]! / MICROS_PER_DAY) + 1;
  const last =
    view.status[d] === ctx.online ? ctx.endDay : Math.floor(view.lastSeenAt[d]! / MICROS_PER_DAY) - 1;
  return [first, last];
}

/** Devices in service on a day (weighted by proneness) and each device's open-order day (-1: none), built once per worker. */
export interface ServiceWindows {
  readonly inService: DayWindows;
  readonly openDay: Int32Array;
}

export function serviceWindows(ctx: MaintenanceContext, view: DeviceView): ServiceWindows {
  const first = new Int32Array(view.count);
  const last = new Int32Array(view.count);
  const openDay = new Int32Array(view.count).fill(-1);
  for (let d = 0; d < view.count; d++) {
    [first[d], last[d]] = serviceDays(ctx, view, d);
    if (view.status[d] === ctx.inMaintenance) openDay[d] = Math.floor(view.lastSeenAt[d]! / MICROS_PER_DAY);
  }
  return { inService: new DayWindows(first, last, view.proneness), openDay };
}

/** `shard.dayRows` = visits + open orders of the day; the plan counts both. */
export function generateMaintenance(
  ctx: MaintenanceContext,
  windows: ServiceWindows,
  view: DeviceView,
  shard: DayShard,
  alloc: Alloc = HEAP,
): Batch {
  const { day, dayRows: n } = shard;
  const open: number[] = [];
  for (let d = 0; d < view.count; d++) if (windows.openDay[d] === day) open.push(d);
  const visits = n - open.length;
  const { ids: eligible, cumulative: deviceCum } = windows.inService.on(day);
  if (visits > 0 && !eligible.length)
    throw new Error(`device_maintenance: no device to service on day ${day}`);
  const typeCum = cumulate(MAINTENANCE_TYPES.map((t) => ctx.maintenance.types[t]));
  const s = streams(shard.state, SLOT);
  const dayStart = day * MICROS_PER_DAY;
  const cutoff = day === ctx.endDay ? ctx.lastTickMicros : dayStart + MICROS_PER_DAY;
  const [r0, r1] = ctx.maintenance.resolve_hours;

  const device = alloc.i32(n);
  const time = alloc.f64(n);
  const type = alloc.u8(n);
  const resolved = alloc.f64(n);
  const note = alloc.u8(n);
  for (let i = 0; i < visits; i++) {
    device[i] = eligible[pickCumulative(deviceCum, s.device.next())]!;
    time[i] = Math.floor(dayStart + s.time.next() * (cutoff - dayStart));
    type[i] = pickCumulative(typeCum, s.type.next());
    // Log-uniform repair times between the bounds, never past the end of the range.
    const hours = r0 * (r1 / r0) ** s.resolve.next();
    resolved[i] = Math.floor(
      time[i]! + Math.min(hours * MICROS_PER_HOUR, Math.max(0, ctx.lastTickMicros - time[i]!)),
    );
    const notes = NOTES_BY_TYPE[type[i]!]!;
    note[i] = notes[Math.floor(s.note.next() * notes.length)]!;
  }
  for (let k = 0; k < open.length; k++) {
    const i = visits + k;
    device[i] = open[k]!;
    time[i] = view.lastSeenAt[open[k]!]!;
    type[i] = REPAIR;
    resolved[i] = Number.NaN;
    note[i] = OPEN_NOTE;
  }

  const order = orderByTime(time, n);
  const rows = shard.rows;
  const ids = alloc.i64(rows);
  const performed = alloc.i64(rows);
  const resolvedOut = alloc.i64(rows);
  const idView = int32Pairs(ids);
  const performedView = int32Pairs(performed);
  const resolvedView = int32Pairs(resolvedOut);
  const deviceId = alloc.i32(rows);
  const locationId = alloc.i32(rows);
  const accountId = alloc.i32(rows);
  const typeOut = alloc.u8(rows);
  const noteOut = alloc.u8(rows);
  const resolvedValid = alloc.u8(rows);
  for (let j = 0; j < rows; j++) {
    const k = order[shard.firstRow + j]!;
    const d = device[k]!;
    setInt64(idView, j, shard.firstId + j);
    setInt64(performedView, j, time[k]!);
    deviceId[j] = d + 1;
    locationId[j] = view.locationId[d]!;
    accountId[j] = view.accountId[d]!;
    typeOut[j] = type[k]!;
    noteOut[j] = note[k]!;
    if (!Number.isNaN(resolved[k]!)) {
      setInt64(resolvedView, j, resolved[k]!);
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
      performed_at: performed,
      maintenance_type: typeOut,
      resolved_at: resolvedOut,
      notes: noteOut,
    },
    validity: { resolved_at: resolvedValid },
  };
}
