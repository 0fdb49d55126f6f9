/**
 * `gen-parquet load --to csv:DIR`: one CSV per table whose values read back (with the TableSpec's
 * types) equal the Parquet, in the manifest's file order, byte-identical whatever the host's time
 * zone, locale or DuckDB's threads; RFC 4180 quoting; files named with --table-prefix and --suffix;
 * a file replaced only with --replace and only if a load recorded it; nothing that looks like a CSV
 * before the load is complete.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { writeTableCsv } from '../src/load/csvLoader.js';
import { CSV_RECORD, type CsvFile, sha256File } from '../src/load/csvRecord.js';
import type { Dataset } from '../src/load/dataset.js';
import { load, openDataset, parseTarget } from '../src/load/load.js';
import { loadColumns } from '../src/load/loadColumns.js';
import { globFreeRoot } from '../src/load/parquetSource.js';
import { findScenario } from '../src/scenarios/registry.js';
import { col, decimalCol, enumCol, subsecond, type TableSpec } from '../src/schema/tableSpec.js';
import { query, runCli, tempDir } from './helpers.js';
import { csvSource, expectSameRows, expectTablesMatchParquet, parquetRows } from './loadContent.js';
import { quietProgress } from './minimalPack.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');
const tapflow = findScenario('tapflow');
const ecommerce = findScenario('ecommerce');
const root = tempDir('load-csv');
const tap = join(root, 'tap'); // TapFlow 0.001x, seed 42: ~620 files per fact table, so 3 scans each
const eco = join(root, 'eco'); // ecommerce 0.001x, seed 42, with its change logs (--changes)

beforeAll(() => {
  for (const [out, scenario] of [
    [tap, 'tapflow'],
    [eco, 'ecommerce'],
  ] as const) {
    const args = ['--scenario', scenario, '--scale', '0.001x', '--out', out];
    if (scenario === 'ecommerce') args.push('--changes');
    expect(runCli([...args, '--workers', '1', '--no-validate', '--quiet']).status).toBe(0);
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

const csvLines = (file: string) => readFileSync(file, 'utf8').split('\n');

/** Every file under `dir` (relative paths), however deep. */
const filesUnder = (dir: string) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

const expectCsvMatchesParquet = (out: string, dir: string, tables: readonly TableSpec[], suffix = '') =>
  expectTablesMatchParquet(out, tables, (spec) =>
    parquetRows(csvSource(join(dir, `${spec.name}${suffix}.csv`), spec), spec),
  );

