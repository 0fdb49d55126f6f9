// `npm run build && node bench/load.mjs`: `gen-parquet load` of the TapFlow dataset into a local
// PostgreSQL against what a user would otherwise do, in the same run: DuckDB writing each table to
// CSV, then `psql \copy` of each CSV into plain tables, then the same keys, foreign keys, indexes and
// ANALYZE (each step timed). Both start from an empty schema with the files in the page cache, and
// run alternated BENCH_RUNS times; the run with the median end-to-end time of each is reported.
// A private server is started (Debian's postgresql, as the tests do) unless DATABASE_URL names one;
// its schemas gen_parquet_bench_ours and gen_parquet_bench_ref are dropped and made again.
// Env: BENCH_SCALE (1), BENCH_RUNS (3), PARTITION_BY (day), BENCH_WORKERS (CPUs).
// Writes bench/results/load/<time>.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const root = join(import.meta.dirname, '..');
const scale = Number(process.env.BENCH_SCALE ?? 1);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const layout = process.env.PARTITION_BY ?? 'day';
const workers = Number(process.env.BENCH_WORKERS ?? availableParallelism());
const work = join(tmpdir(), 'gen-parquet-bench-load');
const out = join(work, `tapflow-${scale}x-${layout}`);
const csvDir = join(work, 'csv');
const OURS = 'gen_parquet_bench_ours';
const REF = 'gen_parquet_bench_ref';
const hasTime = existsSync('/usr/bin/time');
const since = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

function run(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return { seconds: since(t0), stdout: r.stdout };
}

mkdirSync(work, { recursive: true });
// Generation is deterministic: a complete folder of the same parameters is reused as it is.
run('node', [
  ...['dist/src/cli.js', '--scale', String(scale), '--out', out, '--partition-by', layout],
  ...['--workers', String(workers), '--no-validate', '--quiet'],
]);

