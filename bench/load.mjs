// `npm run build && node bench/load.mjs`: `gen-parquet load` of the TapFlow dataset into a local
// PostgreSQL against what a user would otherwise do, in the same run: DuckDB writing each table to
// CSV, then `psql \copy` of each CSV into plain tables, then the same keys, foreign keys, indexes and
// ANALYZE (each step timed). A private server is started (Debian's postgresql, as test/postgresServer
// does) unless DATABASE_URL names one; its schemas gen_parquet_bench_ours / _ref are replaced.
// Env: BENCH_SCALE (1), PARTITION_BY (day), BENCH_WORKERS (CPUs). Writes bench/results/load/<time>.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const root = join(import.meta.dirname, '..');
const scale = Number(process.env.BENCH_SCALE ?? 1);
const layout = process.env.PARTITION_BY ?? 'day';
const workers = Number(process.env.BENCH_WORKERS ?? availableParallelism());
const work = join(tmpdir(), 'gen-parquet-bench-load');
const out = join(work, `tapflow-${scale}x-${layout}`);
const csvDir = join(work, 'csv');
const OURS = 'gen_parquet_bench_ours';
const REF = 'gen_parquet_bench_ref';
const hasTime = existsSync('/usr/bin/time');

function run(cmd, args, env = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    cwd: root,
    env: { ...process.env, ...env },
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
  return { seconds, stdout: r.stdout };
}

mkdirSync(work, { recursive: true });
// Generation is deterministic: an existing complete folder of the same parameters is reused as is.
run('node', [
  'dist/src/cli.js',
  '--scale',
  String(scale),
  '--out',
  out,
  '--partition-by',
  layout,
  '--workers',
  String(workers),
  '--no-validate',
  '--quiet',
]);