describe('TapFlow to CSV', () => {
  const utc = join(root, 'tap-utc');
  const la = join(root, 'tap-la');
  /** Whole seconds (accounts), sub-second times and a partition date (tap_events), a nullable time (device_maintenance). */
  const timed = ['accounts', 'tap_events', 'device_maintenance'];

  beforeAll(() => {
    const r = runCli(['load', '--out', tap, '--to', `csv:${utc}`, '--quiet'], { TZ: 'UTC' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const env = { TZ: 'America/Los_Angeles', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' };
    const some = ['--tables', timed.join(',')];
    expect(runCli(['load', '--out', tap, '--to', `csv:${la}`, ...some, '--quiet'], env).status).toBe(0);
  });

  it('writes one CSV per table and its record, nothing else: each value equals the Parquet', async () => {
    expect(filesUnder(utc)).toEqual([CSV_RECORD, ...tapflow.tables.map((t) => `${t.name}.csv`)].sort());
    await expectCsvMatchesParquet(tap, utc, tapflow.tables);
  });

  it('gives the same bytes under TZ=UTC and TZ=America/Los_Angeles (and a German locale)', async () => {
    expect(filesUnder(la)).toEqual([CSV_RECORD, ...timed.map((t) => `${t}.csv`)].sort());
    for (const t of timed)
      expect(readFileSync(join(la, `${t}.csv`)).equals(readFileSync(join(utc, `${t}.csv`))), t).toBe(true);
  });

  it('keeps the manifest’s file order: each sequence table’s keys run 1..rows, line by line', async () => {
    for (const spec of tapflow.tables.filter((t) => t.sequence)) {
      const ids = await query(
        `SELECT ${spec.sequence!.column} AS id FROM ${csvSource(join(utc, `${spec.name}.csv`), spec)}`,
      );
      expect(ids.length, spec.name).toBeGreaterThan(50);
      expect(
        ids.every((r, i) => Number(r.id) === i + 1),
        spec.name,
      ).toBe(true);
    }
  });

  it('has a header of the load columns (partition date last) and UTC times without offset', () => {
    const [header, first] = csvLines(join(utc, 'tap_events.csv'));
    expect(header).toBe(
      loadColumns(tapflow.tables.find((t) => t.name === 'tap_events')!)
        .map((c) => c.name)
        .join(','),
    );
    expect(header).toMatch(/,event_date$/);
    // event_ts is sub-second (six digits); event_date is its UTC date.
    expect(first).toMatch(/^1,(\d{4}-\d\d-\d\d) \d\d:\d\d:\d\d\.\d{6},.*,\1$/);
    // accounts.created_at is in whole seconds: no fraction.
    expect(csvLines(join(utc, 'accounts.csv'))[1]).toMatch(/,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,/);
  });

  it('writes the same tap_events.csv from month files as from day files', async () => {
    const monthly = join(root, 'tap-month');
    const gen = ['--scale', '0.001x', '--tables', 'tap_events', '--partition-by', 'month', '--out', monthly];
    expect(runCli([...gen, '--workers', '1', '--no-validate', '--quiet']).status).toBe(0);
    const dir = join(root, 'tap-month-csv');
    await loadTo(dir, await openDataset(monthly, () => tapflow));
    expect(readFileSync(join(dir, 'tap_events.csv')).equals(readFileSync(join(utc, 'tap_events.csv')))).toBe(
      true,
    );
  });

  it('writes the same bytes with 1 or 4 DuckDB threads, reading 256 files per scan', async () => {
    const dataset = await openDataset(tap, () => tapflow);
    const table = dataset.tables.find((t) => t.spec.name === 'tap_events')!;
    expect(table.files.length).toBeGreaterThan(512); // three scans, appended
    const source = globFreeRoot(tap);
    try {
      for (const threads of ['1', '4']) {
        const instance = await DuckDBInstance.create(':memory:', { threads });
        const con = await instance.connect();
        const path = join(root, `tap_events-${threads}.csv`);
        try {
          expect(await writeTableCsv(con, source.root, table, path)).toBe(table.rows);
        } finally {
          con.closeSync();
          instance.closeSync();
        }
        expect(readFileSync(path).equals(readFileSync(join(utc, 'tap_events.csv'))), threads).toBe(true);
      }
    } finally {
      source.close();
    }
  });
});

describe('ecommerce to CSV with --suffix', () => {
  const seeds = join(root, 'seeds');
  let summary: { tables: { table: string; target: string; rows_in_target: number; manifest_rows: number }[] };

  beforeAll(() => {
    const r = runCli([
      'load',
      '--out',
      eco,
      '--to',
      `csv:${seeds}`,
      '--suffix',
      '_training',
      '--json',
      '--quiet',
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    summary = JSON.parse(r.stdout);
  });

  it('names each file <table>_training.csv and records it: rows, bytes, sha256', async () => {
    const names = ecommerce.tables.map((t) => `${t.name}_training.csv`);
    expect(filesUnder(seeds)).toEqual([CSV_RECORD, ...names].sort());
    const record = JSON.parse(readFileSync(join(seeds, CSV_RECORD), 'utf8')) as { files: CsvFile[] };
    expect(record.files.map((f) => f.file)).toEqual([...names].sort());
    for (const f of record.files) {
      expect(f.sha256).toBe(await sha256File(join(seeds, f.file)));
      expect(f.rows).toBe(csvLines(join(seeds, f.file)).length - 2); // the header, and the last line's end
    }
    for (const t of summary.tables) {
      expect(t.target).toBe(`${t.table}_training.csv`);
      expect(t.rows_in_target).toBe(t.manifest_rows);
    }
  });

  it('each value equals the Parquet (a plain date column, decimals, JSON text with commas and quotes)', async () => {
    await expectCsvMatchesParquet(eco, seeds, ecommerce.tables, '_training');
    const products = readFileSync(join(seeds, 'products_training.csv'), 'utf8');
    expect(products).toMatch(/,"\{""color"":""[A-Za-z ]+"",/); // RFC 4180: quoted, quotes doubled
    expect(csvLines(join(seeds, 'customers_training.csv'))[1]).toMatch(/,\d{4}-\d\d-\d\d,[a-z_]+,/);
  });
});

/** A hand-made table with every column type and the values CSV gets wrong most often. */
const TINY: TableSpec = {
  name: 'tiny',
  kind: 'fact',
  description: '',
  rowsAt1x: '',
  primaryKey: 'id',
  partition: { column: 'ts_date', source: 'ts' },
  foreignKeys: [],
  columns: [
    col('id', 'int32', ''),
    col('name', 'string', ''),
    col('note', 'string', '', true),
    subsecond(col('ts', 'timestamp', '')),
    col('seen', 'timestamp', '', true),
    col('born', 'date', '', true),
    decimalCol('amount', ''),
    col('ok', 'bool', '', true),
    col('score', 'float64', ''),
    enumCol('kind', ['x', 'y,z'], ''),
    col('big', 'int64', ''),
  ],
};

async function tinyDataset(out: string, seen: string): Promise<Dataset> {
  mkdirSync(join(out, 'tiny'), { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    await con.run(`SET TimeZone = 'Asia/Kolkata'`);
    await con.run(`COPY (SELECT id::INTEGER AS id, name, note, ts::TIMESTAMPTZ AS ts, seen::TIMESTAMPTZ AS seen,
        born::DATE AS born, amount::DECIMAL(10,2) AS amount, ok, score::DOUBLE AS score, kind, big::BIGINT AS big
      FROM (VALUES
        (1, 'a,b', 'say "hi"', '2024-12-31 23:59:59.5+00', '${seen}', '1990-02-03', 12.3, true, 0.1, 'x', 9007199254740993),
        (2, 'line1' || chr(10) || 'line2', '', '2025-01-01 00:00:00+00', NULL, NULL, 0, false, -1.5, 'y,z', -1),
        (3, '  é 日本  ', NULL, '2024-03-10 10:30:00.000001+00', '2024-03-10 02:30:00-08', NULL, 1234.5, NULL, 2.5e-7, 'x', 0)
      ) t(id, name, note, ts, seen, born, amount, ok, score, kind, big)) TO '${join(out, 'tiny', 'part-00000.parquet')}' (FORMAT parquet)`);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  // The loader reads only the folder, the table list and the manifest's ground truth (none here).
  return {
    outDir: out,
    manifest: {},
    tables: [{ spec: TINY, files: ['tiny/part-00000.parquet'], rows: 3 }],
  } as unknown as Dataset;
}

const loadTo = (
  dir: string,
  dataset: Dataset,
  options: { tables?: string[]; replace?: boolean; suffix?: string } = {},
) =>
  load(parseTarget(`csv:${dir}`), {
    dataset,
    tables: options.tables ?? dataset.tables.map((t) => t.spec.name),
    schema: '',
    prefix: '',
    suffix: options.suffix,
    replace: options.replace ?? false,
    views: false,
    progress: quietProgress(),
  });

describe('a tiny table', () => {
  it('is written exactly: RFC 4180 quoting, NULL empty, "" for an empty string, UTC times, plain decimals', async () => {
    const dataset = await tinyDataset(join(root, 'tiny'), '2024-06-01 12:00:00+00');
    const dir = join(root, 'tiny-csv');
    const result = await loadTo(dir, dataset);
    expect(result.counts).toEqual([{ table: 'tiny', target: 'tiny.csv', rows: 3, manifest: 3 }]);
    expect(readFileSync(join(dir, 'tiny.csv'), 'utf8')).toBe(
      [
        'id,name,note,ts,seen,born,amount,ok,score,kind,big,ts_date',
        '1,"a,b","say ""hi""",2024-12-31 23:59:59.500000,2024-06-01 12:00:00,1990-02-03,12.30,true,0.1,x,9007199254740993,2024-12-31',
        '2,"line1\nline2","",2025-01-01 00:00:00.000000,,,0.00,false,-1.5,"y,z",-1,2025-01-01',
        '3,  é 日本  ,,2024-03-10 10:30:00.000001,2024-03-10 10:30:00,,1234.50,,2.5e-07,x,0,2024-03-10',
        '',
      ].join('\n'),
    );
    const back = await parquetRows(csvSource(join(dir, 'tiny.csv'), TINY), TINY);
    const parquet = await parquetRows(
      `(SELECT *, CAST(timezone('UTC', ts) AS DATE) AS ts_date FROM read_parquet('${join(root, 'tiny', 'tiny', 'part-00000.parquet')}'))`,
      TINY,
    );
    expectSameRows(back, parquet, 'tiny');
    expect(back.map((r) => r[2])).toEqual(['say "hi"', '', null]);
  });

  it('refuses a fraction of a second in a whole-second column, naming it, and writes nothing', async () => {
    const dataset = await tinyDataset(join(root, 'tiny-fraction'), '2024-06-01 12:00:00.25+00');
    const dir = join(root, 'tiny-fraction-csv');
    await expect(loadTo(dir, dataset)).rejects.toThrow(
      'tiny.seen has a fraction of a second at 2024-06-01 12:00:00.250000 UTC, but its TableSpec declares whole seconds (mark it subsecond)',
    );
    expect(filesUnder(dir)).toEqual([]);
  });
});

describe('replacing files', () => {
  const dir = join(root, 'replace');
  const accounts = join(dir, 'accounts.csv');
  let dataset: Dataset;
  const run = async (tables: string[], replace = false) => loadTo(dir, dataset, { tables, replace });

  beforeAll(async () => {
    dataset = await openDataset(tap, () => tapflow);
  });

  it('refuses files a load wrote unless --replace, then replaces them', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await run(['accounts', 'locations']);
    const before = readFileSync(accounts);
    await expect(run(['accounts', 'locations'])).rejects.toThrow(
      `--to csv:${dir}: ${accounts}, ${join(dir, 'locations.csv')} already exist; pass --replace to replace them, or choose another --suffix or --table-prefix`,
    );
    await run(['accounts', 'locations'], true);
    expect(readFileSync(accounts).equals(before)).toBe(true);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(filesUnder(dir)).toEqual([CSV_RECORD, 'accounts.csv', 'locations.csv', 'notes.txt']);
  });

  it('never replaces a file no load recorded, or one changed since, even with --replace', async () => {
    const users = join(dir, 'users.csv');
    writeFileSync(users, 'my own users\n');
    await expect(run(['users'], true)).rejects.toThrow(
      `--to csv:${dir}: ${users} was not written by gen-parquet load, or changed since`,
    );
    expect(readFileSync(users, 'utf8')).toBe('my own users\n');
    writeFileSync(accounts, `${readFileSync(accounts, 'utf8')}1,edited\n`);
    await expect(run(['accounts'], true)).rejects.toThrow(`${accounts} was not written by gen-parquet load`);
    expect(readFileSync(accounts, 'utf8')).toMatch(/1,edited\n$/);
  });
});

describe('a killed load', () => {
  it('leaves no CSV in the folder: only its temporaries under _tmp/, named *.csv.partial', async () => {
    const dir = join(root, 'killed');
    const child = spawn(process.execPath, [CLI, 'load', '--out', tap, '--to', `csv:${dir}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const exit = new Promise<string | null>((resolve) =>
      child.on('close', (_code, signal) => resolve(signal)),
    );
    child.stderr.on('data', (d) => {
      stderr += d;
      if (/^accounts .*100%/m.test(stderr)) child.kill('SIGKILL');
    });
    expect(await exit).toBe('SIGKILL');
    const left = filesUnder(dir);
    expect(left.filter((f) => f.endsWith('.csv') || f === CSV_RECORD)).toEqual([]);
    expect(left.some((f) => /^_tmp\/load-\w+\/accounts\.csv\.partial$/.test(f))).toBe(true);
  });
});

describe('bad input', () => {
  it('a bad target is one line, exit 2', () => {
    const r = runCli(['load', '--out', tap, '--to', 'csv:']);
    expect(r.stderr).toBe(
      'gen-parquet: --to csv:: no folder; accepted: postgres://user:password@host:5432/database, duckdb:FILE or csv:DIR\n',
    );
    expect(r.status).toBe(2);
  });

  it.each([
    [
      `csv:${join(tap, 'seeds')}`,
      {},
      `--to csv:${join(tap, 'seeds')}: inside the dataset folder ${tap}; accepted: a folder outside it`,
    ],
    [
      `csv:${root}/s`,
      { suffix: 'Training' },
      '--suffix Training: accepted: lower-case letters, digits and _',
    ],
    [
      `csv:${root}/s`,
      { schema: 'raw' },
      '--schema: only for a database target; a CSV file is named <table-prefix><table><suffix>.csv',
    ],
    [`duckdb:${root}/s.duckdb`, { suffix: '_x' }, '--suffix: only for a CSV target (--to csv:DIR)'],
  ])('%s %j is refused, creating nothing', async (to, options, message) => {
    const dataset = await openDataset(tap, () => tapflow);
    const o = { dataset, tables: ['accounts'], schema: '', prefix: '', replace: false, views: false };
    await expect(load(parseTarget(to), { ...o, ...options, progress: quietProgress() })).rejects.toThrow(
      new UsageError(message),
    );
    expect(existsSync(join(tap, 'seeds'))).toBe(false);
    expect(existsSync(join(root, 's'))).toBe(false);
    expect(existsSync(join(root, 's.duckdb'))).toBe(false);
  });
});
