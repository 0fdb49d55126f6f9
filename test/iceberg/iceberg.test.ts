/**
 * Iceberg tables end to end, with real readers: datasets of both packs at their smallest scale, day
 * and month layouts (a subset of tables each: a dimension and facts), their metadata written by a run
 * (`--table-format iceberg`) or added by `gen-parquet iceberg`, served over HTTP on 127.0.0.1, read
 * by icebird (an independent reader) and compared with DuckDB's read of the Parquet files; the Avro
 * read back with avsc against the v2 spec; determinism; the deletion rules.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import avro from 'avsc';
import { icebergRead } from 'icebird';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intBytes } from '../../src/iceberg/singleValue.js';
import { type Manifest, readManifest } from '../../src/run/manifest.js';
import { findScenario } from '../../src/scenarios/registry.js';
import { type ColumnSpec, findTable, type TableSpec } from '../../src/schema/tableSpec.js';
import { query, tempDir } from '../helpers.js';
import { parquetChecksum, rowsChecksum } from './checksums.js';
import { type FolderServer, serveFolder } from './serveFolder.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');

function cli(args: readonly string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

interface Dataset {
  readonly name: string;
  readonly scenario: string;
  /** Whether the run itself writes the metadata; otherwise `gen-parquet iceberg` adds it afterwards. */
  readonly inRun: boolean;
  readonly args: readonly string[];
}

const DATASETS: readonly Dataset[] = [
  {
    name: 'tapflow-day',
    scenario: 'tapflow',
    inRun: true,
    args: ['--tables', 'accounts,device_maintenance'],
  },
  {
    name: 'tapflow-month',
    scenario: 'tapflow',
    inRun: false,
    args: ['--tables', 'users,tap_events', '--partition-by', 'month'],
  },
  { name: 'ecommerce-day', scenario: 'ecommerce', inRun: true, args: ['--tables', 'customers,orders'] },
  {
    name: 'ecommerce-month',
    scenario: 'ecommerce',
    inRun: false,
    args: ['--tables', 'products,sessions', '--partition-by', 'month'],
  },
];

let root: string;
let server: FolderServer;
const manifests = new Map<string, Manifest>();
const outOf = (d: Dataset) => join(root, d.name);
const locationOf = (d: Dataset) => `${server.url}/${d.name}`;

