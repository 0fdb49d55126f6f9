/**
 * Everything a run decides before writing a byte: dimensions, the shared views, and every fact
 * table's shards. `generate` executes it; `gen-parquet plan` prints it.
 */
import { setImmediate } from 'node:timers/promises';
import type { LoadedConfig } from '../config/load.js';
import { InterruptedError } from '../errors.js';
import type { Batch } from '../generate/batch.js';
import { type RunContext, runContext, scaled } from '../generate/context.js';
import { ONLINE } from '../generate/devices.js';
import { type DeviceView, deviceViewOf } from '../generate/deviceView.js';
import { type Dimensions, dimensionSteps } from '../generate/dimensions.js';
import type { Steps } from '../generate/steps.js';
import { type UserView, userViewOf } from '../generate/userView.js';
import { expectedMetrics } from '../plan/expected.js';
import { FACT_TABLES, planFact } from '../plan/factPlans.js';
import { type FactFilePlan, planFiles } from '../plan/files.js';
import type { PartitionBy } from '../schema/partitioning.js';
import { ZoneOffsets } from '../time/zoneOffsets.js';
import type { Manifest } from './manifest.js';
import { shareArrays } from './share.js';

export interface RunPlan {
  readonly ctx: RunContext;
  readonly dims: Dimensions;
  readonly devices: DeviceView;
  readonly users: UserView;
  /** Files (and their shards) of each requested fact table, in table order. */
  readonly facts: ReadonlyMap<string, readonly FactFilePlan[]>;
  readonly expected: Manifest['expected'];
}

function activeMrr(batches: readonly Batch[]): number {
  const accounts = batches.find((b) => b.table === 'accounts')!;
  return (accounts.columns.mrr as Float64Array).reduce((a, b) => a + b, 0);
}

/**
 * Planning is pure computation on the main thread (~30 s at 100x), where a signal's handler runs only
 * when the event loop turns: the loop is let in between steps, so a stop signal ends planning within
 * a step (a few seconds at most at 100x) with an InterruptedError.
 */
export async function buildPlan(
  loaded: LoadedConfig,
  seed: number,
  scale: number,
  tables: readonly string[],
  partitionBy: PartitionBy = 'day',
  signal?: AbortSignal,
): Promise<RunPlan> {
  const steps = planSteps(loaded, seed, scale, tables, partitionBy);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await setImmediate();
    if (signal?.aborted) throw new InterruptedError('nothing was written.');
  }
}

function* planSteps(
  loaded: LoadedConfig,
  seed: number,
  scale: number,
  tables: readonly string[],
  partitionBy: PartitionBy,
): Steps<RunPlan> {
  const { config } = loaded;
  const ctx = runContext(config, seed, scale);
  const dims = yield* dimensionSteps(ctx);
  yield;
  const offsets = new ZoneOffsets(ctx.startDay, ctx.endDay);
  // Built straight into SharedArrayBuffers: workers read them in place, and no private copy stays behind.
  const devices = shareArrays(
    deviceViewOf(dims.devices, dims.locations, config.tap_events.anomaly.share, ctx.endDay, ONLINE),
  );
  const users = shareArrays(userViewOf(dims.accounts, dims.locations, dims.devices, dims.users));
  const facts = new Map<string, FactFilePlan[]>();
  for (const table of FACT_TABLES)
    if (tables.includes(table)) {
      yield;
      facts.set(table, planFiles(table, planFact(table, ctx, offsets, devices, users), partitionBy));
    }
  const rows = Object.fromEntries([...facts].map(([t, files]) => [t, files.reduce((a, f) => a + f.rows, 0)]));
  return {
    ctx,
    dims,
    devices,
    users,
    facts,
    expected: {
      rows,
      id_max: {
        accounts: dims.accounts.count,
        locations: scaled(config.locations.id_max, scale, dims.accounts.count),
        devices: scaled(config.devices.id_max, scale, dims.locations.count),
        users: scaled(config.users.id_max, scale, dims.accounts.count),
        subscriptions: scaled(config.subscriptions.id_max, scale, dims.accounts.count),
      },
      metrics: expectedMetrics(config, devices, ctx.endDay, activeMrr(dims.batches)),
      plans: config.subscriptions.plans,
      time: {
        start_us: ctx.startMicros,
        end_us: ctx.nowMicros,
        heartbeat_days: config.device_heartbeats.window_days,
      },
    },
  };
}
