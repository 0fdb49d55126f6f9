/**
 * The dimensions as of the dataset's last day, when it runs past the simulation's end (an append):
 * the world stays as it stood at the end (no account joins or churns, no venue opens, no device is
 * installed, serviced or falls silent, no user joins), and what was live on the end's last day goes
 * on: online devices keep reporting, so their last signal is the last day's last tick, and users who
 * logged in on it keep using the product, so their last login moves on by as many days. Every other
 * value is the simulation's.
 */
import { type Batch, int64Column } from '../../../generate/batch.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import { FIVE_MINUTES_MICROS, type RunContext } from './context.js';
import { ONLINE } from './devices.js';
import type { Dimensions } from './dimensions.js';

export function asOfLastDay(dims: Dimensions, ctx: RunContext): Dimensions {
  const days = ctx.lastDay - ctx.endDay;
  if (days === 0) return dims;
  const lastTick = (ctx.lastDay + 1) * MICROS_PER_DAY - FIVE_MINUTES_MICROS;
  const d = dims.devices;
  const lastSeenAt = Float64Array.from(d.lastSeenAt, (t, i) => (d.status[i] === ONLINE ? lastTick : t));
  const devices = { ...d.batch, columns: { ...d.batch.columns, last_seen_at: int64Column(lastSeenAt) } };
  const u = dims.users;
  // NaN (never logged in) stays NaN: its day is not the end's.
  const lastLoginAt = u.lastLoginAt.map((t) =>
    Math.floor(t / MICROS_PER_DAY) === ctx.endDay ? t + days * MICROS_PER_DAY : t,
  );
  const users = { ...u.batch, columns: { ...u.batch.columns, last_login_at: int64Column(lastLoginAt) } };
  const replaced = new Map<string, Batch>([
    ['devices', devices],
    ['users', users],
  ]);
  return {
    ...dims,
    devices: { ...d, lastSeenAt, batch: devices },
    users: { ...u, lastLoginAt, batch: users },
    batches: dims.batches.map((b) => replaced.get(b.table) ?? b),
  };
}
