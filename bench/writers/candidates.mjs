// The Parquet writers bench/writers.mjs compares. Each `open(outDir)` loads the package and does the
// writer's one-time setup (untimed); `write(files)` writes each { batch, path } (timed: it includes
// turning the typed columns into the input the writer takes: Arrow, Arrow IPC, JS arrays or row
// objects, since the project would pay that too); `close()` releases it. Same data, same rows per
// row group (122,880, the project's default), each writer's own defaults otherwise.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BENCH_TABLE } from './data.mjs';

const require = createRequire(import.meta.url);
export const ROW_GROUP_ROWS = 122_880;

const columnSpec = (name) => BENCH_TABLE.columns.find((c) => c.name === name);
const strings = (batch, name, withNulls) => {
  const { members } = columnSpec(name);
  const validity = batch.validity[name];
  return Array.from(batch.columns[name], (k, i) => (withNulls && !validity[i] ? null : members[k]));
};

/** DuckDB through the project's own sink (dist/src/sink/parquetSink.js): Arrow → DuckDB vectors → COPY. */
const duckdb = {
  id: 'duckdb',
  pkg: '@duckdb/node-api',
  how: 'the project sink (Arrow batch → table function → COPY … TO, one COPY for all files)',
  codec: 'ZSTD',
  zstd: 'yes',
  async open(outDir) {
    const { ParquetSink } = await import('../../dist/src/sink/parquetSink.js');
    const { toRecordBatch } = await import('../../dist/src/arrow/toRecordBatch.js');
    const sink = await ParquetSink.open(join(outDir, '_tmp'), 'zstd', ROW_GROUP_ROWS);
    return {
      write: (files) =>
        sink.write(
          files.map((f) => ({
            parts: [{ rows: f.batch.rows, make: () => toRecordBatch(BENCH_TABLE, f.batch) }],
            path: f.path,
          })),
        ),
      close: () => sink.close(),
    };
  },
};

/** parquet-wasm: Rust's arrow-rs ArrowWriter compiled to WebAssembly, fed Arrow IPC. */
const parquetWasm = {
  id: 'parquet-wasm',
  pkg: 'parquet-wasm',
  how: 'Arrow batch → IPC stream → wasm Table → writeParquet (whole file in memory) → writeFileSync',
  codec: 'ZSTD',
  zstd: 'yes',
  async open() {
    const pw = require('parquet-wasm/node');
    const { Table, tableToIPC } = await import('apache-arrow');
    const { toRecordBatch } = await import('../../dist/src/arrow/toRecordBatch.js');
    return {
      write(files) {
        for (const f of files) {
          const ipc = tableToIPC(new Table(toRecordBatch(BENCH_TABLE, f.batch)), 'stream');
          const table = pw.Table.fromIPCStream(ipc);
          // writeParquet consumes both the table and the properties: a fresh set per file.
          const props = new pw.WriterPropertiesBuilder()
            .setCompression(pw.Compression.ZSTD)
            .setMaxRowGroupSize(ROW_GROUP_ROWS)
            .build();
          writeFileSync(f.path, pw.writeParquet(table, props));
        }
      },
      close() {},
    };
  },
};

const HYPARQUET_SCHEMA = [
  { name: 'root', num_children: BENCH_TABLE.columns.length },
  ...BENCH_TABLE.columns.map((c) => {
    const repetition_type = c.nullable ? 'OPTIONAL' : 'REQUIRED';
    switch (c.type) {
      case 'int64':
        return { name: c.name, type: 'INT64', repetition_type };
      case 'int32':
        return { name: c.name, type: 'INT32', repetition_type };
      case 'float64':
        return { name: c.name, type: 'DOUBLE', repetition_type };
      case 'bool':
        return { name: c.name, type: 'BOOLEAN', repetition_type };
      case 'enum':
        return { name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type };
      case 'timestamp':
        return {
          name: c.name,
          type: 'INT64',
          converted_type: 'TIMESTAMP_MICROS',
          logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' },
          repetition_type,
        };
      case 'decimal':
        return {
          name: c.name,
          type: 'INT64',
          converted_type: 'DECIMAL',
          scale: 2,
          precision: 10,
          logical_type: { type: 'DECIMAL', scale: 2, precision: 10 },
          repetition_type,
        };
      default:
        throw new Error(`hyparquet-writer candidate: no mapping for ${c.type}`);
    }
  }),
];

