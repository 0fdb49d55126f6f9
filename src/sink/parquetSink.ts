/**
 * Writes Arrow RecordBatches as Parquet through an in-process DuckDB. A table function hands DuckDB
 * the batch 2048 rows at a time by copying the Arrow buffers straight into its vectors, and
 * `COPY … TO` streams them into a temporary file that is renamed into place only when complete.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  BIGINT,
  BOOLEAN,
  DATE,
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
import {
  Type as ArrowType,
  type Data,
  DataType,
  type Decimal,
  type RecordBatch,
  type Utf8,
  type Vector,
} from 'apache-arrow';

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
  if (DataType.isDate(t)) return DATE;
  if (DataType.isDecimal(t)) return DECIMAL((t as Decimal).precision, (t as Decimal).scale);
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
          duckdb.copy_data_to_vector_validity(
            vector,
            0,
            bits.buffer as ArrayBuffer,
            bits.byteOffset + pos / 8,
            Math.ceil(n / 8),
          );
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
      // DECIMAL(10..18, 2) is stored as int64: the low 64 bits of Arrow's 128-bit words.
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
          duckdb.vector_assign_string_element_len(
            vector,
            i,
            bytes.subarray(offsets[pos + i]!, offsets[pos + i + 1]!),
          );
        }
      });
    }
    default: {
      const values = data.values as Int32Array | Float64Array | BigInt64Array | Uint8Array;
      const width = values.BYTES_PER_ELEMENT;
      return withValidity((vector, pos, n) => {
        duckdb.copy_data_to_vector(
          vector,
          0,
          values.buffer as ArrayBuffer,
          values.byteOffset + pos * width,
          n * width,
        );
      });
    }
  }
}

/** Makes a part's batch; refuses one whose size is not the promised one. */
function make(part: BatchSource): RecordBatch {
  const batch = part.make();
  if (batch.numRows !== part.rows)
    throw new Error(`parquet sink: a part promised ${part.rows} rows and made ${batch.numRows}`);
  return batch;
}

/** Rows of several batches of one table, fed to DuckDB in turn; `__file` says which output file a row belongs to. */
interface Feed {
  readonly names: readonly string[];
  readonly types: readonly DuckDBType[];
  readonly parts: readonly BatchSource[];
  /** Output file of each part. */
  readonly fileOf: readonly number[];
  /** Copiers of the part being fed (made when DuckDB reaches it). */
  copiers: readonly Copier[] | undefined;
  batch: number;
  pos: number;
}

/**
 * Rows of a file, made only when DuckDB reaches them, so a writer holds one part at a time
 * whatever the file's size. `make` is called once, in file order; the batch it returns may be
 * reused memory once the next part is made (DuckDB has copied it by then).
 */
export interface BatchSource {
  readonly rows: number;
  readonly make: () => RecordBatch;
}

export interface FileToWrite {
  /** The file's rows, in order (all parts of one table share a schema). */
  readonly parts: readonly BatchSource[];
  /** Final path of the file. */
  readonly path: string;
}