const built = (path) => import(new URL(`../dist/${path}`, import.meta.url).href);
const { postgresBin, startPostgres } = await built('test/postgresServer.js');
const { loadColumns } = await built('src/load/loadColumns.js');
const tapflow = (await built('src/scenarios/registry.js')).findScenario('tapflow');
const server = process.env.DATABASE_URL ? undefined : await startPostgres();
const url = process.env.DATABASE_URL ?? server.url();
const psql = join(postgresBin(), 'psql');
const sql = (text) => run(psql, [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', text]).stdout.trim();

try {
  const manifest = JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8'));
  const pg = sql('SHOW server_version');
  sql(`DROP SCHEMA IF EXISTS ${REF} CASCADE`);

  // Ours: one command, end to end (copies, keys, foreign keys, indexes, ANALYZE, swap, counts).
  const rssFile = join(work, 'rss.txt');
  const loadArgs = [
    'dist/src/cli.js',
    'load',
    '--out',
    out,
    '--to',
    url,
    '--schema',
    OURS,
    '--replace',
    '--quiet',
    '--json',
  ];
  const ours = hasTime
    ? run('/usr/bin/time', ['-f', '%M', '-o', rssFile, 'node', ...loadArgs])
    : run('node', loadArgs);
  const oursJson = JSON.parse(ours.stdout);
  const oursRss = hasTime ? Number(readFileSync(rssFile, 'utf8').trim()) / 1024 : Number.NaN;

  // The reference: DuckDB → CSV per table, psql \copy per table, then the same DDL's keys and indexes.
  const ddl = run('node', ['dist/src/cli.js', 'schema', '--format', 'postgres'])
    .stdout.split(';\n')
    .map((s) => s.trim());
  const creates = ddl.filter((s) => s.startsWith('CREATE TABLE'));
  const keys = ddl.filter((s) => s.startsWith('ALTER TABLE') || s.startsWith('CREATE INDEX'));
  sql(`CREATE SCHEMA ${REF}; SET search_path = ${REF}; ${creates.join(';\n')};`);
  rmSync(csvDir, { recursive: true, force: true });
  mkdirSync(csvDir);
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  await duck.run(`SET TimeZone = 'UTC'`);
  const reference = [];
  for (const t of oursJson.tables) {
    const spec = tapflow.tables.find((x) => x.name === t.table);
    const files = manifest.files.filter((f) => f.table === t.table).map((f) => `'${join(out, f.path)}'`);
    // The columns in the DDL's order; the partition date is the UTC date of its time column.
    const select = loadColumns(spec).map((c) =>
      c.type === 'date' ? `CAST(timezone('UTC', "${c.source}") AS DATE) AS "${c.name}"` : `"${c.name}"`,
    );
    const csv = join(csvDir, `${t.table}.csv`);
    const t0 = process.hrtime.bigint();
    await duck.run(
      `COPY (SELECT ${select.join(', ')} FROM read_parquet([${files.join(', ')}], hive_partitioning = false)) TO '${csv}' (FORMAT csv, HEADER false)`,
    );
    const csvSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const copy = run(psql, [
      url,
      '-v',
      'ON_ERROR_STOP=1',
      '-qAt',
      '-c',
      `\\copy ${REF}."${t.table}" FROM '${csv}' (FORMAT csv)`,
    ]);
    reference.push({ table: t.table, rows: t.rows, csv_s: csvSeconds, copy_s: copy.seconds });
    rmSync(csv);
  }
  duck.closeSync();
  instance.closeSync();
  const k0 = process.hrtime.bigint();
  sql(`SET search_path = ${REF}; ${keys.join(';\n')}; ANALYZE;`);
  const refKeysSeconds = Number(process.hrtime.bigint() - k0) / 1e9;
  for (const t of reference) {
    const n = Number(sql(`SELECT count(*) FROM ${REF}."${t.table}"`));
    if (n !== t.rows) throw new Error(`reference ${t.table}: ${n} rows, ours ${t.rows}`);
  }

  const refCopy = reference.reduce((a, t) => a + t.csv_s + t.copy_s, 0);
  const refTotal = refCopy + refKeysSeconds;
  const pad = (v, n) => String(v).padStart(n);
  console.log(`TapFlow ${scale}x (${layout} files) into PostgreSQL ${pg}, ${cpus().length} CPUs`);
  console.log(
    `${'table'.padEnd(20)}${pad('rows', 12)}${pad('ours s', 9)}${pad('rows/s', 11)}${pad('csv s', 8)}${pad('\\copy s', 9)}${pad('rows/s', 11)}`,
  );
  for (const r of reference) {
    const o = oursJson.tables.find((t) => t.table === r.table);
    console.log(
      `${r.table.padEnd(20)}${pad(r.rows, 12)}${pad(o.seconds.toFixed(2), 9)}${pad(o.rows_per_s, 11)}${pad(r.csv_s.toFixed(2), 8)}${pad(r.copy_s.toFixed(2), 9)}${pad(Math.round(r.rows / (r.csv_s + r.copy_s)), 11)}`,
    );
  }
  const oursCopy = oursJson.tables.reduce((a, t) => a + t.seconds, 0);
  console.log(
    `copies:                 ours ${oursCopy.toFixed(1)} s, reference ${refCopy.toFixed(1)} s (CSV + \\copy)`,
  );
  console.log(
    `keys, indexes, ANALYZE: ours ${oursJson.keys_seconds.toFixed(1)} s, reference ${refKeysSeconds.toFixed(1)} s`,
  );
  console.log(
    `end to end:             ours ${ours.seconds.toFixed(1)} s (peak RSS ${oursRss.toFixed(0)} MB), reference ${refTotal.toFixed(1)} s: ratio ref/ours ${(refTotal / ours.seconds).toFixed(2)} (target >= 1)`,
  );
  const result = {
    when: new Date().toISOString(),
    scale,
    partition_by: layout,
    postgres: pg,
    cpus: cpus().length,
    ours: {
      seconds: ours.seconds,
      peak_rss_mb: oursRss,
      keys_seconds: oursJson.keys_seconds,
      tables: oursJson.tables,
    },
    reference: { seconds: refTotal, keys_seconds: refKeysSeconds, tables: reference },
  };
  const dir = join(root, 'bench', 'results', 'load');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${result.when.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`wrote ${file}`);
} finally {
  server?.stop();
  rmSync(csvDir, { recursive: true, force: true });
}
