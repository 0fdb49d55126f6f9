/**
 * `--quality` end to end through the CLI, on tiny datasets shared by every test: a clean and a spoiled
 * ecommerce (every kind, test/quality/every-kind.yaml) and TapFlow (`typical`) with the same seed,
 * scale and window. The spoiled data differs from the clean data exactly by the ground truth (diffed
 * with DuckDB); each kind is found in the data from its ground-truth rows; validation passes and
 * reports the planted issues; the bytes do not depend on workers or time zone, and a backfill equals
 * a shorter run plus an append.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findScenario } from '../../src/scenarios/registry.js';
import type { TableSpec } from '../../src/schema/tableSpec.js';
import { parquetDigests, runCli, tempDir } from '../helpers.js';
import { groundTruthDiff, issuesOf, tableOf } from './groundTruthDiff.js';

const root = tempDir('quality');
const PROFILE = join(import.meta.dirname, 'every-kind.yaml');
const ECOMMERCE = ['--scenario', 'ecommerce', '--scale', '0.01x', '--days', '20', '--end', '2023-06-30'];
const TAPFLOW = ['--scale', '0.01x', '--days', '30'];
const dirs = {
  eClean: join(root, 'e-clean'),
  eDirty: join(root, 'e-dirty'),
  tClean: join(root, 't-clean'),
  tDirty: join(root, 't-dirty'),
};

const ok = (args: string[], env: Record<string, string> = {}) => {
  const run = runCli(args, env);
  expect(run.status, run.stderr).toBe(0);
  return run;
};
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, '_manifest.json'), 'utf8'));

let instance: DuckDBInstance;
let con: DuckDBConnection;
const rows = async (sql: string) =>
  (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
const issues = issuesOf;
const table = tableOf;
const diff = (clean: string, dirty: string, spec: TableSpec, truth = dirty) =>
  groundTruthDiff(con, clean, dirty, spec, truth);

beforeAll(async () => {
  ok([...ECOMMERCE, '--out', dirs.eClean, '--no-validate', '--workers', '2']);
  ok([...ECOMMERCE, '--out', dirs.eDirty, '--quality', PROFILE, '--json', '--workers', '2']);
  ok([...TAPFLOW, '--out', dirs.tClean, '--no-validate', '--workers', '2']);
  ok([...TAPFLOW, '--out', dirs.tDirty, '--quality', 'typical', '--workers', '2']);
  instance = await DuckDBInstance.create(':memory:');
  con = await instance.connect();
  await con.run(`SET TimeZone = 'UTC'`);
});

afterAll(() => {
  con?.closeSync();
  instance?.closeSync();
});

describe('a dataset spoiled on purpose', () => {
  it('differs from the clean one exactly by its ground truth (every table, both packs)', async () => {
    for (const [pack, clean, dirty] of [
      ['ecommerce', dirs.eClean, dirs.eDirty],
      ['tapflow', dirs.tClean, dirs.tDirty],
    ] as const) {
      const planted = await rows(`SELECT count(*) AS n FROM ${issues(dirty)}`);
      expect(Number(planted[0]!.n)).toBeGreaterThan(100);
      // Change logs come only with --changes, which --quality refuses for now.
      for (const spec of findScenario(pack).tables.filter((t) => !t.changesOf))
        expect(await diff(clean, dirty, spec), `${pack} ${spec.name}`).toEqual({ missing: 0, extra: 0 });
    }
    // Not vacuous: the clean data against itself, with the ground truth applied, differs.
    const customers = findScenario('ecommerce').tables.find((t) => t.name === 'customers')!;
    const self = await diff(dirs.eClean, dirs.eClean, customers, dirs.eDirty);
    expect(self.missing).toBeGreaterThan(0);
    expect(self.extra).toBeGreaterThan(0);
  });

  it('passes validation, the planted issues reported as listed, not as failures', () => {
    for (const dir of [dirs.eDirty, dirs.tDirty]) {
      const report = JSON.parse(readFileSync(join(dir, '_validation.json'), 'utf8'));
      expect(report.passed).toBe(true);
      const quality = report.checks.filter((c: { group: string }) => c.group.startsWith('7.'));
      const kinds = manifestOf(dir).ground_truth.kinds;
      for (const [kind, n] of Object.entries(kinds))
        expect(quality).toContainEqual(
          expect.objectContaining({
            name: `planted ${kind} issues, as the manifest lists`,
            measured: String(n),
          }),
        );
      expect(quality.some((c: { name: string }) => /digest/.test(c.name))).toBe(true);
    }
  });

  it('records the profile, the ground truth files and every clean file in the manifest', () => {
    const m = manifestOf(dirs.eDirty);
    expect(m.quality.profile).toBe(PROFILE);
    expect(m.quality.sha256).toMatch(/^[0-9a-f]{64}$/);
    const files = m.files
      .filter((f: { table: string }) => f.table === '_quality')
      .map((f: { path: string }) => f.path);
    expect(files).toEqual(['_quality/issues.parquet', '_quality/schema_versions.json']);
    const clean = manifestOf(dirs.eClean);
    // The clean twin's files are exactly the spoiled run's clean records, row for row.
    expect(
      Object.fromEntries(
        Object.entries(m.ground_truth.clean).map(([p, c]) => [p, (c as { rows: number }).rows]),
      ),
    ).toEqual(Object.fromEntries(clean.files.map((f: { path: string; rows: number }) => [f.path, f.rows])));
    expect(clean.quality).toBeUndefined();
    expect(clean.ground_truth).toBeUndefined();
    const versions = JSON.parse(readFileSync(join(dirs.eDirty, '_quality', 'schema_versions.json'), 'utf8'));
    expect(versions.versions[0]).toMatchObject({ version: 1, from: '2023-06-11' });
  });
});

interface Issue {
  table: string;
  row_key: string;
  column: string | null;
  kind: string;
  partition: string | null;
  clean_value: string | null;
  planted_value: string | null;
  change: string;
  file: string;
  row_number: string | null;
  original_key: string | null;
}

/** Up to `n` ground-truth rows of `kind` in the spoiled ecommerce dataset (at least one: the profile plants every kind). */
async function listed(kind: string, n = 5): Promise<Issue[]> {
  const found = (await rows(
    `SELECT * FROM ${issues(dirs.eDirty)} WHERE kind = '${kind}' ORDER BY "table", file, row_number LIMIT ${n}`,
  )) as unknown as Issue[];
  expect(found.length, kind).toBeGreaterThan(0);
  return found;
}

