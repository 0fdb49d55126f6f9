// Generation alone, one thread: every EVERY-th shard of one fact table, ms per million rows (no Arrow, no
// Parquet). For profiles: node --cpu-prof bench/generate.mjs [SCALE] [EVERY] [TABLE]. Needs npm run build.
import { loadConfig } from '../dist/src/config/load.js';
import { shardMaker } from '../dist/src/run/factShard.js';
import { buildPlan } from '../dist/src/run/runPlan.js';
import { findScenario } from '../dist/src/scenarios/registry.js';

const scale = Number(process.argv[2] ?? 1);
const every = Number(process.argv[3] ?? 4);
const table = process.argv[4] ?? 'tap_events';
const pack = findScenario('tapflow');
const loaded = loadConfig(pack.configFile, pack.configSchema);
const plan = await buildPlan(pack, loaded, 42, scale, [table], 'day');
const maker = await shardMaker({ workerModule: pack.workerModule, shared: plan.shared });
const shards = plan.facts
  .get(table)
  .flatMap((f) => f.shards)
  .filter((_, i) => i % every === 0);
const t0 = performance.now();
let n = 0;
for (const s of shards) {
  maker.arena.reset();
  const b = maker.generate(s, maker.arena);
  n += b.rows;
}
const ms = performance.now() - t0;
console.log(
  `${table}: ${shards.length} shards, ${n} rows, ${(ms / (n / 1e6)).toFixed(0)} ms per million rows`,
);