beforeAll(async () => {
  root = tempDir('iceberg');
  server = await serveFolder(root);
  await Promise.all(
    DATASETS.map(async (d) => {
      const iceberg = d.inRun ? ['--table-format', 'iceberg', '--table-location', locationOf(d)] : [];
      const common = ['--scale', '0.001x', '--workers', '1', '--no-validate', '--quiet'];
      const run = await cli(['--scenario', d.scenario, '--out', outOf(d), ...common, ...d.args, ...iceberg]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      if (!d.inRun) {
        const added = await cli(['iceberg', '--out', outOf(d), '--table-location', locationOf(d), '--quiet']);
        expect(added.stderr).toBe('');
        expect(added.status).toBe(0);
      }
      manifests.set(d.name, await readManifest(outOf(d)));
    }),
  );
});

afterAll(async () => {
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

const tablesOf = (d: Dataset) =>
  manifests.get(d.name)!.tables.map((t) => findTable(findScenario(d.scenario).tables, t));
const filesOf = (d: Dataset, table: string) => manifests.get(d.name)!.files.filter((f) => f.table === table);
const metadataOf = (d: Dataset, table: string) =>
  JSON.parse(readFileSync(join(outOf(d), table, 'metadata', 'v1.metadata.json'), 'utf8'));

describe.each(DATASETS)('$name', (d) => {
  it('icebird reads every table with the rows and column checksums DuckDB reads from the Parquet files', async () => {
    for (const spec of tablesOf(d)) {
      const rows = await icebergRead({ tableUrl: `${locationOf(d)}/${spec.name}` });
      const files = filesOf(d, spec.name).map((f) => f.path);
      expect(rowsChecksum(rows, spec.columns)).toEqual(await parquetChecksum(outOf(d), files, spec.columns));
      expect(rows.length).toBe(filesOf(d, spec.name).reduce((a, f) => a + f.rows, 0));
    }
  });

  it('has manifests and manifest lists with what the v2 spec requires, equal to the files (read with avsc)', async () => {
    for (const spec of tablesOf(d)) await specCheck(d, spec);
  });
});

/** The avsc decoding of a metadata Avro file, with its header metadata as text. */
async function readAvro(
  path: string,
): Promise<{ meta: Record<string, string>; records: Record<string, unknown>[] }> {
  const decoder = avro.createFileDecoder(path);
  const meta: Record<string, string> = {};
  decoder.on('metadata', (_t: unknown, _c: unknown, header: { meta: Record<string, Buffer> }) => {
    for (const [k, v] of Object.entries(header.meta)) meta[k] = v.toString();
  });
  const records: Record<string, unknown>[] = [];
  for await (const r of decoder) records.push(r as Record<string, unknown>);
  return { meta, records };
}

const local = (d: Dataset, table: string, uri: string) => {
  const prefix = `${locationOf(d)}/${table}/metadata/`;
  expect(uri.startsWith(prefix)).toBe(true);
  return join(outOf(d), table, 'metadata', uri.slice(prefix.length));
};

/** Days (or months) since 1970 of a file's Hive folder, computed here from the path. */
function folderValue(path: string): number | undefined {
  const m = /_(date|month)=(\d{4})-(\d{2})(?:-(\d{2}))?\//.exec(path);
  if (!m) return undefined;
  return m[1] === 'date'
    ? Date.UTC(Number(m[2]), Number(m[3]) - 1, Number(m[4])) / 86_400_000
    : (Number(m[2]) - 1970) * 12 + Number(m[3]) - 1;
}

async function specCheck(d: Dataset, spec: TableSpec): Promise<void> {
  const meta = metadataOf(d, spec.name);
  const files = filesOf(d, spec.name);
  const rows = files.reduce((a, f) => a + f.rows, 0);
  expect(meta).toMatchObject({
    'format-version': 2,
    'last-sequence-number': 1,
    location: `${locationOf(d)}/${spec.name}`,
  });
  const [snapshot] = meta.snapshots;
  expect(meta['current-snapshot-id']).toBe(snapshot['snapshot-id']);
  expect(meta.refs).toEqual({ main: { 'snapshot-id': snapshot['snapshot-id'], type: 'branch' } });
  expect(snapshot.summary).toMatchObject({
    operation: 'append',
    'added-data-files': String(files.length),
    'added-records': String(rows),
    'total-records': String(rows),
  });
  const id = snapshot['snapshot-id'];

  const list = await readAvro(local(d, spec.name, snapshot['manifest-list']));
  expect(list.meta).toMatchObject({
    'format-version': '2',
    'snapshot-id': String(id),
    'sequence-number': '1',
  });
  expect(list.records).toHaveLength(1);
  const [entry] = list.records as Record<string, any>[];
  const manifestPath = local(d, spec.name, entry!.manifest_path);
  const partitionValues = files.map((f) => folderValue(f.path)).filter((v) => v !== undefined);
  expect(entry).toMatchObject({
    manifest_length: statSync(manifestPath).size,
    partition_spec_id: 0,
    content: 0,
    sequence_number: 1,
    min_sequence_number: 1,
    added_snapshot_id: id,
    added_files_count: files.length,
    existing_files_count: 0,
    deleted_files_count: 0,
    added_rows_count: rows,
    existing_rows_count: 0,
    deleted_rows_count: 0,
  });
  expect(entry!.partitions).toEqual(
    spec.partition
      ? [
          {
            contains_null: false,
            contains_nan: null,
            lower_bound: intBytes(Math.min(...partitionValues)),
            upper_bound: intBytes(Math.max(...partitionValues)),
          },
        ]
      : null,
  );

  const manifest = await readAvro(manifestPath);
  expect(manifest.meta).toMatchObject({
    'format-version': '2',
    content: 'data',
    'schema-id': '0',
    'partition-spec-id': '0',
  });
  expect(JSON.parse(manifest.meta.schema!)).toEqual(meta.schemas[0]);
  expect(JSON.parse(manifest.meta['partition-spec']!)).toEqual(meta['partition-specs'][0].fields);
  const avroSchema = JSON.stringify(JSON.parse(manifest.meta['avro.schema']!));
  expect(avroSchema).toContain('"name":"data_file","type":{"type":"record","name":"r2"');
  if (spec.partition) expect(avroSchema).toContain('"default":null,"field-id":1000}');

  const byPath = new Map(files.map((f) => [`${locationOf(d)}/${f.path}`, f]));
  const fields = meta.schemas[0].fields as { id: number; name: string; required: boolean }[];
  const expected = await fileBounds(
    outOf(d),
    files.map((f) => f.path),
    spec,
  );
  expect(manifest.records).toHaveLength(files.length);
  for (const e of manifest.records as Record<string, any>[]) {
    const df = e.data_file;
    const file = byPath.get(df.file_path)!;
    expect(file).toBeDefined();
    expect(e).toMatchObject({
      status: 1,
      snapshot_id: id,
      sequence_number: null,
      file_sequence_number: null,
    });
    expect(df).toMatchObject({
      content: 0,
      file_format: 'PARQUET',
      record_count: file.rows,
      file_size_in_bytes: statSync(join(outOf(d), file.path)).size,
      sort_order_id: spec.sequence ? 1 : 0,
    });
    expect(df.file_size_in_bytes).toBe(file.bytes);
    const map = (entries: { key: number; value: unknown }[]) => new Map(entries.map((x) => [x.key, x.value]));
    expect([...map(df.value_counts).values()]).toEqual(fields.map(() => file.rows));
    const nulls = map(df.null_value_counts);
    for (const f of fields.filter((f) => f.required)) expect(nulls.get(f.id)).toBe(0);
    const lower = map(df.lower_bounds) as Map<number, Buffer>;
    const upper = map(df.upper_bounds) as Map<number, Buffer>;
    for (const [i, c] of spec.columns.entries()) {
      const [lo, hi] = [decodeBound(c, lower.get(i + 1)), decodeBound(c, upper.get(i + 1))];
      const [min, max] = expected.get(file.path)!.get(c.name)!;
      if (c.type !== 'enum') expect([c.name, lo, hi]).toEqual([c.name, min, max]);
      else {
        // DuckDB's footer holds the min and max of the enum's whole dictionary: looser, still bounds.
        const members = [...c.members!].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect([lo, hi]).toEqual([members[0], members.at(-1)]);
        if (min !== undefined) {
          expect(Buffer.compare(Buffer.from(lo!), Buffer.from(min))).toBeLessThanOrEqual(0);
          expect(Buffer.compare(Buffer.from(hi!), Buffer.from(max!))).toBeGreaterThanOrEqual(0);
        }
      }
    }
    const value = folderValue(file.path);
    expect(Object.values(df.partition)).toEqual(value === undefined ? [] : [value]);
    if (spec.partition) {
      // The file's times fall in its partition: the transform of both bounds of the source column.
      const source = spec.columns.findIndex((c) => c.name === spec.partition!.source) + 1;
      const unit = (b: Buffer) => {
        const date = new Date(Number(b.readBigInt64LE() / 1000n));
        const day = Math.floor(date.getTime() / 86_400_000);
        return d.name.endsWith('-day') ? day : (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
      };
      expect([unit(lower.get(source)!), unit(upper.get(source)!)]).toEqual([value, value]);
    }
  }
}

/** A bound as text, decoded from Iceberg's single-value serialization independently of src/. */
function decodeBound(c: ColumnSpec, b: Buffer | undefined): string | undefined {
  if (!b) return undefined;
  switch (c.type) {
    case 'int32':
    case 'date':
      return String(b.readInt32LE());
    case 'int64':
    case 'timestamp':
      return String(b.readBigInt64LE());
    case 'float64':
      return String(b.readDoubleLE());
    case 'bool':
      return String(b[0] !== 0);
    case 'decimal':
      return String(BigInt.asIntN(8 * b.length, BigInt(`0x${b.toString('hex')}`)));
    default:
      return b.toString('utf8');
  }
}

/** Each file's min and max of each column by DuckDB, as decodeBound prints them. */
async function fileBounds(
  out: string,
  files: readonly string[],
  spec: TableSpec,
): Promise<Map<string, Map<string, (string | undefined)[]>>> {
  const text = (c: ColumnSpec, agg: string) => {
    const v = `${agg}("${c.name}")`;
    const exprs: Partial<Record<ColumnSpec['type'], string>> = {
      date: `${v} - DATE '1970-01-01'`,
      timestamp: `epoch_us(${v})`,
      decimal: `(${v} * 100)::BIGINT`,
    };
    return `(${exprs[c.type] ?? v})::VARCHAR`;
  };
  const rows = await query(
    `SELECT filename, ${spec.columns.map((c) => `${text(c, 'min')}, ${text(c, 'max')}`).join(', ')}
     FROM read_parquet([${files.map((f) => `'${join(out, f)}'`).join(', ')}], filename = true) GROUP BY filename`,
  );
  return new Map(
    rows.map((r) => {
      const values = Object.values(r);
      return [
        String(values[0]).slice(out.length + 1),
        new Map(
          spec.columns.map((c, i) => [
            c.name,
            [values[1 + 2 * i], values[2 + 2 * i]].map((v) =>
              // DuckDB prints 196.0 where JavaScript prints 196: compared as numbers.
              v === null || v === undefined
                ? undefined
                : c.type === 'float64'
                  ? String(Number(v))
                  : String(v),
            ),
          ]),
        ),
      ];
    }),
  );
}
