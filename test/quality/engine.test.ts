/** The quality engine's pure parts on small inputs: profiles, slots from TableSpecs, selection, cells, variants. */
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { stringAt, type Utf8Values } from '../../src/generate/utf8Column.js';
import { parseQuality } from '../../src/options.js';
import { cellText, parseTimestamp } from '../../src/quality/cells.js';
import { writeGroundTruth } from '../../src/quality/groundTruth.js';
import { NoteLog } from '../../src/quality/notes.js';
import { profileHash, resolveProfile, TYPICAL } from '../../src/quality/profile.js';
import { dayAnomaly, selectRows } from '../../src/quality/select.js';
import { resolveSlots } from '../../src/quality/slots.js';
import { spoilBatch } from '../../src/quality/spoil.js';
import { formatVariant, nameVariant } from '../../src/quality/variants.js';
import { findScenario } from '../../src/scenarios/registry.js';
import { col, enumCol, type TableSpec } from '../../src/schema/tableSpec.js';

const typical = resolveProfile('typical', {});
const tapflow = findScenario('tapflow');
const ecommerce = findScenario('ecommerce');

describe('profiles', () => {
  it('typical is built in; its hash ignores key order', () => {
    expect(typical.spec).toBe(TYPICAL);
    const reordered = {
      kinds: Object.fromEntries(Object.entries(TYPICAL.kinds).reverse()),
      description: TYPICAL.description,
    };
    expect(profileHash(reordered)).toBe(typical.sha256);
    expect(profileHash({ ...TYPICAL, kinds: { ...TYPICAL.kinds, missing: { rate: 0.016 } } })).not.toBe(
      typical.sha256,
    );
  });

  it("reads a config's quality: section (never shown to the pack), which may name profiles", () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-parquet-quality-config-'));
    const file = join(dir, 'ecommerce.yaml');
    const base = loadConfig(ecommerce.configFile, ecommerce.configSchema);
    writeFileSync(
      file,
      `${JSON.stringify(base.config)}\n`.replace(
        /}\n$/,
        ', "quality": {"validation": {"kinds": {"duplicate": {"rate": 0.1}}}}}\n',
      ),
    );
    const loaded = loadConfig(file, ecommerce.configSchema);
    expect(loaded.config).toEqual(base.config);
    expect(base.quality).toBeUndefined();
    const named = parseQuality('validation', loaded);
    expect(named.profile).toBe('validation');
    expect(named.spec.kinds).toEqual({ duplicate: { rate: 0.1 } });
    expect(parseQuality('typical', loaded).sha256).toBe(typical.sha256);
    expect(() => parseQuality('other', loaded)).toThrow(
      /accepted: evolving, typical, validation, or a YAML file path/,
    );
  });
});

describe('a bad profile is one line naming what is wrong and what is accepted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-parquet-quality-profiles-'));
  const refused = (yaml: string | undefined, pattern: RegExp, name = 'p.yaml') => {
    const path = join(dir, name);
    if (yaml !== undefined) writeFileSync(path, yaml);
    let message = '';
    try {
      resolveSlots(resolveProfile(path, {}), ecommerce.tables, '2023-01-01', 42);
    } catch (err) {
      expect((err as Error).name).toBe('UsageError');
      message = (err as Error).message;
    }
    expect(message).toMatch(pattern);
    expect(message).not.toContain('\n');
  };

  it('names the key, the value or the file', () => {
    expect(() => resolveProfile('nosuch', {})).toThrow(
      /--quality nosuch: no such profile; accepted: evolving, typical, or a YAML file path/,
    );
    refused(undefined, /absent\.yaml: file not found/, 'absent.yaml');
    refused('kinds:\n  missing: { rat: 0.1 }\n', /kinds\.missing: unknown key rat/);
    refused('kinds:\n  missing: { rate: 2 }\n', /kinds\.missing\.rate: /);
    refused(
      'kinds:\n  mine: { rate: 0.1 }\n',
      /kinds\.mine: not a built-in kind, so it needs a type; accepted types: missing, duplicate/,
    );
    refused(
      'kinds:\n  x: { type: value, value: abc, rate: 0.1, columns: [orders.subtotal] }\n',
      /kinds\.x: subtotal is decimal: give a number/,
    );
    refused('kinds:\n  x: { type: value, value: 1, rate: 0.1 }\n', /kinds\.x: a value kind needs columns:/);
    refused(
      'kinds:\n  x: { type: copy, from: nope, rate: 0.1, columns: [customers.last_name] }\n',
      /from: customers has no column nope/,
    );
    refused(
      'kinds:\n  missing: { rate: 0.1, columns: [orders.nope] }\n',
      /kinds\.missing: no table has a column orders\.nope/,
    );
    refused(
      'kinds:\n  missing: { rate: 0.7 }\n  duplicate: { rate: 0.7 }\n',
      /row kinds on customers add up to 1\.4 of its rows; at most 1/,
    );
  });
});

