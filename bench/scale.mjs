// `npm run build && node bench/scale.mjs`: the whole dataset at 1x and at 10x (every table, no validation), to check
// that memory stays flat as the scale grows (target: peak RSS at 10x <= 1.2 x peak RSS at 1x).
// Each output is measured, then deleted at once. Env: SCALE_HIGH (10), BENCH_WORKERS (CPUs),
// PARTITION_BY (day). Exit code 1 when the memory target is missed. Writes bench/results/scale/<time>.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const high = Number(process.env.SCALE_HIGH ?? 10);
const workers = Number(process.env.BENCH_WORKERS ?? availableParallelism());
const layout = process.env.PARTITION_BY ?? 'day';
const work = join(tmpdir(), 'gen-parquet-scale');
if (!existsSync('/usr/bin/time')) throw new Error('needs GNU time (/usr/bin/time) for peak RSS');

function run(scale) {
  const out = join(work, `x${scale}`);
  rmSync(out, { recursive: true, force: true });
  const rssFile = join(work, 'rss.txt');
  const t0 = process.hrtime.bigint();
  const r = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      '-o',
      rssFile,
      'node',
      'dist/src/cli.js',
      '--scale',
      String(scale),
      '--out',
      out,
      '--workers',
      String(workers),
      '--partition-by',
      layout,
      '--no-validate',
      '--quiet',
      '--json',
    ],
    { encoding: 'utf8', cwd: root },
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`--scale ${scale} failed:\n${r.stderr}`);
  const tables = JSON.parse(r.stdout).tables;
  return {
    scale,
    seconds,
    peak_rss_mb: Number(readFileSync(rssFile, 'utf8').trim()) / 1024,
    rows: tables.reduce((a, t) => a + t.rows, 0),
    files: tables.reduce((a, t) => a + t.files, 0),
    disk_mb: tables.reduce((a, t) => a + t.bytes, 0) / 1e6,
    tables,
  };
}

mkdirSync(work, { recursive: true });
const runs = [run(1), run(high)];
rmSync(work, { recursive: true, force: true });
const rssRatio = runs[1].peak_rss_mb / runs[0].peak_rss_mb;
const result = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  command: 'node bench/scale.mjs',
  workers,
  partition_by: layout,
  runs,
  peak_rss_ratio: rssRatio,
};

const pad = (s, n) => String(s).padStart(n);
console.log(`whole dataset, ${workers} workers, --partition-by ${layout}, no validation`);
console.log(
  `${'scale'.padEnd(7)}${pad('rows', 13)}${pad('files', 8)}${pad('disk MB', 9)}${pad('seconds', 9)}${pad('rows/s', 11)}${pad('peak RSS MB', 13)}`,
);
for (const r of runs) {
  console.log(
    `${`${r.scale}x`.padEnd(7)}${pad(r.rows, 13)}${pad(r.files, 8)}${pad(r.disk_mb.toFixed(0), 9)}${pad(r.seconds.toFixed(1), 9)}${pad(Math.round(r.rows / r.seconds), 11)}${pad(r.peak_rss_mb.toFixed(0), 13)}`,
  );
}
const ok = rssRatio <= 1.2;
console.log(`peak RSS ${high}x / 1x: ${rssRatio.toFixed(2)} (target <= 1.2): ${ok ? 'met' : 'NOT met'}`);
const dir = join(root, 'bench', 'results', 'scale');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${file}`);
if (!ok) process.exitCode = 1;
