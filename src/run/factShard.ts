/** Worker-side: generate one fact shard, wrap it as Arrow, write it as Parquet. */
import { join } from 'node:path';
import { toRecordBatch } from '../arrow/toRecordBatch.js';
import type { Config } from '../config/schema.js';
import { ONLINE } from '../generate/devices.js';
import type { DeviceView } from '../generate/deviceView.js';
import { generateTapShard, pouringWindows, type TapContext } from '../generate/tapEvents.js';
import type { FactShardPlan } from '../plan/tapPlan.js';
import { tableSpec } from '../schema/tables.js';
import type { Compression, ParquetSink } from '../sink/parquetSink.js';
import { ZoneOffsets } from '../time/zoneOffsets.js';

/** Sent once to each worker (SharedArrayBuffers inside are shared, not copied). */
export interface WorkerSetup {
  readonly config: Config;
  readonly startDay: number;
  readonly endDay: number;
  readonly lastTickMicros: number;
  readonly outDir: string;
  readonly compression: Compression;
  readonly rowGroupRows: number;
  readonly devices: DeviceView;
}

export interface ShardResult {
  readonly path: string;
  readonly table: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

export function tapContext(setup: WorkerSetup): TapContext {
  return {
    events: setup.config.tap_events,
    offsets: new ZoneOffsets(setup.startDay, setup.endDay),
    endDay: setup.endDay,
    lastTickMicros: setup.lastTickMicros,
    online: ONLINE,
    pouring: pouringWindows(setup.devices, setup.endDay, ONLINE),
  };
}

/** Generates a task's shards and writes them, one file each, in one sink call. */
export async function writeFactShards(
  setup: WorkerSetup,
  ctx: TapContext,
  sink: ParquetSink,
  shards: readonly FactShardPlan[],
): Promise<ShardResult[]> {
  const batches = shards.map((shard) => {
    if (shard.table !== 'tap_events') throw new Error(`no generator for fact table ${shard.table}`);
    return generateTapShard(ctx, setup.devices, shard);
  });
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
