/**
 * Wraps a generator's typed columns as an Apache Arrow RecordBatch without copying the value buffers
 * (makeData over the same typed arrays). Only booleans and null masks are bit-packed, as Arrow requires.
 */
import {
  Bool,
  type Data,
  type DataType,
  DateDay,
  Decimal,
  Dictionary,
  Field,
  Float64,
  Int32,
  Int64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Timestamp,
  TimeUnit,
  Uint8,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import type { Batch } from '../generate/batch.js';
import { isUtf8Values } from '../generate/utf8Column.js';
import { type ColumnSpec, DEFAULT_DECIMAL_PRECISION, type TableSpec } from '../schema/tableSpec.js';

export const DECIMAL_SCALE = 2;

export function arrowType(column: ColumnSpec): DataType {
  switch (column.type) {
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'float64':
      return new Float64();
    case 'bool':
      return new Bool();
    case 'timestamp':
      return new Timestamp(TimeUnit.MICROSECOND, 'UTC');
    case 'date':
      return new DateDay();
    case 'string':
      return new Utf8();
    case 'enum':
      return new Dictionary(new Utf8(), new Uint8());
    case 'decimal':
      return new Decimal(DECIMAL_SCALE, column.precision ?? DEFAULT_DECIMAL_PRECISION, 128);
  }
}

const schemas = new WeakMap<TableSpec, Schema>();

/** The table's Arrow schema, built once per table (batches share it). */
export function arrowSchema(table: TableSpec): Schema {
  let schema = schemas.get(table);
  if (!schema) {
    schema = new Schema(table.columns.map((c) => new Field(c.name, arrowType(c), c.nullable)));
    schemas.set(table, schema);
  }
  return schema;
}

/** Packs one byte per row (non-zero = set) into an LSB-first bitmap. */
export function packBits(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array((length + 7) >>> 3);
  for (let i = 0; i < length; i++) if (bytes[i]) out[i >>> 3]! |= 1 << (i & 7);
  return out;
}

/**
 * UTF-8 bytes and offsets of a string column, in one pass into one buffer (nulls take no bytes).
 * Arrow's own builder grows many chunks and cost ~1 KB of memory per row on 250k device rows.
 */
export function utf8Buffers(
  strings: readonly string[],
  validity: Uint8Array | undefined,
): { valueOffsets: Int32Array; data: Uint8Array } {
  const valueOffsets = new Int32Array(strings.length + 1);
  let bytes = 0;
  for (let i = 0; i < strings.length; i++) {
    if (!validity || validity[i]) bytes += Buffer.byteLength(strings[i]!, 'utf8');
    valueOffsets[i + 1] = bytes;
  }
  const data = new Uint8Array(bytes);
  const writer = Buffer.from(data.buffer);
  for (let i = 0; i < strings.length; i++)
    if (valueOffsets[i + 1]! > valueOffsets[i]!) writer.write(strings[i]!, valueOffsets[i]!, 'utf8');
  return { valueOffsets, data };
}

function countZeros(bytes: Uint8Array, length: number): number {
  let n = 0;
  for (let i = 0; i < length; i++) if (!bytes[i]) n++;
  return n;
}

const dictionaries = new WeakMap<readonly string[], Vector<Utf8>>();

/** An enum's dictionary, built once per member list (a small shard would otherwise pay more for it than for its rows). */
function dictionaryOf(members: readonly string[]): Vector<Utf8> {
  let dictionary = dictionaries.get(members);
  if (!dictionary) {
    dictionary = vectorFromArray(members as string[], new Utf8());
    dictionaries.set(members, dictionary);
  }
  return dictionary;
}

function columnData(
  column: ColumnSpec,
  type: DataType,
  values: unknown,
  length: number,
  validity: Uint8Array | undefined,
): Data {
  const nullCount = validity ? countZeros(validity, length) : 0;
  const nullBitmap = validity && nullCount > 0 ? packBits(validity, length) : undefined;
  switch (column.type) {
    case 'string':
      return makeData({
        type: type as Utf8,
        length,
        nullCount,
        nullBitmap,
        ...(isUtf8Values(values)
          ? { valueOffsets: values.offsets, data: values.bytes }
          : utf8Buffers(values as readonly string[], validity)),
      });
    case 'enum': {
      const dictionary = dictionaryOf(column.members!);
      return makeData({
        type: type as Dictionary<Utf8, Uint8>,
        length,
        nullCount,
        nullBitmap,
        data: values as Uint8Array,
        dictionary,
      });
    }
    case 'bool':
      return makeData({
        type: type as Bool,
        length,
        nullCount,
        nullBitmap,
        data: packBits(values as Uint8Array, length),
      });
    case 'decimal': {
      // Arrow decimals are 128-bit little-endian integers of value × 10^scale.
      const dollars = values as Float64Array;
      const words = new Uint32Array(length * 4);
      for (let i = 0; i < length; i++) {
        const scaled = Math.round(dollars[i]! * 10 ** DECIMAL_SCALE);
        words[4 * i] = scaled >>> 0;
        words[4 * i + 1] = Math.floor(scaled / 4294967296) >>> 0;
        const fill = scaled < 0 ? 0xffffffff : 0;
        words[4 * i + 2] = fill;
        words[4 * i + 3] = fill;
      }
      return makeData({ type: type as Decimal, length, nullCount, nullBitmap, data: words });
    }
    default:
      return makeData({ type: type as Int32, length, nullCount, nullBitmap, data: values as Int32Array });
  }
}

export function toRecordBatch(table: TableSpec, batch: Batch): RecordBatch {
  const schema = arrowSchema(table);
  const children = table.columns.map((c, i) => {
    const values = batch.columns[c.name];
    if (values === undefined) throw new Error(`${table.name}: generator produced no column ${c.name}`);
    const length = isUtf8Values(values) ? values.offsets.length - 1 : values.length;
    if (length !== batch.rows)
      throw new Error(`${table.name}.${c.name}: ${length} values for ${batch.rows} rows`);
    return columnData(c, schema.fields[i]!.type, values, batch.rows, batch.validity[c.name]);
  });
  const struct = makeData({ type: new Struct(schema.fields), length: batch.rows, nullCount: 0, children });
  return new RecordBatch(schema, struct);
}