describe('slots derived from the TableSpecs', () => {
  const slots = resolveSlots(typical, tapflow.tables, '2023-01-01', 42);
  const byKind = (table: string, kind: string) =>
    slots[table]!.row.filter((s) => s.kind === kind).map((s) => s.column ?? s.names?.join(','));

  it('never a key for missing values; foreign keys for orphans; the partition time for late rows', () => {
    expect(byKind('tap_events', 'missing')).not.toContain('event_id');
    expect(byKind('tap_events', 'missing')).not.toContain('device_id');
    expect(byKind('tap_events', 'missing')).not.toContain('event_ts');
    expect(byKind('tap_events', 'orphan').sort()).toEqual(['account_id', 'device_id', 'location_id']);
    expect(byKind('tap_events', 'late')).toEqual(['event_ts']);
    expect(byKind('accounts', 'late')).toEqual([]);
    expect(byKind('tap_events', 'outlier')).toContain('volume_ml');
    expect(byKind('users', 'near_duplicate')).toEqual(['first_name,last_name']);
    expect(slots.accounts!.day).toEqual([]);
    expect(slots.tap_events!.day.map((s) => s.kind)).toEqual([
      'freshness_gap',
      'volume_drop',
      'volume_spike',
    ]);
  });

  it('splits a kind’s rate over its columns; rates of a table sum to at most 1', () => {
    const missing = slots.tap_events!.row.filter((s) => s.kind === 'missing');
    expect(missing.reduce((a, s) => a + s.rate, 0)).toBeCloseTo(0.015, 12);
    const heavy = {
      profile: 'p',
      sha256: '',
      spec: { kinds: { missing: { rate: 0.6 }, duplicate: { rate: 0.6 } } },
    };
    expect(() => resolveSlots(heavy, tapflow.tables, '2023-01-01', 42)).toThrow(
      /--quality p: row kinds on accounts add up to 1\.2/,
    );
  });
});

describe('selection', () => {
  const t = resolveSlots(typical, tapflow.tables, '2023-01-01', 42).tap_events!;

  it('is a function of seed, table, shard and rates; ~ the rate of rows', () => {
    const a = selectRows(42, 'tap_events', '20000|0', 200_000, t, 20000);
    const b = selectRows(42, 'tap_events', '20000|0', 200_000, t, 20000);
    expect(a).toEqual(b);
    expect(selectRows(43, 'tap_events', '20000|0', 200_000, t, 20000).positions).not.toEqual(a.positions);
    expect(selectRows(42, 'tap_events', '20000|1', 200_000, t, 20000).positions).not.toEqual(a.positions);
    const rate = t.row.reduce((x, s) => x + s.rate, 0);
    // A day without an anomaly: the row kinds' rate, within 4 standard deviations.
    expect(dayAnomaly(42, 'tap_events', 20000, t)).toBeUndefined();
    const sd = Math.sqrt(200_000 * rate * (1 - rate));
    expect(Math.abs(a.positions.length - 200_000 * rate)).toBeLessThan(4 * sd);
    expect([...a.positions].every((p, i) => i === 0 || p > a.positions[i - 1]!)).toBe(true);
  });

  it('a freshness gap removes every row of its day', () => {
    const gap = {
      row: [],
      day: [{ kind: 'freshness_gap', type: 'freshness_gap', change: 'removed_row', rate: 1, share: [1, 1] }],
      text: [],
      children: [],
      drift: [],
      versionDays: [],
    } as const;
    const s = selectRows(42, 't', '1|0', 1000, gap, 1);
    expect(s.positions.length).toBe(1000);
    expect(s.rows).toBe(0);
  });
});

