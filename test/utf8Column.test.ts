import { describe, expect, it } from 'vitest';
import { utf8Buffers } from '../src/arrow/toRecordBatch.js';
import { isUtf8Values, stringAt, Utf8Column } from '../src/generate/utf8Column.js';

describe('Utf8Column', () => {
  it('lays rows out as Arrow’s Utf8 buffers would, growing past its hint', () => {
    const rows = ['TC-2023-000001', '', 'Zoë Müller', '東京', 'x'.repeat(100)];
    const column = new Utf8Column(1);
    for (const r of rows) column.push(r);
    const values = column.values();
    const expected = utf8Buffers(rows, undefined);
    expect(Array.from(values.offsets)).toEqual(Array.from(expected.valueOffsets));
    expect(Buffer.from(values.bytes).equals(Buffer.from(expected.data))).toBe(true);
    expect(Array.from(values.offsets.subarray(0, 4))).toEqual([0, 14, 14, 26]); // ë and ü take two bytes each
    expect(rows.map((_, i) => stringAt(values, i))).toEqual(rows);
  });

  it('tells its values from a string array', () => {
    expect(isUtf8Values(new Utf8Column().values())).toBe(true);
    expect(isUtf8Values(['a'])).toBe(false);
    expect(stringAt(['a', 'b'], 1)).toBe('b');
  });
});
