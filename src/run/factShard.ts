/** Worker-side: generate fact shards, wrap them as Arrow, write them as Parquet (one file each). */
import { join } from 'node:path';
import { toRecordBatch } from '../arrow/toRecordBatch.js';
import type { Config } from '../config/schema.js';
import type { Batch } from '../generate/batch.js';
import { MAINTENANCE, ONLINE } from '../generate/devices.js';
import type { DeviceView } from '../generate/deviceView.js';
import { generateFeatureUsage, type UsageContext } from '../generate/featureUsage.js';
import { generateHeartbeats } from '../generate/heartbeats.js';
import { generateMaintenance, type MaintenanceContext } from '../generate/maintenance.js';
import { generatePageViews, type PageContext } from '../generate/pageViews.js';
import { generateTapShard, pouringWindows, type TapContext } from '../generate/tapEvents.js';
import type { UserView } from '../generate/userView.js';
import type { FactShardPlan } from '../plan/shards.js';
import { tableSpec } from '../schema/tables.js';
import type { Compression, ParquetSink } from '../sink/parquetSink.js';
import { ZoneOffsets } from '../time/zoneOffsets.js';

/** Sent once to each worker (the SharedArrayBuffers inside are shared, not copied). */
export interface WorkerSetup {
  readonly config: Config;
  readonly startDay: number;
  readonly endDay: number;
  readonly lastTickMicros: number;
  readonly outDir: string;
  readonly compression: Compression;
  readonly rowGroupRows: number;
  readonly devices: DeviceView;
  readonly users: UserView;
}

export interface ShardResult {
  readonly path: string;
  readonly table: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** Everything the generators need besides the shard, built once per worker. */
export interface FactContexts {
  readonly tap: TapContext;
  readonly usage: UsageContext;
  readonly pages: PageContext;
  readonly maintenance: MaintenanceContext;
}

export function factContexts(setup: WorkerSetup): FactContexts {
  const offsets = new ZoneOffsets(setup.startDay, setup.endDay);
  const common = { offsets, endDay: setup.endDay, lastTickMicros: setup.lastTickMicros };
  return {
    tap: {
      ...common,
      events: setup.config.tap_events,
      online: ONLINE,
      pouring: pouringWindows(setup.devices, setup.endDay, ONLINE),
    },
    usage: { ...common, usage: setup.config.feature_usage },
    pages: { ...common, pages: setup.config.page_views, usage: setup.config.feature_usage },
    maintenance: {
      maintenance: setup.config.device_maintenance,
      endDay: setup.endDay,
      lastTickMicros: setup.lastTickMicros,
      online: ONLINE,
      inMaintenance: MAINTENANCE,
    },
  };
}

export function generateFactShard(setup: WorkerSetup, ctx: FactContexts, shard: FactShardPlan): Batch {
  switch (shard.table) {
    case 'tap_events':
      return generateTapShard(ctx.tap, setup.devices, shard);
    case 'feature_usage':
      return generateFeatureUsage(ctx.usage, setup.users, shard);
    case 'page_views':
      return generatePageViews(ctx.pages, setup.users, shard);
    case 'device_heartbeats':
      return generateHeartbeats(setup.config.device_heartbeats, setup.devices, {
        ...shard,
        deviceStart: shard.deviceStart!,
        deviceEnd: shard.deviceEnd!,
      });
    case 'device_maintenance':
      return generateMaintenance(ctx.maintenance, setup.devices, shard);
    default:
      throw new Error(`no generator for fact table ${shard.table}`);
  }
}

/** Generates a task's shards (all of one table) and writes them, one file each, in one sink call. */
export async function writeFactShards(
  setup: WorkerSetup,
  ctx: FactContexts,
  sink: ParquetSink,
  shards: readonly FactShardPlan[],
): Promise<ShardResult[]> {
  const batches = shards.map((shard) => generateFactShard(setup, ctx, shard));
  const files = await sink.write(
    batches.map((batch, i) => ({
      batch: toRecordBatch(tableSpec(batch.table), batch),
      path: join(setup.outDir, shards[i]!.path),
    })),
  );
  return files.map((file, i) => ({
    path: shards[i]!.path,
    table: shards[i]!.table,
    rows: batches[i]!.rows,
    ...file,
  }));
}