/** The spoiled row the ground truth points at (file and row number), as text. */
async function spoiledRow(issue: Issue): Promise<Record<string, string | null>> {
  const [r] = await rows(
    `SELECT * EXCLUDE (file_row_number) FROM read_parquet('${join(dirs.eDirty, issue.file)}', file_row_number = true, hive_partitioning = false)
     WHERE file_row_number = ${issue.row_number}`,
  );
  expect(r, `${issue.kind} ${issue.file} ${issue.row_number}`).toBeDefined();
  return Object.fromEntries(Object.entries(r!).map(([k, v]) => [k, v === null ? null : String(v)]));
}

const ecommerceTable = (name: string) => findScenario('ecommerce').tables.find((t) => t.name === name)!;
const keyColumn = (name: string) => ecommerceTable(name).primaryKey;
/** Rows of `table` in `dir` whose key is `key`. */
const withKey = async (dir: string, name: string, key: string) =>
  rows(`SELECT * FROM ${table(dir, name)} WHERE CAST("${keyColumn(name)}" AS VARCHAR) = '${key}'`);

describe('each kind is in the data where its ground truth says', () => {
  it('missing: NULL, or a placeholder in text, where there was a value', async () => {
    for (const i of await listed('missing', 10)) {
      expect(i.clean_value).not.toBeNull();
      expect([null, '', 'N/A', 'null', '-']).toContain(i.planted_value);
      expect((await spoiledRow(i))[i.column!]).toBe(i.planted_value);
    }
  });

  it('duplicate: the row twice, identical', async () => {
    for (const i of await listed('duplicate')) {
      expect(i.original_key).toBe(i.row_key);
      const twins = await withKey(dirs.eDirty, i.table, i.row_key);
      expect(twins).toHaveLength(2);
      expect(twins[0]).toEqual(twins[1]);
    }
  });

  it('near_duplicate: the same customer under a new key, a name written another way', async () => {
    for (const i of await listed('near_duplicate')) {
      const copy = await spoiledRow(i);
      expect(copy.customer_id).toBe(i.row_key);
      expect(Number(i.row_key)).toBe(1_000_000_000 + Number(i.original_key));
      const [original] = await withKey(dirs.eDirty, 'customers', i.original_key!);
      expect(copy.email).toBe(original!.email);
      if (i.column) {
        expect(original![i.column]).toBe(i.clean_value);
        expect(copy[i.column]).toBe(i.planted_value);
        expect(i.planted_value).not.toBe(i.clean_value);
      }
    }
  });

  it('outlier: 2.5 to 6 times the clean value', async () => {
    for (const i of await listed('outlier', 10)) {
      const ratio = Number(i.planted_value) / Number(i.clean_value);
      expect(ratio).toBeGreaterThanOrEqual(2.4);
      expect(ratio).toBeLessThanOrEqual(6.1);
      expect(Number((await spoiledRow(i))[i.column!])).toBe(Number(i.planted_value));
    }
  });

  it('impossible: a negative quantity, -1, 9999 or a sentinel date', async () => {
    for (const i of await listed('impossible', 10)) {
      const sentinel = /^(1970-01-01|1900-01-01|9999-12-31)/.test(i.planted_value!);
      expect(sentinel || Number(i.planted_value) < 0 || i.planted_value === '9999', i.planted_value!).toBe(
        true,
      );
      const got = (await spoiledRow(i))[i.column!]!;
      if (sentinel) expect(got.slice(0, 10)).toBe(i.planted_value!.slice(0, 10));
      else expect(Number(got)).toBe(Number(i.planted_value));
    }
  });

  it('orphan: a foreign key whose parent does not exist', async () => {
    for (const i of await listed('orphan', 10)) {
      const fk = ecommerceTable(i.table).foreignKeys.find((f) => f.column === i.column)!;
      const [parent, key] = fk.references.split('.') as [string, string];
      const value = (await spoiledRow(i))[i.column!];
      expect(value).toBe(i.planted_value);
      const [r] = await rows(
        `SELECT count(*) AS n FROM ${table(dirs.eDirty, parent)} WHERE CAST("${key}" AS VARCHAR) = '${value}'`,
      );
      expect(Number(r!.n)).toBe(0);
    }
  });

  it('late: the row sits in a later partition than its time', async () => {
    for (const i of await listed('late', 10)) {
      const t = ecommerceTable(i.table);
      expect(i.column).toBe(t.partition!.source);
      const [r] = await rows(
        `SELECT CAST(CAST('${i.planted_value}' AS TIMESTAMPTZ) AS DATE)::VARCHAR AS day`,
      );
      expect(String(r!.day) < i.partition!).toBe(true);
      expect(i.file).toContain(`=${i.partition}/`);
      expect(String(i.clean_value).slice(0, 10)).toBe(i.partition);
    }
  });

  it('format_variant: the same text in another case, padding or without a leading zero', async () => {
    for (const i of await listed('format_variant', 10)) {
      const norm = (s: string) => s.trim().toLowerCase().replace(/^0+/, '');
      expect(i.planted_value).not.toBe(i.clean_value);
      expect(norm(i.planted_value!)).toBe(norm(i.clean_value!));
      expect((await spoiledRow(i))[i.column!]).toBe(i.planted_value);
    }
  });

  it('a value kind of the profile: orders with the status lost', async () => {
    for (const i of await listed('lost_status')) {
      expect((await spoiledRow(i)).status).toBe('lost');
      expect(i.clean_value).not.toBe('lost');
    }
  });

  it('a copy kind of the profile: the first name written as the last name', async () => {
    for (const i of await listed('first_as_last')) {
      const r = await spoiledRow(i);
      expect(r.last_name).toBe(r.first_name);
      expect(i.clean_value).not.toBe(r.first_name);
    }
  });

  it('drop, volume_drop: the clean row is gone; its day has fewer rows', async () => {
    for (const kind of ['no_review', 'volume_drop']) {
      for (const i of await listed(kind)) {
        expect(i.row_number).toBeNull();
        expect(JSON.parse(i.clean_value!)[keyColumn(i.table)]).toBe(i.row_key);
        expect(await withKey(dirs.eDirty, i.table, i.row_key)).toHaveLength(0);
        expect(await withKey(dirs.eClean, i.table, i.row_key)).toHaveLength(1);
      }
    }
  });

  it('volume_spike and freshness_gap: a day with more rows, a day with none', async () => {
    const dayRows = async (dir: string, i: Issue) => {
      const [r] = await rows(
        `SELECT count(*) AS n FROM read_parquet('${join(dir, i.file.replace(/[^/]*$/, '*.parquet'))}')`,
      ).catch(() => [{ n: 0 }]);
      return Number(r!.n);
    };
    for (const i of await listed('volume_spike')) {
      expect(await withKey(dirs.eDirty, i.table, i.original_key!)).toHaveLength(2);
      expect(await dayRows(dirs.eDirty, i)).toBeGreaterThan(await dayRows(dirs.eClean, i));
    }
    for (const i of await listed('freshness_gap')) {
      expect(await dayRows(dirs.eDirty, i)).toBe(0);
      expect(await dayRows(dirs.eClean, i)).toBeGreaterThan(0);
    }
  });
});

