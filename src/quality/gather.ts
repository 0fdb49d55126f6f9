/**
 * A spoiled batch's columns: the clean column's rows picked by an index (rows repeated or left out),
 * then single cells overwritten. Column-wise over typed arrays; string columns keep the Utf8 layout.
 */
import type { ColumnValues } from '../generate/batch.js';
import { isUtf8Values, type Utf8Values } from '../generate/utf8Column.js';
import type { ColumnSpec } from '../schema/tableSpec.js';
import type { Cell } from './cells.js';

type Typed = Int32Array | BigInt64Array | Float64Array | Uint8Array;

function gatherTyped<T extends Typed>(values: T, src: Int32Array): T {
  const out = new (values.constructor as { new (n: number): T })(src.length);
  for (let i = 0; i < src.length; i++) out[i] = values[src[i]!]!;
  return out;
}

/** `values` (row i: bytes[offsets[i], offsets[i + 1])) gathered by `src`, with `edits` as new text. */
function gatherUtf8(values: Utf8Values, src: Int32Array, edits: ReadonlyMap<number, string>): Utf8Values {
  const encoded = new Map([...edits].map(([i, text]) => [i, Buffer.from(text, 'utf8')]));
  const offsets = new Int32Array(src.length + 1);
  let bytes = 0;
  for (let i = 0; i < src.length; i++) {
    const edit = encoded.get(i);
    bytes += edit ? edit.length : values.offsets[src[i]! + 1]! - values.offsets[src[i]!]!;
    offsets[i + 1] = bytes;
  }
  const out = new Uint8Array(bytes);
  for (let i = 0; i < src.length; i++) {
    const edit = encoded.get(i);
    if (edit) out.set(edit, offsets[i]!);
    else out.set(values.bytes.subarray(values.offsets[src[i]!]!, values.offsets[src[i]! + 1]!), offsets[i]!);
  }
  return { offsets, bytes: out };
}

/** An enum column's members as one Utf8 column (row k: member k), for gathering its indices as text. */
function membersAsUtf8(members: readonly string[]): Utf8Values {
  const encoded = members.map((m) => Buffer.from(m, 'utf8'));
  const offsets = new Int32Array(members.length + 1);
  for (let k = 0; k < encoded.length; k++) offsets[k + 1] = offsets[k]! + encoded[k]!.length;
  return { offsets, bytes: Buffer.concat(encoded) };
}

/**
 * Column `column` of the spoiled batch: `values` gathered by `src`, with `edits` (spoiled row → value)
 * applied. `asText`: an enum column written as plain text. Returns the values and validity (undefined
 * when no row is null).
 */
export function spoiledColumn(
  column: ColumnSpec,
  values: ColumnValues,
  validity: Uint8Array | undefined,
  src: Int32Array,
  edits: ReadonlyMap<number, Cell>,
  asText: boolean,
): { values: ColumnValues; validity: Uint8Array | undefined } {
  let valid = validity ? gatherTyped(validity, src) : undefined;
  const setNull = (i: number) => {
    valid ??= new Uint8Array(src.length).fill(1);
    valid[i] = 0;
  };
  if (column.type === 'string' || asText) {
    const texts = new Map<number, string>();
    for (const [i, v] of edits) {
      if (v === null) setNull(i);
      else if (valid) valid[i] = 1;
      texts.set(i, v === null ? '' : String(v));
    }
    if (isUtf8Values(values)) return { values: gatherUtf8(values, src, texts), validity: valid };
    if (column.type === 'enum') {
      // Rows index the members' bytes: the text is copied as bytes, with no string per row.
      const indices = values as Uint8Array;
      const rows = Int32Array.from(src, (r) => indices[r]!);
      return { values: gatherUtf8(membersAsUtf8(column.members!), rows, texts), validity: valid };
    }
    const strings = Array.from(src, (r) => (values as readonly string[])[r]!);
    for (const [i, text] of texts) strings[i] = text;
    return { values: strings, validity: valid };
  }
  const out = gatherTyped(values as Typed, src);
  for (const [i, v] of edits) {
    if (v === null) {
      setNull(i);
      continue;
    }
    if (valid) valid[i] = 1;
    if (out instanceof BigInt64Array) out[i] = BigInt(v as number);
    else if (column.type === 'enum') (out as Uint8Array)[i] = column.members!.indexOf(v as string);
    else if (typeof v === 'boolean') (out as Uint8Array)[i] = v ? 1 : 0;
    else (out as Int32Array | Float64Array)[i] = v as number;
  }
  return { values: out, validity: valid };
}
