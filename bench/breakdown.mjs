// Where a shard's time goes, single-threaded, per fact table: generation (typed arrays filled),
// Arrow assembly, Parquet encoding (DuckDB's COPY, including its writes to the page cache) and our
// file handling (read back for sha256, rename, temp cleanup). Runs the worker's own code on a sample
// of tasks spread over each table. Usage: node bench/breakdown.mjs [SCALE] [SAMPLE_EVERY] [TABLE,…]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toRecordBatch } from '../dist/src/arrow/toRecordBatch.js';
import { loadConfig } from '../dist/src/config/load.js';
import { groupTasks, taskRowsFor } from '../dist/src/plan/files.js';
import { shardMaker } from '../dist/src/run/factShard.js';
import { buildPlan } from '../dist/src/run/runPlan.js';
import { tempRoot } from '../dist/src/run/temporaries.js';
import { findScenario } from '../dist/src/scenarios/registry.js';
import { findTable } from '../dist/src/schema/tableSpec.js';
import { ParquetSink, ready } from '../dist/src/sink/parquetSink.js';

const scale = Number(process.argv[2] ?? 1);
const every = Number(process.argv[3] ?? 8);
const pack = findScenario(process.env.SCENARIO ?? 'tapflow');
const loaded = loadConfig(pack.configFile, pack.configSchema);
const only = process.argv[4]?.split(',');
const tables = only ?? pack.tables.map((t) => t.name);
const partitionBy = process.env.PARTITION_BY ?? 'day';
const plan = await buildPlan(pack, loaded, 42, scale, tables, partitionBy);
const out = mkdtempSync(join(tmpdir(), 'gen-parquet-breakdown-'));
const maker = await shardMaker({ workerModule: pack.workerModule, shared: plan.shared });

const rows = [];
for (const [table, planned] of plan.facts) {
  const tasks = groupTasks(planned, taskRowsFor(planned.reduce((a, f) => a + f.rows, 0)));
  const sample = tasks.filter(
    (_, i) => i % every === Math.floor(every / 2) % tasks.length || tasks.length === 1,
  );
  const sink = await ParquetSink.open(tempRoot(out), 'zstd', 122_880);
  let generateMs = 0;
  let arrowMs = 0;
  let n = 0;
  let files = 0;
  for (const task of sample) {
    maker.arena.reset(); // the previous task's columns are written (the worker resets per shard)
    const t0 = performance.now();
    const batches = task.map((file) => file.shards.map((shard) => maker.generate(shard, maker.arena)));
    const t1 = performance.now();
    const records = batches.map((bs) => bs.map((b) => toRecordBatch(findTable(pack.tables, b.table), b)));
    const t2 = performance.now();
    await sink.write(records.map((rs, i) => ({ parts: rs.map(ready), path: join(out, task[i].path) })));
    generateMs += t1 - t0;
    arrowMs += t2 - t1;
    n += task.reduce((a, f) => a + f.rows, 0);
    files += task.length;
  }
  const { encodeMs, filesMs } = sink.timings;
  sink.close();
  const total = generateMs + arrowMs + encodeMs + filesMs;
  rows.push({ table, rows: n, files, generateMs, arrowMs, encodeMs, filesMs, total });
}
rmSync(out, { recursive: true, force: true });

const pad = (s, w) => String(s).padStart(w);
const cell = (ms, r) =>
  `${pad(((ms / r.rows) * 1e6).toFixed(0), 7)} ${pad(`(${((100 * ms) / r.total).toFixed(0)}%)`, 6)}`;
console.log(
  `time per task, one thread, scale ${scale}, ${partitionBy} files, every ${every}th task; ms per million rows (share of the total)`,
);
console.log(
  `${'table'.padEnd(20)}${pad('rows', 10)}${pad('files', 7)}${pad('generate', 15)}${pad('arrow', 15)}${pad('parquet', 15)}${pad('file i/o', 15)}${pad('rows/s', 11)}${pad('ms/file', 9)}`,
);
for (const r of rows) {
  console.log(
    `${r.table.padEnd(20)}${pad(r.rows, 10)}${pad(r.files, 7)}${pad(cell(r.generateMs, r), 15)}${pad(cell(r.arrowMs, r), 15)}${pad(cell(r.encodeMs, r), 15)}${pad(cell(r.filesMs, r), 15)}${pad(Math.round((r.rows / r.total) * 1000), 11)}${pad((r.total / r.files).toFixed(2), 9)}`,
  );
}
if (process.env.BENCH_JSON) console.log(JSON.stringify(rows));
export const breakdown = rows;