describe('deterministic, recorded, never mixed', () => {
  it('gives the same bytes with 1 worker in another time zone', () => {
    const other = join(root, 'e-dirty-1');
    ok([...ECOMMERCE, '--out', other, '--quality', PROFILE, '--no-validate', '--workers', '1'], {
      TZ: 'America/Los_Angeles',
    });
    expect(parquetDigests(other)).toEqual(parquetDigests(dirs.eDirty));
    expect(readFileSync(join(other, '_manifest.json'), 'utf8')).toBe(
      readFileSync(join(dirs.eDirty, '_manifest.json'), 'utf8'),
    );
  });

  it('a 19-day run and a one-day append plant exactly what the 20-day run plants', () => {
    const dir = join(root, 'e-append');
    ok([
      ...ECOMMERCE.slice(0, 4),
      '--days',
      '19',
      '--end',
      '2023-06-29',
      '--out',
      dir,
      '--quality',
      PROFILE,
      '--no-validate',
      '--workers',
      '2',
    ]);
    // The profile comes from the manifest; the append validates the whole dataset.
    const appended = ok(['append', '--out', dir, '--days', '1', '--workers', '2', '--json']);
    expect(JSON.parse(appended.stdout).validation.passed).toBe(true);
    expect(parquetDigests(dir)).toEqual(parquetDigests(dirs.eDirty));
    const [a, b] = [manifestOf(dir), manifestOf(dirs.eDirty)];
    expect(a.ground_truth).toEqual(b.ground_truth);
    expect(a.quality).toEqual(b.quality);
    expect(a.increments[1].replaced).toContain('_quality/issues.parquet');
  });

  it('refuses a folder made with another profile, or clean, in one line (exit 2)', () => {
    const refused = (args: string[], pattern: RegExp) => {
      const run = runCli(args);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(pattern);
    };
    const q = (profile: string) => [
      ...ECOMMERCE,
      '--out',
      dirs.eDirty,
      '--no-validate',
      '--quality',
      profile,
    ];
    refused(
      q('typical'),
      /made with other parameters: quality \(folder: \S*every-kind\.yaml [0-9a-f]{12}, now: typical [0-9a-f]{12}\)/,
    );
    refused(
      [...ECOMMERCE, '--out', dirs.eDirty, '--no-validate'],
      /quality \(folder: .*, now: none \(clean\)\)/,
    );
    refused(['append', '--out', dirs.eDirty, '--days', '1', '--quality', 'typical'], /differs in quality/);
    // Nothing was touched.
    expect(manifestOf(dirs.eDirty).quality.profile).toBe(PROFILE);
  });
});