/** A ready batch as a part. */
export function ready(batch: RecordBatch): BatchSource {
  return { rows: batch.numRows, make: () => batch };
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

const FILE_COLUMN = '__file';

/** Milliseconds spent so far, for bench/: DuckDB's COPY (encoding and its writes) vs our file handling. */
export interface SinkTimings {
  encodeMs: number;
  filesMs: number;
}

export class ParquetSink {
  readonly timings: SinkTimings = { encodeMs: 0, filesMs: 0 };
  private feed: Feed | undefined;
  private readonly fileIndex = new Int32Array(CHUNK);

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly tempRoot: string,
    private readonly compression: Compression,
    private readonly rowGroupRows: number,
  ) {}

  /**
   * One single-threaded DuckDB per sink: row order in files is deterministic. Files are made under
   * `tempRoot`, which must be on the file system of the final paths (they are renamed into place)
   * and outside the folders readers glob; several sinks may share it.
   */
  static async open(
    tempRoot: string,
    compression: Compression = 'zstd',
    rowGroupRows = 122_880,
  ): Promise<ParquetSink> {
    const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
    const connection = await instance.connect();
    const sink = new ParquetSink(instance, connection, tempRoot, compression, rowGroupRows);
    connection.registerTableFunction(
      DuckDBTableFunction.create({
        name: 'gen_parquet_batches',
        bindFunction: (info) => {
          const feed = sink.feed!;
          for (let i = 0; i < feed.names.length; i++) info.addResultColumn(feed.names[i]!, feed.types[i]!);
          info.addResultColumn(FILE_COLUMN, INTEGER);
          info.setCardinality(
            feed.parts.reduce((a, p) => a + p.rows, 0),
            true,
          );
        },
        initFunction: () => {},
        // An exception must not escape into DuckDB's thread (it would abort the process): report it instead.
        mainFunction: (info, out) => {
          try {
            sink.nextChunk(out.chunk);
          } catch (err) {
            duckdb.data_chunk_set_size(out.chunk, 0);
            info.setError(`gen-parquet feed: ${(err as Error).stack ?? err}`);
          }
        },
      }),
    );
    return sink;
  }

  /** Moves the next ≤ 2048 rows of the current part into DuckDB's output chunk (0 rows = done). */
  private nextChunk(chunk: duckdb.DataChunk): void {
    const feed = this.feed!;
    while (feed.batch < feed.parts.length && feed.pos >= feed.parts[feed.batch]!.rows) {
      feed.batch++;
      feed.pos = 0;
      feed.copiers = undefined;
    }
    if (feed.batch >= feed.parts.length) {
      duckdb.data_chunk_set_size(chunk, 0);
      return;
    }
    feed.copiers ??= make(feed.parts[feed.batch]!).data.children.map(copierFor);
    const n = Math.min(CHUNK, feed.parts[feed.batch]!.rows - feed.pos);
    duckdb.data_chunk_set_size(chunk, n);
    const copiers = feed.copiers;
    for (let c = 0; c < copiers.length; c++) copiers[c]!(duckdb.data_chunk_get_vector(chunk, c), feed.pos, n);
    this.fileIndex.fill(feed.fileOf[feed.batch]!, 0, n);
    duckdb.copy_data_to_vector(
      duckdb.data_chunk_get_vector(chunk, copiers.length),
      0,
      this.fileIndex.buffer,
      0,
      n * 4,
    );
    feed.pos += n;
  }

  /** Sets up the feed of `files`' parts; DuckDB needs the column types before the first row: the first part is made now. */
  private startFeed(files: readonly { readonly parts: readonly BatchSource[] }[]): void {
    const parts = files.flatMap((f) => f.parts);
    const first = make(parts[0]!);
    this.feed = {
      names: first.schema.fields.map((f) => f.name),
      types: first.data.children.map(duckType),
      parts,
      fileOf: files.flatMap((f, k) => f.parts.map(() => k)),
      copiers: first.data.children.map(copierFor),
      batch: 0,
      pos: 0,
    };
  }

  /**
   * Rows and `aggregate` (an SQL aggregate over the columns, e.g. a content digest) of each file's
   * parts, in file order; nothing is written. Every file needs at least one row.
   */
  async aggregate(
    files: readonly { readonly parts: readonly BatchSource[] }[],
    aggregate: string,
  ): Promise<{ rows: number; value: string }[]> {
    if (!files.length) return [];
    this.startFeed(files);
    try {
      const reader = await this.connection.runAndReadAll(
        `SELECT ${FILE_COLUMN} AS k, count(*) AS n, ${aggregate} AS v FROM gen_parquet_batches() GROUP BY ${FILE_COLUMN} ORDER BY ${FILE_COLUMN}`,
      );
      const rows = reader.getRowObjectsJson() as { k: number; n: string | number; v: string }[];
      const out = files.map(() => ({ rows: 0, value: '' }));
      for (const r of rows) out[Number(r.k)] = { rows: Number(r.n), value: String(r.v) };
      return out;
    } finally {
      this.feed = undefined;
    }
  }

  /**
   * Writes each file's batches (all of one table) to its own Parquet file with one COPY, which spreads
   * DuckDB's per-statement cost over many small files. Files appear under their final names only
   * when complete: DuckDB writes into a temporary folder, and each file is renamed into place.
   */
  async write(files: readonly FileToWrite[]): Promise<WrittenFile[]> {
    if (!files.length) return [];
    this.startFeed(files);
    // Synchronous file calls: a sink lives on its own worker thread, and a round trip through the
    // libuv pool per call cost more than the calls themselves (~1,900 small files per table at 1x).
    // A folder of its own per write: sinks sharing the root (workers, the main thread) never collide.
    mkdirSync(this.tempRoot, { recursive: true });
    const tmp = mkdtempSync(join(this.tempRoot, 'write-'));
    try {
      const t0 = performance.now();
      await this.connection.run(
        `COPY (SELECT * FROM gen_parquet_batches()) TO ${sqlString(tmp)} ` +
          `(FORMAT parquet, COMPRESSION ${this.compression}, ROW_GROUP_SIZE ${this.rowGroupRows}, PARTITION_BY (${FILE_COLUMN}))`,
      );
      const t1 = performance.now();
      this.timings.encodeMs += t1 - t0;
      const written: WrittenFile[] = [];
      let madeDir = '';
      for (let k = 0; k < files.length; k++) {
        const dir = join(tmp, `${FILE_COLUMN}=${k}`);
        const [name] = readdirSync(dir);
        const bytes = readFileSync(join(dir, name!));
        const target = files[k]!.path;
        if (dirname(target) !== madeDir) {
          madeDir = dirname(target);
          mkdirSync(madeDir, { recursive: true });
        }
        renameSync(join(dir, name!), target);
        written.push({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      }
      this.timings.filesMs += performance.now() - t1;
      return written;
    } finally {
      this.feed = undefined;
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
