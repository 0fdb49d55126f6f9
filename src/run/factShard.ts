/** Worker-side: generate fact shards, wrap them as Arrow, write them as Parquet files. */
import { join } from 'node:path';
import { toRecordBatch } from '../arrow/toRecordBatch.js';
import type { Config } from '../config/schema.js';
import { activeUsers } from '../generate/activeUsers.js';
import { Arena } from '../generate/arena.js';
import type { Batch } from '../generate/batch.js';
import { MAINTENANCE, ONLINE } from '../generate/devices.js';
import type { DeviceView } from '../generate/deviceView.js';
import { generateFeatureUsage, roleWeights, type UsageContext } from '../generate/featureUsage.js';
import { generateHeartbeats } from '../generate/heartbeats.js';
import {
  generateMaintenance,
  type MaintenanceContext,
  type ServiceWindows,
  serviceWindows,
} from '../generate/maintenance.js';
import { generatePageViews, type PageContext } from '../generate/pageViews.js';
import { generateTapShard, pouringWindows, type TapContext } from '../generate/tapEvents.js';
import type { UserView } from '../generate/userView.js';
import type { FactFilePlan } from '../plan/files.js';
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

export interface FileResult {
  readonly path: string;
  readonly table: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

/** Everything the generators need besides the shard, built once per worker. */
export interface FactContexts {
  /** Column memory of the shard being written, reused by the next one. */
  readonly arena: Arena;
  readonly tap: TapContext;
  readonly usage: UsageContext;
  readonly pages: PageContext;
  readonly maintenance: MaintenanceContext;
  readonly service: ServiceWindows;
}

export function factContexts(setup: WorkerSetup): FactContexts {
  const offsets = new ZoneOffsets(setup.startDay, setup.endDay);
  const common = { offsets, endDay: setup.endDay, lastTickMicros: setup.lastTickMicros };
  // One scratch for both user-driven tables: a worker generates one shard at a time.
  const active = activeUsers(setup.users, setup.endDay, roleWeights(setup.config.feature_usage));
  const maintenance: MaintenanceContext = {
    maintenance: setup.config.device_maintenance,
    endDay: setup.endDay,
    lastTickMicros: setup.lastTickMicros,
    online: ONLINE,
    inMaintenance: MAINTENANCE,
  };
  return {
    arena: new Arena(),
    tap: {
      ...common,
      events: setup.config.tap_events,
      online: ONLINE,
      pouring: pouringWindows(setup.devices, setup.endDay, ONLINE),
    },
    usage: { ...common, active, usage: setup.config.feature_usage },
    pages: { ...common, active, pages: setup.config.page_views, usage: setup.config.feature_usage },
    maintenance,
    service: serviceWindows(maintenance, setup.devices),
  };
}

export function generateFactShard(setup: WorkerSetup, ctx: FactContexts, shard: FactShardPlan): Batch {
  switch (shard.table) {
    case 'tap_events':
      return generateTapShard(ctx.tap, setup.devices, shard, ctx.arena);
    case 'feature_usage':
      return generateFeatureUsage(ctx.usage, setup.users, shard, ctx.arena);
    case 'page_views':
      return generatePageViews(ctx.pages, setup.users, shard, ctx.arena);
    case 'device_heartbeats':
      return generateHeartbeats(
        setup.config.device_heartbeats,
        setup.devices,
        { ...shard, deviceStart: shard.deviceStart!, deviceEnd: shard.deviceEnd! },
        ctx.arena,
      );
    case 'device_maintenance':
      return generateMaintenance(ctx.maintenance, ctx.service, setup.devices, shard, ctx.arena);
    default:
      throw new Error(`no generator for fact table ${shard.table}`);
  }
}

/**
 * Writes a task's files (all of one table) in one sink call. Each shard is generated only when
 * DuckDB reaches it, into the worker's arena, which the next shard reuses: DuckDB has copied the
 * previous one by then, so a worker holds one shard's columns whatever the file or task size.
 */
export async function writeFactFiles(
  setup: WorkerSetup,
  ctx: FactContexts,
  sink: ParquetSink,
  files: readonly FactFilePlan[],
): Promise<FileResult[]> {
  const written = await sink.write(
    files.map((file) => ({
      parts: file.shards.map((shard) => ({
        rows: shard.rows,
        make: () => {
          ctx.arena.reset();
          return toRecordBatch(tableSpec(file.table), generateFactShard(setup, ctx, shard));
        },
      })),
      path: join(setup.outDir, file.path),
    })),
  );
  return written.map((w, i) => ({
    path: files[i]!.path,
    table: files[i]!.table,
    rows: files[i]!.rows,
    ...w,
  }));
}
