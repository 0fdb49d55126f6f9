// The reference for `npm run bench`: DuckDB itself writing 10M rows of the tap_events columns from
// SQL (hash/random values, ~1,900 UTC-date partitions, ZSTD, all cores). Usage: node bench/reference.mjs OUT_DIR [ROWS]
import { DuckDBInstance } from '@duckdb/node-api';

const [out, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg ?? 10_000_000);
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
await con.run(`SET TimeZone = 'UTC'`);
const step = Math.floor((1898 * 86_400_000_000) / rows); // µs between rows: ~1,900 days, like tap_events at 1x
await con.run(`
  COPY (
    SELECT
      range + 1 AS event_id,
      make_timestamptz(1586908800000000 + (range * ${step})) AS event_ts,
      CAST(make_timestamptz(1586908800000000 + (range * ${step})) AS DATE) AS event_date,
      (hash(range) % 15000)::INTEGER + 1 AS device_id,
      (hash(range, 1) % 800)::INTEGER + 1 AS location_id,
      (hash(range, 2) % 150)::INTEGER + 1 AS account_id,
      (['beer', 'wine', 'cocktail', 'soda', 'cold_brew', 'kombucha'])[(hash(range, 3) % 6)::INTEGER + 1] AS beverage_type,
      round(20 + random() * 180, 1) AS volume_ml,
      (500 + random() * 5000)::INTEGER AS duration_ms,
      round(2 + random() * 4, 2) AS temperature_c,
      round(10 + random() * 5, 2) AS pressure_psi,
      random() < 0.035 AS is_anomaly,
      CASE WHEN random() < 0.035 THEN 'temperature_high' END AS anomaly_type
    FROM range(${rows})
  ) TO '${out}' (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (event_date), OVERWRITE_OR_IGNORE)`);
con.closeSync();
instance.closeSync();