describe('spoiling a batch', () => {
  const spec: TableSpec = {
    name: 't',
    kind: 'dimension',
    description: '',
    rowsAt1x: '',
    primaryKey: 'id',
    foreignKeys: [],
    columns: [col('id', 'int32', ''), col('name', 'string', ''), enumCol('status', ['a', 'b'], '')],
  };
  const clean = {
    table: 't',
    rows: 4,
    columns: {
      id: Int32Array.of(1, 2, 3, 4),
      name: ['Ann Lee', 'Bo', 'Cy Young', 'Di'],
      status: Uint8Array.of(0, 1, 0, 1),
    },
    validity: {},
  };
  const slot = (kind: string, change: string, extra = {}) =>
    ({ kind, type: kind, change, rate: 0.1, ...extra }) as never;

  it('removes, repeats and changes exactly the selected rows, and lists each', () => {
    const slots = {
      row: [
        slot('drop', 'removed_row'),
        slot('duplicate', 'added_row'),
        slot('value', 'value', { column: 'status', value: 'lost' }),
        slot('near_duplicate', 'added_row', { names: ['name'] }),
      ],
      day: [],
      text: ['status'],
      children: [],
      drift: [],
      versionDays: [],
    };
    const spoil = {
      positions: Int32Array.of(0, 1, 2, 3),
      slots: Uint16Array.of(0, 1, 2, 3),
      draws: Float64Array.of(0, 0, 0, 0.1),
      rows: 5,
    };
    const { batch, issues } = spoilBatch(spec, slots, clean, spoil, {
      file: 't/part-00000.parquet',
      partition: null,
      firstRow: 0,
      version: 1,
    });
    expect(Array.from(batch.columns.id as Int32Array)).toEqual([2, 2, 3, 4, 1_000_000_004]);
    const status = batch.columns.status as Utf8Values;
    expect(Array.from({ length: 5 }, (_, i) => stringAt(status, i))).toEqual(['b', 'b', 'lost', 'b', 'b']);
    expect(batch.columns.name).toEqual(['Bo', 'Bo', 'Cy Young', 'Di', 'D.']);
    expect(issues.map((i) => [i[3], i[1], i[2], i[5], i[6], i[7], i[9], i[10]])).toEqual([
      ['drop', '1', null, '{"id":"1","name":"Ann Lee","status":"a"}', null, 'removed_row', null, null],
      ['duplicate', '2', null, null, null, 'added_row', 1, '2'],
      ['value', '3', 'status', 'a', 'lost', 'value', 2, null],
      ['near_duplicate', '1000000004', 'name', 'Di', 'D.', 'added_row', 4, '4'],
    ]);
    // The clean batch is only read.
    expect(Array.from(clean.columns.id)).toEqual([1, 2, 3, 4]);
  });
});

describe('cells and variants', () => {
  it('timestamps and decimals as text that casts back exactly', () => {
    const us = parseTimestamp('2024-02-29 23:59:58.000123')!;
    expect(cellText(col('t', 'timestamp', ''), us)).toBe('2024-02-29 23:59:58.000123+00');
    expect(cellText(col('t', 'timestamp', ''), parseTimestamp('1970-01-01')!)).toBe('1970-01-01 00:00:00+00');
    expect(cellText({ ...col('d', 'decimal', ''), precision: 10 }, -1234.5)).toBe('-1234.50');
    expect(cellText({ ...col('d', 'decimal', ''), precision: 10 }, 0.005)).toBe('0.01');
    expect(parseTimestamp('2024-02-30')).toBeUndefined();
  });

  it('name and format variants differ from the text and keep its letters', () => {
    expect(nameVariant('John Smith', 0)).toBe('J. Smith');
    expect(nameVariant('John Smith', 0.25)).toBe('Smith, John');
    expect(nameVariant('JOHN', 0.3)).toBe('john');
    expect(formatVariant('02134', 0.5)).toBe('2134');
    expect(formatVariant('web', 0)).toBe('WEB');
    for (let u = 0; u < 1; u += 0.05) expect(formatVariant('x', u)).not.toBe('x');
  });
});

describe('notes and the ground truth', () => {
  const note = (file: string, digest: string, issues: unknown[][] = []) =>
    ({ file, table: 't', clean_rows: 1, clean_digest: digest, issues }) as never;
  const issue = (file: string, key: string, row: number) => [
    't',
    key,
    'c',
    'missing',
    null,
    'x',
    null,
    'value',
    file,
    row,
    null,
    1,
  ];

  it('a resumed log loses only a line a crash cut short; the latest note of a file counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gen-parquet-quality-notes-'));
    const log = NoteLog.open(dir, true);
    log.append([note('t/a.parquet', 'old', [issue('t/a.parquet', '1', 0)]), note('t/b.parquet', 'b')]);
    appendFileSync(log.path, '{"file": "t/a.parq');
    const resumed = NoteLog.open(dir, false);
    expect(readFileSync(resumed.path, 'utf8').endsWith('"issues":[]}\n')).toBe(true);
    resumed.append([
      note('t/a.parquet', 'new', [issue('t/a.parquet', '2', 3), issue('t/a.parquet', '3', 4)]),
    ]);
    const { files, truth } = await writeGroundTruth({
      outDir: dir,
      destDir: dir,
      tempDir: join(dir, '_tmp'),
      notes: resumed.path,
      made: ['t/a.parquet', 't/b.parquet'],
      tables: [],
      slots: {},
      from: '2024-01-01',
    });
    expect(truth).toEqual({
      issues: 2,
      kinds: { missing: 2 },
      clean: { 't/a.parquet': { rows: 1, digest: 'new' }, 't/b.parquet': { rows: 1, digest: 'b' } },
    });
    expect(files.map((f) => [f.path, f.rows])).toEqual([
      ['_quality/issues.parquet', 2],
      ['_quality/schema_versions.json', 1],
    ]);
    expect(NoteLog.open(dir, true) && readFileSync(resumed.path, 'utf8')).toBe('');
  });
});