const built = (path) => import(new URL(`../dist/${path}`, import.meta.url).href);
const { postgresBin, startPostgres } = await built('test/postgresServer.js');
const { loadColumns } = await built('src/load/loadColumns.js');
const tapflow = (await built('src/scenarios/registry.js')).findScenario('tapflow');
const server = process.env.DATABASE_URL ? undefined : await startPostgres();
const url = process.env.DATABASE_URL ?? server.url();
const psql = join(postgresBin(), 'psql');
const sql = (text) => run(psql, [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', text]).stdout.trim();
const manifest = JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8'));
const tables = manifest.tables.filter((t) => tapflow.tables.some((s) => s.name === t));
const filesOf = (table) => manifest.files.filter((f) => f.table === table).map((f) => join(out, f.path));

/** Every file read once, so neither side pays for a cold page cache. */
function warm() {
  for (const f of manifest.files) readFileSync(join(out, f.path));
}

function ours() {
  sql(`DROP SCHEMA IF EXISTS ${OURS} CASCADE`);
  warm();
  const rssFile = join(work, 'rss.txt');
  const args = ['dist/src/cli.js', 'load', '--out', out, '--to', url, '--schema', OURS, '--quiet', '--json'];
  const r = hasTime ? run('/usr/bin/time', ['-f', '%M', '-o', rssFile, 'node', ...args]) : run('node', args);
  const json = JSON.parse(r.stdout);
  const peakRssMb = hasTime ? Number(readFileSync(rssFile, 'utf8').trim()) / 1024 : null;
  return { seconds: r.seconds, peak_rss_mb: peakRssMb, keys_seconds: json.keys_seconds, tables: json.tables };
}

// The reference's DDL is gen-parquet's own: plain CREATE TABLEs first, keys and indexes after the data.
const ddl = run('node', ['dist/src/cli.js', 'schema', '--format', 'postgres'])
  .stdout.split(';\n')
  .map((s) => s.trim());
const creates = ddl.filter((s) => s.startsWith('CREATE TABLE'));
const keys = ddl.filter((s) => s.startsWith('ALTER TABLE') || s.startsWith('CREATE INDEX'));

async function reference() {
  sql(`DROP SCHEMA IF EXISTS ${REF} CASCADE`);
  sql(`CREATE SCHEMA ${REF}; SET search_path = ${REF}; ${creates.join(';\n')};`);
  rmSync(csvDir, { recursive: true, force: true });
  mkdirSync(csvDir);
  warm();
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  await duck.run(`SET TimeZone = 'UTC'`);
  const t0 = process.hrtime.bigint();
  const perTable = [];
  for (const table of tables) {
    const spec = tapflow.tables.find((s) => s.name === table);
    // The DDL's column order; the partition date is the UTC date of its time column.
    const select = loadColumns(spec).map((c) =>
      c.type === 'date' ? `CAST(timezone('UTC', "${c.source}") AS DATE) AS "${c.name}"` : `"${c.name}"`,
    );
    const files = filesOf(table).map((f) => `'${f}'`);
    const csv = join(csvDir, `${table}.csv`);
    const c0 = process.hrtime.bigint();
    await duck.run(
      `COPY (SELECT ${select.join(', ')} FROM read_parquet([${files.join(', ')}], hive_partitioning = false)) TO '${csv}' (FORMAT csv, HEADER false)`,
    );
    const csvSeconds = since(c0);
    const copy = run(psql, [
      url,
      '-v',
      'ON_ERROR_STOP=1',
      '-qAt',
      '-c',
      `\\copy ${REF}."${table}" FROM '${csv}' (FORMAT csv)`,
    ]);
    const rows = manifest.files.filter((f) => f.table === table).reduce((a, f) => a + f.rows, 0);
    perTable.push({ table, rows, csv_s: csvSeconds, copy_s: copy.seconds });
    rmSync(csv);
  }
  duck.closeSync();
  instance.closeSync();
  const k0 = process.hrtime.bigint();
  sql(`SET search_path = ${REF}; ${keys.join(';\n')}; ANALYZE;`);
  const keysSeconds = since(k0);
  for (const t of perTable) {
    const n = Number(sql(`SELECT count(*) FROM ${REF}."${t.table}"`));
    if (n !== t.rows) throw new Error(`reference ${t.table}: ${n} rows, the manifest ${t.rows}`);
  }
  return { seconds: since(t0), keys_seconds: keysSeconds, tables: perTable };
}

const median = (results) =>
  [...results].sort((a, b) => a.seconds - b.seconds)[Math.floor(results.length / 2)];

try {
  const pg = sql('SHOW server_version');
  const oursRuns = [];
  const refRuns = [];
  for (let i = 0; i < runs; i++) {
    if (i % 2 === 0) {
      oursRuns.push(ours());
      refRuns.push(await reference());
    } else {
      refRuns.push(await reference());
      oursRuns.push(ours());
    }
  }
  const o = median(oursRuns);
  const r = median(refRuns);
  const pad = (v, n) => String(v).padStart(n);
  console.log(
    `TapFlow ${scale}x (${layout} files) into PostgreSQL ${pg}, ${cpus().length} CPUs, ${runs} alternated runs, medians`,
  );
  console.log(
    `${'table'.padEnd(20)}${pad('rows', 12)}${pad('ours s', 9)}${pad('rows/s', 11)}${pad('csv s', 8)}${pad('\\copy s', 9)}${pad('rows/s', 11)}`,
  );
  for (const t of r.tables) {
    const mine = o.tables.find((x) => x.table === t.table);
    const refRate = Math.round(t.rows / (t.csv_s + t.copy_s));
    console.log(
      `${t.table.padEnd(20)}${pad(t.rows, 12)}${pad(mine.seconds.toFixed(2), 9)}${pad(mine.rows_per_s, 11)}${pad(t.csv_s.toFixed(2), 8)}${pad(t.copy_s.toFixed(2), 9)}${pad(refRate, 11)}`,
    );
  }
  const oursCopies = o.tables.reduce((a, t) => a + t.seconds, 0);
  const refCopies = r.tables.reduce((a, t) => a + t.csv_s + t.copy_s, 0);
  console.log(
    `copies:                 ours ${oursCopies.toFixed(1)} s, reference ${refCopies.toFixed(1)} s (CSV + \\copy)`,
  );
  console.log(
    `keys, indexes, ANALYZE: ours ${o.keys_seconds.toFixed(1)} s, reference ${r.keys_seconds.toFixed(1)} s`,
  );
  console.log(
    `end to end:             ours ${o.seconds.toFixed(1)} s (peak RSS ${o.peak_rss_mb?.toFixed(0)} MB), reference ${r.seconds.toFixed(1)} s: reference / ours ${(r.seconds / o.seconds).toFixed(2)} (target >= 1)`,
  );
  const when = new Date().toISOString();
  const result = {
    when,
    scale,
    runs,
    partition_by: layout,
    postgres: pg,
    cpus: cpus().length,
    ours: o,
    reference: r,
    all: { ours: oursRuns, reference: refRuns },
  };
  const dir = join(root, 'bench', 'results', 'load');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${when.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${file}`);
} finally {
  if (!process.env.DATABASE_URL) server.stop();
  else {
    sql(`DROP SCHEMA IF EXISTS ${OURS} CASCADE`);
    sql(`DROP SCHEMA IF EXISTS ${REF} CASCADE`);
  }
  rmSync(csvDir, { recursive: true, force: true });
}
