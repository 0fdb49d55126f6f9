// Parquet writers compared in one run on this machine, for the README's "Why these dependencies": the
// same tap_events-shaped rows (bench/writers/data.mjs) written by DuckDB through the project's sink,
// parquet-wasm (Rust's arrow writer), hyparquet-writer and @dsnp/parquetjs, each in its own child
// process (so peak RSS is per writer), then read back by DuckDB: exact timestamps (UTC µs), decimals,
// nulls. A writer that cannot be loaded or fails is reported, not fatal.
// Usage (after `npm run build`): node bench/writers.mjs [ROWS=1000000] [--file-rows N] [--writers a,b] [--keep]
//   --file-rows N   split the rows into files of N rows (the day files' case: e.g. 5000); default one file
//   --writers a,b   only these candidates (ids as printed)
//   --keep          keep the written files (printed folder) instead of deleting them
// Children run with TZ=America/Los_Angeles, so a writer that goes through local time shows up in the
// read-back. Writes bench/results/writers/<time>.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const root = join(import.meta.dirname, '..');
const args = process.argv.slice(2);
const flag = (name) => {
  const k = args.indexOf(name);
  return k < 0 ? undefined : args.splice(k, 2)[1];
};
const keep = args.includes('--keep') && args.splice(args.indexOf('--keep'), 1);
const fileRowsArg = flag('--file-rows');
const only = flag('--writers')?.split(',');
const rows = Number(args[0] ?? 1_000_000);
const fileRows = Number(fileRowsArg ?? rows);
if (!Number.isInteger(rows) || rows < 1 || !Number.isInteger(fileRows) || fileRows < 1) {
  console.error('usage: node bench/writers.mjs [ROWS ≥ 1] [--file-rows N ≥ 1] [--writers a,b] [--keep]');
  process.exit(2);
}
if (!existsSync(join(root, 'dist', 'src', 'sink', 'parquetSink.js'))) {
  console.error('bench/writers.mjs: dist/ is missing: run `npm run build` first');
  process.exit(2);
}
// Imported once dist/ is known to exist (they use the project's built code).
const { CANDIDATES } = await import('./writers/candidates.mjs');
const { makeBatch } = await import('./writers/data.mjs');
const { expectations, readBack } = await import('./writers/readBack.mjs');
const candidates = CANDIDATES.filter((c) => !only || only.includes(c.id));
if (!candidates.length) {
  console.error(`--writers: none of ${only} (candidates: ${CANDIDATES.map((c) => c.id).join(', ')})`);
  process.exit(2);
}
const timeoutSeconds = Number(process.env.WRITER_TIMEOUT_S ?? 1800);

const versionOf = (pkg) => {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
};

const { batch, cents } = makeBatch(rows);
const exp = expectations(batch, cents);
const out = mkdtempSync(join(tmpdir(), 'gen-parquet-writers-'));
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const con = await instance.connect();
const results = [];
console.error(
  `${rows.toLocaleString('en-US')} rows in files of ${fileRows.toLocaleString('en-US')}; output in ${out}`,
);
for (const c of candidates) {
  const dir = join(out, c.id);
  mkdirSync(dir);
  console.error(`${c.id} …`);
  const child = spawnSync(
    process.execPath,
    [join(root, 'bench', 'writers', 'child.mjs'), c.id, String(rows), String(fileRows), dir],
    {
      encoding: 'utf8',
      env: { ...process.env, TZ: 'America/Los_Angeles' },
      timeout: timeoutSeconds * 1000,
      maxBuffer: 1 << 24,
    },
  );
  const line = child.stdout?.trim().split('\n').pop();
  let run;
  try {
    run = JSON.parse(line);
  } catch {
    const why = child.error?.message ?? child.stderr?.trim().split('\n').slice(-3).join(' ');
    run = { ok: false, stage: 'crash', error: `exit ${child.status ?? child.signal}: ${why}` };
  }
  const result = {
    id: c.id,
    pkg: c.pkg,
    version: versionOf(c.pkg),
    how: c.how,
    codec: c.codec,
    zstd: c.zstd,
    ...run,
  };
  if (run.ok) {
    try {
      Object.assign(result, await readBack(con, dir, exp));
      result.rowsPerSecond = rows / run.writeSeconds;
    } catch (err) {
      Object.assign(result, { ok: false, stage: 'read-back', error: String(err.message).split('\n')[0] });
    }
  }
  results.push(result);
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
con.closeSync();
instance.closeSync();
if (!keep) rmSync(out, { recursive: true, force: true });

const yes = (b) => (b ? 'yes' : 'NO');
const fmt = (x, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const when = new Date().toISOString();
console.log(
  `\nParquet writers, ${fmt(rows)} rows in ${results.find((r) => r.files)?.files ?? '?'} file(s), ${when.slice(0, 16)} UTC, ` +
    `${cpus()[0]?.model.trim()}, Node ${process.versions.node}\n`,
);
console.log(
  '| writer | version | codec | ZSTD | rows/s | write s | peak RSS MB | RSS before write MB | output MB | UTC timestamps | decimals | nulls |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  if (!r.ok) {
    console.log(
      `| ${r.id} | ${r.version} | ${r.codec} | ${r.zstd.split(':')[0]} | failed (${r.stage}): ${r.error} | | | | | | | |`,
    );
    continue;
  }
  const tsNote = r.utcTimestamps
    ? 'yes'
    : r.tsValuesExact
      ? `values exact, read as ${r.duckTypes.event_ts}`
      : 'NO';
  const decNote = r.decimals
    ? 'yes'
    : r.decimalExact
      ? `values exact, read as ${r.duckTypes.price_usd}`
      : `NO: ${r.decimalWrongRows} of ${r.sampleRows} sample values wrong`;
  console.log(
    `| ${r.id} | ${r.version} | ${r.codecs.join('+')} | ${r.zstd.split(':')[0]} | ${fmt(r.rowsPerSecond)} | ${fmt(r.writeSeconds, 2)} | ` +
      `${fmt(r.peakRssMb)} | ${fmt(r.rssBeforeMb)} | ${fmt(r.bytes / 1048576, 1)} | ${tsNote} | ${decNote} | ${yes(r.nullsExact)} |`,
  );
}
console.log('');
for (const r of results) {
  console.log(`${r.id}: ${r.how}`);
  if (r.ok) {
    console.log(
      `  Parquet types: event_ts ${r.parquetTypes.event_ts}; price_usd ${r.parquetTypes.price_usd}`,
    );
    console.log(`  strings encoded as ${r.stringEncodings.join(' | ')}; rows read back ${fmt(r.rows)}`);
    if (r.mismatches.length) console.log(`  mismatches: ${r.mismatches.join('; ')}`);
  }
  if (!r.zstd.startsWith('yes')) console.log(`  ZSTD ${r.zstd}`);
}

const resultsDir = join(root, 'bench', 'results', 'writers');
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, `${when.replace(/[:.]/g, '-')}.json`);
writeFileSync(
  file,
  `${JSON.stringify({ when, rows, fileRows, cpu: cpus()[0]?.model.trim(), node: process.versions.node, results }, null, 2)}\n`,
);
console.error(`\nJSON: ${file}`);