/** hyparquet-writer: pure JavaScript, column arrays in. SNAPPY built in; other codecs need a compressor function. */
const hyparquet = (codec) => ({
  id: `hyparquet-writer-${codec.toLowerCase()}`,
  pkg: 'hyparquet-writer',
  how: `typed arrays / JS arrays per column → parquetWriteFile (${codec === 'GZIP' ? 'GZIP through node:zlib gzipSync' : 'its built-in SNAPPY'})`,
  codec,
  zstd: 'no: only SNAPPY is built in; ZSTD needs a compressor function, and Node 20 zlib has no zstd',
  async open() {
    const { parquetWriteFile } = await import('hyparquet-writer');
    return {
      write(files) {
        for (const { batch, path } of files) {
          const columnData = BENCH_TABLE.columns.map((c) => {
            const values = batch.columns[c.name];
            let data = values;
            if (c.type === 'enum') data = strings(batch, c.name, c.nullable);
            else if (c.type === 'bool') data = Array.from(values, (b) => b === 1);
            return { name: c.name, data, nullable: c.nullable };
          });
          parquetWriteFile({
            filename: path,
            columnData,
            schema: HYPARQUET_SCHEMA,
            codec,
            compressors: codec === 'GZIP' ? { GZIP: (bytes) => gzipSync(bytes) } : undefined,
            rowGroupSize: ROW_GROUP_ROWS,
          });
        }
      },
      close() {},
    };
  },
});

/** @dsnp/parquetjs: pure JavaScript, one row object at a time. No ZSTD; GZIP, SNAPPY or BROTLI. */
const parquetjs = (codec) => ({
  id: `parquetjs-${codec.toLowerCase()}`,
  pkg: '@dsnp/parquetjs',
  how: 'one row object per row → ParquetWriter.appendRow (PLAIN encoding: it cannot write dictionaries)',
  codec,
  zstd: 'no: UNCOMPRESSED, GZIP, SNAPPY, BROTLI only',
  async open() {
    const parquet = require('@dsnp/parquetjs');
    const compression = codec;
    const schema = new parquet.ParquetSchema({
      event_id: { type: 'INT64', compression },
      event_ts: { type: 'TIMESTAMP_MICROS', compression },
      device_id: { type: 'INT32', compression },
      location_id: { type: 'INT32', compression },
      account_id: { type: 'INT32', compression },
      beverage_type: { type: 'UTF8', compression },
      volume_ml: { type: 'DOUBLE', compression },
      duration_ms: { type: 'INT32', compression },
      temperature_c: { type: 'DOUBLE', compression },
      pressure_psi: { type: 'DOUBLE', compression },
      is_anomaly: { type: 'BOOLEAN', compression },
      anomaly_type: { type: 'UTF8', compression, optional: true },
      price_usd: { type: 'DECIMAL', precision: 10, scale: 2, compression },
    });
    const beverages = columnSpec('beverage_type').members;
    const anomalyTypes = columnSpec('anomaly_type').members;
    return {
      async write(files) {
        for (const { batch, path } of files) {
          const writer = await parquet.ParquetWriter.openFile(schema, path, { rowGroupSize: ROW_GROUP_ROWS });
          const c = batch.columns;
          for (let i = 0; i < batch.rows; i++) {
            await writer.appendRow({
              event_id: c.event_id[i],
              event_ts: c.event_ts[i],
              device_id: c.device_id[i],
              location_id: c.location_id[i],
              account_id: c.account_id[i],
              beverage_type: beverages[c.beverage_type[i]],
              volume_ml: c.volume_ml[i],
              duration_ms: c.duration_ms[i],
              temperature_c: c.temperature_c[i],
              pressure_psi: c.pressure_psi[i],
              is_anomaly: c.is_anomaly[i] === 1,
              // parquetjs leaves a missing optional field null.
              ...(batch.validity.anomaly_type[i] ? { anomaly_type: anomalyTypes[c.anomaly_type[i]] } : {}),
              // DECIMAL on INT64 takes the number itself: parquetjs scales it (Math.floor(v × 10^scale)).
              price_usd: c.price_usd[i],
            });
          }
          await writer.close();
        }
      },
      close() {},
    };
  },
});

export const CANDIDATES = [
  duckdb,
  parquetWasm,
  hyparquet('SNAPPY'),
  hyparquet('GZIP'),
  parquetjs('SNAPPY'),
  parquetjs('GZIP'),
];
