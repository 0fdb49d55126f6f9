/**
 * Writes Arrow RecordBatches as Parquet through an in-process DuckDB. A table function hands DuckDB
 * the batch 2048 rows at a time by copying the Arrow buffers straight into its vectors, and
 * `COPY … TO` streams them into a temporary file that is renamed into place only when complete.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  BIGINT,
  BOOLEAN,
  DECIMAL,
  DOUBLE,
  type DuckDBConnection,
  DuckDBInstance,
  DuckDBTableFunction,
  type DuckDBType,
  ENUM,
  INTEGER,
  TIMESTAMPTZ,
  VARCHAR,
} from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { type Data, DataType, Type as ArrowType, type RecordBatch, type Utf8, type Vector } from 'apache-arrow';
import { DECIMAL_PRECISION, DECIMAL_SCALE } from '../arrow/toRecordBatch.js';

export const COMPRESSIONS = ['zstd', 'snappy', 'gzip', 'uncompressed'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

export interface WrittenFile {
  readonly bytes: number;
  readonly sha256: string;
}

const CHUNK = 2048;

type Copier = (vector: duckdb.Vector, pos: number, n: number) => void;

function duckType(data: Data): DuckDBType {
  const t = data.type;
  if (DataType.isInt(t)) return t.bitWidth === 64 ? BIGINT : INTEGER;
  if (DataType.isFloat(t)) return DOUBLE;
  if (DataType.isBool(t)) return BOOLEAN;
  if (DataType.isTimestamp(t)) return TIMESTAMPTZ;
  if (DataType.isUtf8(t)) return VARCHAR;
  if (DataType.isDecimal(t)) return DECIMAL(DECIMAL_PRECISION, DECIMAL_SCALE);
  if (DataType.isDictionary(t)) return ENUM(Array.from(data.dictionary as Vector<Utf8>, String));
  throw new Error(`parquet sink: unsupported Arrow type ${String(t)}`);
}

/** How to move rows [pos, pos + n) of one Arrow column into a DuckDB vector. */
function copierFor(data: Data): Copier {
  const copyValidity: Copier | undefined =
    data.nullCount > 0 && data.nullBitmap
      ? (vector, pos, n) => {
          duckdb.vector_ensure_validity_writable(vector);
          const bits = data.nullBitmap!;
          duckdb.copy_data_to_vector_validity(vector, 0, bits.buffer as ArrayBuffer, bits.byteOffset + pos / 8, Math.ceil(n / 8));
        }
      : undefined;
  const withValidity =
    (copy: Copier): Copier =>
    (vector, pos, n) => {
      copy(vector, pos, n);
      copyValidity?.(vector, pos, n);
    };
  switch (data.typeId) {
    case ArrowType.Bool: {
      const scratch = new Uint8Array(CHUNK);
      const bits = data.values as Uint8Array;
      return withValidity((vector, pos, n) => {
        for (let i = 0; i < n; i++) scratch[i] = (bits[(pos + i) >>> 3]! >>> ((pos + i) & 7)) & 1;
        duckdb.copy_data_to_vector(vector, 0, scratch.buffer, 0, n);
      });
    }
    case ArrowType.Decimal: {
      // DECIMAL(10,2) is stored as int64: the low 64 bits of Arrow's 128-bit words.
      const words = data.values as Uint32Array;
      const scratch = new Uint32Array(CHUNK * 2);
      return withValidity((vector, pos, n) => {
        for (let i = 0; i < n; i++) {
          scratch[2 * i] = words[4 * (pos + i)]!;
          scratch[2 * i + 1] = words[4 * (pos + i) + 1]!;
        }
        duckdb.copy_data_to_vector(vector, 0, scratch.buffer, 0, n * 8);
      });
    }
    case ArrowType.Utf8: {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = data.values as Uint8Array;
      const valid = data.nullCount > 0 ? (i: number) => data.getValid(i) : () => true;
      return withValidity((vector, pos, n) => {
        for (let i = 0; i < n; i++) {
          if (!valid(pos + i)) continue;
          duckdb.vector_assign_string_element_len(vector, i, bytes.subarray(offsets[pos + i]!, offsets[pos + i + 1]!));
        }
      });
    }
    default: {
      const values = data.values as Int32Array | Float64Array | BigInt64Array | Uint8Array;
      const width = values.BYTES_PER_ELEMENT;
      return withValidity((vector, pos, n) => {
        duckdb.copy_data_to_vector(vector, 0, values.buffer as ArrayBuffer, values.byteOffset + pos * width, n * width);
      });
    }
  }
}

interface Feed {
  readonly names: readonly string[];
  readonly types: readonly DuckDBType[];
  readonly copiers: readonly Copier[];
  readonly rows: number;
  pos: number;
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export class ParquetSink {
  private feed: Feed | undefined;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly compression: Compression,
    private readonly rowGroupRows: number,
  ) {}

  /** One single-threaded DuckDB per sink: row order in files is deterministic. */
  static async open(compression: Compression = 'zstd', rowGroupRows = 122_880): Promise<ParquetSink> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    const sink = new ParquetSink(instance, connection, compression, rowGroupRows);
    connection.registerTableFunction(
      DuckDBTableFunction.create({
        name: 'gen_parquet_batch',
        bindFunction: (info) => {
          const feed = sink.feed!;
          feed.names.forEach((name, i) => info.addResultColumn(name, feed.types[i]!));
          info.setCardinality(feed.rows, true);
        },
        initFunction: () => {},
        mainFunction: (_info, out) => {
          const feed = sink.feed!;
          const n = Math.min(CHUNK, feed.rows - feed.pos);
          out.rowCount = n;
          for (let c = 0; c < feed.copiers.length && n > 0; c++) {
            feed.copiers[c]!(duckdb.data_chunk_get_vector(out.chunk, c), feed.pos, n);
          }
          feed.pos += n;
        },
      }),
    );
    return sink;
  }

  /** Writes `batch` to `path` (via `path.tmp`), returning its size and sha256. */
  async write(batch: RecordBatch, path: string): Promise<WrittenFile> {
    const children = batch.data.children;
    this.feed = {
      names: batch.schema.fields.map((f) => f.name),
      types: children.map(duckType),
      copiers: children.map(copierFor),
      rows: batch.numRows,
      pos: 0,
    };
    const tmp = `${path}.tmp`;
    await mkdir(dirname(path), { recursive: true });
    try {
      await this.connection.run(
        `COPY (SELECT * FROM gen_parquet_batch()) TO ${sqlString(tmp)} ` +
          `(FORMAT parquet, COMPRESSION ${this.compression}, ROW_GROUP_SIZE ${this.rowGroupRows})`,
      );
      const bytes = await readFile(tmp);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await rename(tmp, path);
      return { bytes: bytes.length, sha256 };
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    } finally {
      this.feed = undefined;
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
