/**
 * The smallest complete scenario pack: one dimension (stores), one fact table (visits), a config
 * and a check of its own. The engine generates, validates and resumes it without a change
 * (test/examplePack.test.ts); docs/scenarios.md walks through it.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { Arena } from '../../src/generate/arena.js';
import { int32Pairs } from '../../src/generate/arena.js';
import { type Batch, int64Column, setInt64 } from '../../src/generate/batch.js';
import { dayShards } from '../../src/plan/shards.js';
import { baseState, Stream, shardStates } from '../../src/rng/stream.js';
import type { PackWorker, ScenarioPack } from '../../src/scenario/scenarioPack.js';
import { col, subsecond, type TableSpec } from '../../src/schema/tableSpec.js';
import { formatIsoDay, MICROS_PER_DAY, parseIsoDay } from '../../src/time/calendar.js';
import { lengthOf } from '../../src/time/window.js';
import { type CheckContext, GROUP, row, zero } from '../../src/validate/check.js';
import { PACKAGE_ROOT } from '../../src/version.js';

const configSchema = z.strictObject({
  start: z.string().refine((d) => parseIsoDay(d) !== undefined, { message: 'not a real date (YYYY-MM-DD)' }),
  days: z.number().int().min(1).max(3660),
  stores: z.number().int().min(1),
  visits_per_store_day: z.number().positive(),
  shard_rows: z.number().int().min(1),
});
type Config = z.infer<typeof configSchema>;

const STORES: TableSpec = {
  name: 'stores',
  kind: 'dimension',
  mutable: true,
  description: "Shops, open before the first visit; a snapshot at the window's end (inspected_at).",
  rowsAt1x: '20',
  primaryKey: 'store_id',
  foreignKeys: [],
  columns: [
    col('store_id', 'int32', 'Primary key, 1..stores.'),
    col('opened_at', 'timestamp', 'When the store opened (before the business time range).'),
    col(
      'inspected_at',
      'timestamp',
      'Its latest inspection (midnight UTC) by the end of the window, if it had one.',
      true,
    ),
  ],
};

const VISITS: TableSpec = {
  name: 'visits',
  kind: 'fact',
  description: 'One row per customer visit.',
  rowsAt1x: 'stores × visits_per_store_day × days',
  primaryKey: 'visit_id',
  sequence: { column: 'visit_id', time: 'visited_at' },
  partition: { column: 'visit_date', source: 'visited_at' },
  foreignKeys: [{ column: 'store_id', references: 'stores.store_id' }],
  columns: [
    col('visit_id', 'int64', 'Sequence 1..rows, ascending with visited_at.'),
    col('store_id', 'int32', 'The store visited.'),
    subsecond(col('visited_at', 'timestamp', 'When.')),
    col('basket', 'float64', 'Amount spent, USD.'),
  ],
};

interface Shared {
  readonly stores: number;
}

/** The worker side, exported as `worker` from `workerModule` (this pack's planning is light enough to share the module). */
export const worker: PackWorker<Shared> = {
  tables: [STORES, VISITS],

  prepare({ stores }) {
    return (shard, arena: Arena): Batch => {
      const n = shard.rows;
      const ids = arena.i64(n);
      const times = arena.i64(n);
      const store = arena.i32(n);
      const basket = arena.f64(n);
      const [idView, timeView] = [int32Pairs(ids), int32Pairs(times)];
      const jitter = new Stream(shard.state, 0);
      const who = new Stream(shard.state, 1);
      const spend = new Stream(shard.state, 2);
      for (let i = 0; i < n; i++) {
        // Row r of a day sits at quantile (r + u) / dayRows of it: times ascend with ids, no sort.
        const r = shard.firstRow + i;
        setInt64(idView, i, shard.firstId + i);
        setInt64(timeView, i, Math.floor((shard.day + (r + jitter.next()) / shard.dayRows) * MICROS_PER_DAY));
        store[i] = who.int(1, stores);
        basket[i] = Math.round(Math.exp(3 + 0.5 * spend.normal()) * 100) / 100;
      }
      return {
        table: 'visits',
        rows: n,
        columns: { visit_id: ids, store_id: store, visited_at: times, basket },
        validity: {},
      };
    };
  },
};

const minimal: ScenarioPack<Config, Shared> = {
  name: 'minimal',
  description: 'Test pack: stores and their visits',
  workerModule: import.meta.url,
  configFile: join(PACKAGE_ROOT, 'test', 'packs', 'minimal.yaml'),
  configSchema,
  // Every day's visits come from the day's own shards' streams, numbered from the first day: a longer
  // window leaves the earlier days as they were.
  window: {
    of: (config) => ({
      start: config.start,
      end: formatIsoDay(parseIsoDay(config.start)! + config.days - 1),
    }),
    set: (w) => [`start=${w.start}`, `days=${lengthOf(w)}`],
    appendStable: true,
  },
  tables: [STORES, VISITS],
  minScale: 0.001, // still one store and 50 visits a day

  // A generator: a big plan yields between steps so a stop signal is handled; this one is small.
  *plan({ config, seed, scale, tables }) {
    const startDay = parseIsoDay(config.start)!;
    const stores = Math.max(1, Math.round(config.stores * scale));
    const random = new Stream(shardStates(baseState(seed, 'stores'), 1)[0]!, 0);
    const endDay = startDay + config.days - 1;
    const opened = new BigInt64Array(stores);
    const openedView = int32Pairs(opened);
    const inspected = new Int32Array(stores);
    const hasInspection = new Uint8Array(stores);
    for (let i = 0; i < stores; i++) {
      setInt64(openedView, i, (startDay - 1 - random.int(0, 999)) * MICROS_PER_DAY);
      // Inspections every `period` days from `first`, drawn whatever the window: the latest one moves with its end.
      const first = startDay + random.int(0, 9);
      const period = random.int(5, 15);
      hasInspection[i] = first <= endDay ? 1 : 0;
      inspected[i] = first + Math.floor(Math.max(0, endDay - first) / period) * period;
    }
    const dimension: Batch = {
      table: 'stores',
      rows: stores,
      columns: {
        store_id: Int32Array.from({ length: stores }, (_, i) => i + 1),
        opened_at: opened,
        inspected_at: int64Column(Array.from(inspected, (d) => d * MICROS_PER_DAY)),
      },
      validity: { inspected_at: hasInspection },
    };
    const perDay = new Int32Array(config.days).fill(Math.round(stores * config.visits_per_store_day));
    const facts = new Map();
    if (tables.includes('visits'))
      facts.set('visits', dayShards('visits', perDay, startDay, config.shard_rows, seed, 'chunk'));
    return {
      dimensions: [dimension],
      shared: { stores },
      facts,
      expected: {
        id_max: { stores },
        time: { start_us: startDay * MICROS_PER_DAY, end_us: (startDay + config.days) * MICROS_PER_DAY },
      },
    };
  },

  checks: {
    groups: [
      async ({ con, has }: CheckContext) =>
        has('visits')
          ? [
              zero(
                GROUP.business,
                'visits before their store opened, or with no basket',
                (
                  await row(
                    con,
                    'SELECT count(*) AS n FROM visits JOIN stores USING (store_id) WHERE visited_at < opened_at OR basket <= 0',
                  )
                ).n!,
              ),
            ]
          : [],
    ],
  },
};

export default minimal;
