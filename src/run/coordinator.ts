/**
 * The main-thread coordinator: builds the dimensions, plans fact shards, fans them out to a Piscina
 * pool, writes the manifest and then `_SUCCESS`. The plan never depends on the worker count.
 */
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { toRecordBatch } from '../arrow/toRecordBatch.js';
import type { LoadedConfig } from '../config/load.js';
import type { Batch } from '../generate/batch.js';
import { runContext, scaled } from '../generate/context.js';
import { ONLINE } from '../generate/devices.js';
import { deviceViewOf } from '../generate/deviceView.js';
import { generateDimensions } from '../generate/dimensions.js';
import { groupOf } from '../generate/profiles.js';
import { userViewOf } from '../generate/userView.js';
import { expectedMetrics } from '../plan/expected.js';
import { FACT_TABLES, planFact } from '../plan/factPlans.js';
import { groupTasks, taskRowsFor } from '../plan/shards.js';
import { tableSpec } from '../schema/tables.js';
import { type Compression, ParquetSink } from '../sink/parquetSink.js';
import { ZoneOffsets } from '../time/zoneOffsets.js';
import { GENERATOR } from '../version.js';
import type { ShardResult, WorkerSetup } from './factShard.js';
import { type Manifest, SUCCESS, writeAtomic, writeManifest } from './manifest.js';
import { prepareOutputDir } from './outputDir.js';
import { shareArrays } from './share.js';

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

function activeMrr(batches: readonly Batch[]): number {
  const accounts = batches.find((b) => b.table === 'accounts')!;
  return (accounts.columns.mrr as Float64Array).reduce((a, b) => a + b, 0);
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

  const offsets = new ZoneOffsets(ctx.startDay, ctx.endDay);
  const devices = deviceViewOf(
    dims.devices,
    dims.locations,
    groupOf,
    config.tap_events.anomaly.share,
    ctx.endDay,
    ONLINE,
  );
  const users = userViewOf(dims.accounts, dims.locations, dims.devices, dims.users);
  const expectedRows: Record<string, number> = {};
  const facts = FACT_TABLES.filter((t) => opts.tables.includes(t));
  if (facts.length) {
    const setup: WorkerSetup = {
      config: ctx.config,
      startDay: ctx.startDay,
      endDay: ctx.endDay,
      lastTickMicros: ctx.lastTickMicros,
      outDir: opts.outDir,
      compression: opts.compression,
      rowGroupRows: opts.rowGroupRows,
      devices: shareArrays(devices),
      users: shareArrays(users),
    };
    const pool = new Piscina({
      filename: WORKER_FILE.href,
      workerData: setup,
      minThreads: opts.workers,
      maxThreads: opts.workers,
      idleTimeout: 60_000,
    });
    try {
      for (const table of facts) {
        const t0 = performance.now();
        const shards = planFact(table, ctx, offsets, devices, users);
        const rows = shards.reduce((a, sh) => a + sh.rows, 0);
        expectedRows[table] = rows;
        const tasks = groupTasks(shards, taskRowsFor(rows));
        const files = (await Promise.all(tasks.map((t) => pool.run(t) as Promise<ShardResult[]>))).flat();
        results.push(...files);
        summaries.push(summarize(table, files, (performance.now() - t0) / 1000));
        opts.log(`${table}: ${files.length} files, ${rows} rows`);
      }
    } finally {
      await pool.destroy();
    }
  }

  const manifest: Manifest = {
    generator: GENERATOR,
    seed: opts.seed,
    scale: opts.scale,
    config_sha256: opts.loaded.sha256,
    tables: [...opts.tables],
    expected: {
      rows: expectedRows,
      id_max: {
        accounts: dims.accounts.count,
        locations: scaled(config.locations.id_max, opts.scale, dims.accounts.count),
        devices: scaled(config.devices.id_max, opts.scale, dims.locations.count),
        users: scaled(config.users.id_max, opts.scale, dims.accounts.count),
        subscriptions: scaled(config.subscriptions.id_max, opts.scale, dims.accounts.count),
      },
      metrics: expectedMetrics(config, devices, ctx.endDay, activeMrr(dims.batches)),
      plans: config.subscriptions.plans,
      time: {
        start_us: ctx.startMicros,
        end_us: ctx.nowMicros,
        heartbeat_days: config.device_heartbeats.window_days,
      },
    },
    files: results,
  };
  await writeManifest(opts.outDir, manifest);
  await writeAtomic(join(opts.outDir, SUCCESS), '');
  return { manifest, tables: summaries, seconds: (performance.now() - started) / 1000 };
}
