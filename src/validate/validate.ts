/**
 * Checks a written dataset with DuckDB over the files on disk (never the generator's memory): row
 * counts, keys, foreign keys, time rules and file checksums. Each check reports target, measured, pass.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { UsageError } from '../errors.js';
import { MANIFEST, type Manifest, readManifest, SUCCESS } from '../run/manifest.js';
import { TABLES, type TableSpec } from '../schema/tables.js';

export interface CheckResult {
  readonly group: string;
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean;
}

export interface ValidationReport {
  readonly passed: boolean;
  readonly checks: readonly CheckResult[];
  readonly seconds: number;
}

const G = {
  keys: '1. Referential integrity',
  counts: '2. Row counts and ID ranges',
  time: '3. Temporal consistency',
  files: '6. Files and checksums',
} as const;

async function scalar(con: DuckDBConnection, sql: string): Promise<number> {
  const rows = (await con.runAndReadAll(sql)).getRows();
  const v = rows[0]?.[0];
  return typeof v === 'bigint' ? Number(v) : Number(v ?? Number.NaN);
}

function zeroCheck(group: string, name: string, measured: number): CheckResult {
  return { group, name, target: '0', measured: String(measured), pass: measured === 0 };
}

async function listParquet(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.parquet'))
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function loadManifest(outDir: string): Promise<Manifest> {
  try {
    return await readManifest(outDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? `no ${MANIFEST}` : `unreadable ${MANIFEST} (${code ?? (err as Error).message})`;
    throw new UsageError(
      `--out ${outDir}: not a gen-parquet output (${why}); generate one with gen-parquet --out ${outDir}`,
    );
  }
}

export async function validateOutput(outDir: string): Promise<ValidationReport> {
  const started = performance.now();
  const manifest = await loadManifest(outDir);
  const checks: CheckResult[] = [];
  const present = TABLES.filter((t) => manifest.tables.includes(t.name));

  // 6. Files: manifest ↔ disk, sizes and checksums.
  const onDisk = await listParquet(outDir);
  const listed = new Set(manifest.files.map((f) => f.path));
  const unlisted = onDisk.filter((p) => !listed.has(p));
  checks.push({
    group: G.files,
    name: 'Parquet files not in the manifest',
    target: '0',
    measured: String(unlisted.length) + (unlisted.length ? ` (${unlisted[0]})` : ''),
    pass: unlisted.length === 0,
  });
  let missing = 0;
  let mismatched = 0;
  let firstBad = '';
  for (const f of manifest.files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(join(outDir, f.path));
    } catch {
      missing++;
      firstBad ||= f.path;
      continue;
    }
    if (bytes.length !== f.bytes || createHash('sha256').update(bytes).digest('hex') !== f.sha256) {
      mismatched++;
      firstBad ||= f.path;
    }
  }
  checks.push({
    group: G.files,
    name: 'manifest files missing',
    target: '0',
    measured: String(missing),
    pass: missing === 0,
  });
  checks.push({
    group: G.files,
    name: 'files whose size or sha256 differ from the manifest',
    target: '0',
    measured: String(mismatched) + (mismatched ? ` (${firstBad})` : ''),
    pass: mismatched === 0,
  });
  const success = (await readdir(outDir)).includes(SUCCESS);
  checks.push({
    group: G.files,
    name: `${SUCCESS} present`,
    target: 'yes',
    measured: success ? 'yes' : 'no',
    pass: success,
  });
  if (missing > 0) return { passed: false, checks, seconds: (performance.now() - started) / 1000 };

  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    await con.run(`SET TimeZone = 'UTC'`);
    for (const t of present) {
      const glob = join(outDir, t.name, '**', '*.parquet').replaceAll("'", "''");
      await con.run(
        `CREATE VIEW ${t.name} AS SELECT * FROM read_parquet('${glob}', hive_partitioning = ${t.partition ? 'true' : 'false'})`,
      );
    }
    await countChecks(con, manifest, present, checks);
    await keyChecks(con, present, checks);
    await timeChecks(con, present, checks);
  } finally {
    con.closeSync();
    instance.closeSync();
  }
  return { passed: checks.every((c) => c.pass), checks, seconds: (performance.now() - started) / 1000 };
}

async function countChecks(
  con: DuckDBConnection,
  manifest: Manifest,
  present: readonly TableSpec[],
  checks: CheckResult[],
): Promise<void> {
  for (const t of present) {
    const expected = manifest.files.filter((f) => f.table === t.name).reduce((a, f) => a + f.rows, 0);
    const rows = await scalar(con, `SELECT count(*) FROM ${t.name}`);
    checks.push({
      group: G.counts,
      name: `${t.name} rows = manifest`,
      target: String(expected),
      measured: String(rows),
      pass: rows === expected,
    });
    if (t.sequence) {
      const [min, max] = [
        await scalar(con, `SELECT min(${t.sequence.column}) FROM ${t.name}`),
        await scalar(con, `SELECT max(${t.sequence.column}) FROM ${t.name}`),
      ];
      const ok = rows === 0 || (min === 1 && max === rows);
      checks.push({
        group: G.counts,
        name: `${t.name}.${t.sequence.column} runs 1..rows`,
        target: `1..${rows}`,
        measured: `${min}..${max}`,
        pass: ok,
      });
      const target = manifest.expected.rows[t.name];
      if (target !== undefined) {
        checks.push({
          group: G.counts,
          name: `${t.name} rows = round(target × scale)`,
          target: String(target),
          measured: String(rows),
          pass: rows === target,
        });
      }
    }
  }
}

async function keyChecks(
  con: DuckDBConnection,
  present: readonly TableSpec[],
  checks: CheckResult[],
): Promise<void> {
  const names = new Set(present.map((t) => t.name));
  for (const t of present) {
    const dup = await scalar(con, `SELECT count(*) - count(DISTINCT (${t.primaryKey})) FROM ${t.name}`);
    checks.push(zeroCheck(G.keys, `${t.name}.${t.primaryKey} duplicates`, dup));
    for (const fk of t.foreignKeys) {
      const [parent, key] = fk.references.split('.') as [string, string];
      if (!names.has(parent)) continue;
      const orphans = await scalar(
        con,
        `SELECT count(*) FROM ${t.name} c ANTI JOIN ${parent} p ON c.${fk.column} = p.${key} WHERE c.${fk.column} IS NOT NULL`,
      );
      checks.push(zeroCheck(G.keys, `${t.name}.${fk.column} → ${fk.references} orphans`, orphans));
    }
  }
}

async function timeChecks(
  con: DuckDBConnection,
  present: readonly TableSpec[],
  checks: CheckResult[],
): Promise<void> {
  const names = new Set(present.map((t) => t.name));
  for (const t of present) {
    if (!t.partition) continue;
    const off = await scalar(
      con,
      `SELECT count(*) FROM ${t.name} WHERE ${t.partition.column} <> CAST(${t.partition.source} AS DATE)`,
    );
    checks.push(zeroCheck(G.time, `${t.name} rows outside their ${t.partition.column} partition (UTC)`, off));
  }
  if (names.has('tap_events') && names.has('devices')) {
    const before = await scalar(
      con,
      'SELECT count(*) FROM tap_events e JOIN devices d USING (device_id) WHERE e.event_ts < d.installed_at',
    );
    checks.push(zeroCheck(G.time, 'tap events before their device was installed', before));
    const after = await scalar(
      con,
      'SELECT count(*) FROM tap_events e JOIN devices d USING (device_id) WHERE e.event_ts > d.last_seen_at',
    );
    checks.push(zeroCheck(G.time, 'tap events after their device was last seen', after));
    const notTap = await scalar(
      con,
      "SELECT count(*) FROM tap_events e JOIN devices d USING (device_id) WHERE d.device_type <> 'tap_controller'",
    );
    checks.push(zeroCheck(G.keys, 'tap events from devices that are not tap controllers', notTap));
  }
}
