// The table every candidate writer writes in bench/writers.mjs: tap_events' columns (int64 id, UTC
// µs timestamps, int32 keys, dictionary strings, doubles, a bool, a nullable string) plus a
// DECIMAL(10,2) price, because accounts.mrr and subscriptions are decimals and tap_events has none.
// Values follow tap_events' shapes, generated column-wise from a fixed-seed hash: same rows → same data.

import { TAP_EVENTS } from '../../dist/src/scenarios/tapflow/tables.js';
import { col, enumCol } from '../../dist/src/schema/tableSpec.js';

const membersOf = (name) => TAP_EVENTS.columns.find((c) => c.name === name).members;
export const BEVERAGES = membersOf('beverage_type');
export const ANOMALY_TYPES = membersOf('anomaly_type');

export const BENCH_TABLE = {
  ...TAP_EVENTS,
  columns: [
    col('event_id', 'int64', '1..N'),
    col('event_ts', 'timestamp', 'UTC µs, ascending'),
    col('device_id', 'int32', ''),
    col('location_id', 'int32', ''),
    col('account_id', 'int32', ''),
    enumCol('beverage_type', BEVERAGES, ''),
    col('volume_ml', 'float64', ''),
    col('duration_ms', 'int32', ''),
    col('temperature_c', 'float64', ''),
    col('pressure_psi', 'float64', ''),
    col('is_anomaly', 'bool', ''),
    enumCol('anomaly_type', ANOMALY_TYPES, '', true),
    col('price_usd', 'decimal', 'DECIMAL(10,2), not in tap_events: checks decimals'),
  ],
};

/** 2020-04-15T00:00:00Z in µs, and ~1,900 days of events, like tap_events at 1x. */
const START_US = 1_586_908_800_000_000;
const SPAN_US = 1898 * 86_400_000_000;

/** A 32-bit hash of (row, stream) in [0, 1): a pure function, so columns fill in any order. */
function unit(i, stream) {
  let h = Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The bench rows as the project's generator output (a Batch: typed columns, validity bytes), so the
 * DuckDB candidate runs the project's own Arrow and sink code. `cents` is the decimal column's exact
 * value (price_usd = cents / 100), kept for the read-back comparison.
 */
export function makeBatch(rows) {
  const eventId = new BigInt64Array(rows);
  const eventTs = new BigInt64Array(rows);
  const idView = new Int32Array(eventId.buffer);
  const tsView = new Int32Array(eventTs.buffer);
  const device = new Int32Array(rows);
  const location = new Int32Array(rows);
  const account = new Int32Array(rows);
  const beverage = new Uint8Array(rows);
  const volume = new Float64Array(rows);
  const duration = new Int32Array(rows);
  const temperature = new Float64Array(rows);
  const pressure = new Float64Array(rows);
  const anomaly = new Uint8Array(rows);
  const anomalyType = new Uint8Array(rows);
  const cents = new Float64Array(rows);
  const price = new Float64Array(rows);
  const step = Math.floor(SPAN_US / rows);
  for (let i = 0; i < rows; i++) {
    const id = i + 1;
    const ts = START_US + i * step + Math.floor(unit(i, 0) * step); // ascending: jitter < step
    idView[2 * i] = id;
    tsView[2 * i] = ts >>> 0;
    tsView[2 * i + 1] = Math.floor(ts / 4294967296);
  }
  for (let i = 0; i < rows; i++) {
    const d = 1 + Math.floor(unit(i, 1) * 15_000);
    device[i] = d;
    location[i] = 1 + ((d * 7919) % 800);
    account[i] = 1 + ((d * 104_729) % 150);
  }
  for (let i = 0; i < rows; i++) beverage[i] = Math.floor(unit(i, 2) * BEVERAGES.length);
  for (let i = 0; i < rows; i++) volume[i] = round(20 + unit(i, 3) * 180, 1);
  for (let i = 0; i < rows; i++) duration[i] = Math.round(volume[i] * (20 + beverage[i] * 3));
  for (let i = 0; i < rows; i++) anomaly[i] = unit(i, 4) < 0.035 ? 1 : 0;
  for (let i = 0; i < rows; i++) {
    const hot = anomaly[i] && unit(i, 5) < 0.5;
    temperature[i] = round(hot ? 6.5 + unit(i, 6) * 4 : 2 + unit(i, 6) * 4, 2);
  }
  for (let i = 0; i < rows; i++) pressure[i] = round(10 + unit(i, 7) * 5, 2);
  for (let i = 0; i < rows; i++)
    anomalyType[i] = anomaly[i] ? Math.floor(unit(i, 8) * ANOMALY_TYPES.length) : 0;
  // Whole cents up to 10^9 - 1 (DECIMAL(10,2) holds up to 99,999,999.99), skewed small like prices.
  for (let i = 0; i < rows; i++) {
    const u = unit(i, 9);
    cents[i] = Math.floor(u * u * u * 999_999_999);
    price[i] = cents[i] / 100;
  }
  return {
    batch: {
      table: BENCH_TABLE.name,
      rows,
      columns: {
        event_id: eventId,
        event_ts: eventTs,
        device_id: device,
        location_id: location,
        account_id: account,
        beverage_type: beverage,
        volume_ml: volume,
        duration_ms: duration,
        temperature_c: temperature,
        pressure_psi: pressure,
        is_anomaly: anomaly,
        anomaly_type: anomalyType,
        price_usd: price,
      },
      validity: { anomaly_type: anomaly },
    },
    cents,
  };
}

/** Rows [start, end) of a batch as a batch of its own (typed-array views, no copies). */
export function sliceBatch(batch, start, end) {
  const columns = {};
  for (const [name, values] of Object.entries(batch.columns)) columns[name] = values.subarray(start, end);
  const validity = {};
  for (const [name, bytes] of Object.entries(batch.validity)) validity[name] = bytes.subarray(start, end);
  return { table: batch.table, rows: end - start, columns, validity };
}

/** `cents` as DECIMAL(10,2) text, the way DuckDB casts it to VARCHAR ("1234.05", "0.07"). */
export function decimalText(cents) {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}
