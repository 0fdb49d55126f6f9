/**
 * The main-thread coordinator: builds the dimensions, plans fact shards, fans them out to a Piscina
 * pool, writes the manifest and then `_SUCCESS`. The plan never depends on the worker count.
 */
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { toRecordBatch } from '../arrow/toRecordBatch.js';
import type { LoadedConfig } from '../config/load.js';
import { runContext } from '../generate/context.js';
import { ONLINE } from '../generate/devices.js';
import { deviceViewOf, shareDeviceView } from '../generate/deviceView.js';
import { generateDimensions } from '../generate/dimensions.js';
import { groupOf } from '../generate/profiles.js';
import { type FactShardPlan, groupTasks, planTapEvents, taskRowsFor } from '../plan/tapPlan.js';
import { tableSpec } from '../schema/tables.js';
import { type Compression, ParquetSink } from '../sink/parquetSink.js';
import { ZoneOffsets } from '../time/zoneOffsets.js';
import { GENERATOR } from '../version.js';
import type { ShardResult, WorkerSetup } from './factShard.js';
import { type Manifest, SUCCESS, writeAtomic, writeManifest } from './manifest.js';
import { prepareOutputDir } from './outputDir.js';

export interface GenerateOptions {
  readonly loaded: LoadedConfig;
  readonly scale: number;
  readonly seed: number;
  readonly outDir: string;
  readonly workers: number;
  readonly tables: readonly string[];
  readonly force: boolean;
  readonly compression: Compression;
  readonly rowGroupRows: number;
  readonly log: (line: string) => void;
}

export interface TableSummary {
  readonly table: string;
  readonly rows: number;
  readonly files: number;
  readonly bytes: number;
  readonly seconds: number;
}

export interface GenerateResult {
  readonly manifest: Manifest;
  readonly tables: readonly TableSummary[];
  readonly seconds: number;
}

const WORKER_FILE = new URL('../../workers/shardTask.js', import.meta.url);

function summarize(table: string, files: readonly ShardResult[], seconds: number): TableSummary {
  return {
    table,
    rows: files.reduce((a, f) => a + f.rows, 0),
    files: files.length,
    bytes: files.reduce((a, f) => a + f.bytes, 0),
    seconds,
  };
}

export async function generate(opts: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const { config } = opts.loaded;
  const ctx = runContext(config, opts.seed, opts.scale);
  await prepareOutputDir(opts.outDir, opts.force);

  const dims = generateDimensions(ctx);
  const results: ShardResult[] = [];
  const summaries: TableSummary[] = [];
  const sink = await ParquetSink.open(opts.compression, opts.rowGroupRows);
  try {
    for (const batch of dims.batches) {
      if (!opts.tables.includes(batch.table)) continue;
      const t0 = performance.now();
      const path = `${batch.table}/part-00000.parquet`;
      const [file] = await sink.write([
        { batch: toRecordBatch(tableSpec(batch.table), batch), path: join(opts.outDir, path) },
      ]);
      const result = { path, table: batch.table, rows: batch.rows, ...file! };
      results.push(result);
      summaries.push(summarize(batch.table, [result], (performance.now() - t0) / 1000));
    }
  } finally {
    sink.close();
  }

  if (opts.tables.includes('tap_events')) {
    const t0 = performance.now();
    const offsets = new ZoneOffsets(ctx.startDay, ctx.endDay);
    const view = deviceViewOf(
      dims.devices,
      dims.locations,
      groupOf,
      config.tap_events.anomaly.share,
      ctx.endDay,
      ONLINE,
    );
    const shards = planTapEvents(
      {
        events: config.tap_events,
        shardRows: config.shard_rows,
        seed: opts.seed,
        totalRows: Math.round(config.tap_events.rows * opts.scale),
        startDay: ctx.startDay,
        endDay: ctx.endDay,
        lastTickMicros: ctx.lastTickMicros,
        offsets,
        online: ONLINE,
      },
      view,
    );
    const files = await runShards(opts, ctx, shareDeviceView(view), shards);
    results.push(...files);
    summaries.push(summarize('tap_events', files, (performance.now() - t0) / 1000));
  }

  const manifest: Manifest = {
    generator: GENERATOR,
    seed: opts.seed,
    scale: opts.scale,
    config_sha256: opts.loaded.sha256,
    tables: [...opts.tables],
    expected: { rows: { tap_events: Math.round(config.tap_events.rows * opts.scale) } },
    files: results,
  };
  await writeManifest(opts.outDir, manifest);
  await writeAtomic(join(opts.outDir, SUCCESS), '');
  return { manifest, tables: summaries, seconds: (performance.now() - started) / 1000 };
}

async function runShards(
  opts: GenerateOptions,
  ctx: ReturnType<typeof runContext>,
  devices: WorkerSetup['devices'],
  shards: readonly FactShardPlan[],
): Promise<ShardResult[]> {
  const setup: WorkerSetup = {
    config: ctx.config,
    startDay: ctx.startDay,
    endDay: ctx.endDay,
    lastTickMicros: ctx.lastTickMicros,
    outDir: opts.outDir,
    compression: opts.compression,
    rowGroupRows: opts.rowGroupRows,
    devices,
  };
  const pool = new Piscina({
    filename: WORKER_FILE.href,
    workerData: setup,
    minThreads: opts.workers,
    maxThreads: opts.workers,
    idleTimeout: 60_000,
  });
  try {
    const tasks = groupTasks(shards, taskRowsFor(shards.reduce((a, s) => a + s.rows, 0)));
    const done = await Promise.all(tasks.map((t) => pool.run(t) as Promise<ShardResult[]>));
    return done.flat();
  } finally {
    await pool.destroy();
  }
}
