// `npm run bench`: times gen-parquet against DuckDB's own SQL generator in the same run, A/B/A/B,
// and prints medians, the ratio, rows/s, MB/s and peak RSS. Results also go to bench/results/.
// Options (env): BENCH_RUNS (default 3), BENCH_SCALE (default 1), BENCH_WORKERS (default: CPUs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const scale = Number(process.env.BENCH_SCALE ?? 1);
const workers = Number(process.env.BENCH_WORKERS ?? availableParallelism());
const rows = Math.round(10_000_000 * scale);
const work = join(tmpdir(), 'gen-parquet-bench');
const hasTime = existsSync('/usr/bin/time');

/** Runs a command, returning wall seconds and peak RSS (MB, via GNU time when installed). */
function timed(args) {
  const rssFile = join(work, 'rss.txt');
  const cmd = hasTime ? ['/usr/bin/time', '-f', '%M', '-o', rssFile, ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', cwd: root });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stderr}`);
  const rssMb = hasTime ? Number(readText(rssFile)) / 1024 : Number.NaN;
  return { seconds, rssMb };
}

function readText(path) {
  return spawnSync('cat', [path], { encoding: 'utf8' }).stdout.trim();
}

function folderStats(dir) {
  let files = 0;
  let bytes = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith('.parquet')) {
      files++;
      bytes += statSync(join(e.parentPath, e.name)).size;
    }
  }
  return { files, bytes };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const ours = [];
const reference = [];
for (let i = 0; i < runs; i++) {
  const outA = join(work, 'ours');
  const outB = join(work, 'reference');
  rmSync(outA, { recursive: true, force: true });
  rmSync(outB, { recursive: true, force: true });
  ours.push({
    ...timed([
      'node',
      'dist/src/cli.js',
      '--scale',
      String(scale),
      '--tables',
      'tap_events',
      '--out',
      outA,
      '--workers',
      String(workers),
      '--no-validate',
    ]),
    ...folderStats(join(outA, 'tap_events')),
  });
  reference.push({ ...timed(['node', 'bench/reference.mjs', outB, String(rows)]), ...folderStats(outB) });
  process.stderr.write(
    `run ${i + 1}/${runs}: gen-parquet ${ours[i].seconds.toFixed(2)} s, reference ${reference[i].seconds.toFixed(2)} s\n`,
  );
}
// Then the whole dataset once, every table, with per-table figures from --json, and validation timed apart.
const full = join(work, 'full');
const fullRun = spawnSync(
  'node',
  [
    'dist/src/cli.js',
    '--scale',
    String(scale),
    '--out',
    full,
    '--workers',
    String(workers),
    '--no-validate',
    '--json',
    '--quiet',
  ],
  { encoding: 'utf8', cwd: root },
);
if (fullRun.status !== 0) throw new Error(`full run failed:\n${fullRun.stderr}`);
const fullSummary = JSON.parse(fullRun.stdout);
const validation = timed(['node', 'dist/src/cli.js', 'validate', '--out', full, '--json']);
rmSync(work, { recursive: true, force: true });

const summary = (label, xs) => {
  const s = median(xs.map((x) => x.seconds));
  return {
    label,
    rows,
    files: xs[0].files,
    mb: xs[0].bytes / 1e6,
    seconds_median: s,
    seconds_min: Math.min(...xs.map((x) => x.seconds)),
    seconds_max: Math.max(...xs.map((x) => x.seconds)),
    rows_per_s: rows / s,
    mb_per_s: xs[0].bytes / 1e6 / s,
    peak_rss_mb: median(xs.map((x) => x.rssMb)),
  };
};
const a = summary('gen-parquet (tap_events)', ours);
const b = summary('reference: DuckDB SQL', reference);
const ratios = ours.map((x, i) => reference[i].seconds / x.seconds);
const result = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  scale,
  workers,
  runs,
  results: [a, b],
  ratio_reference_over_ours_median: median(ratios),
  full_dataset: { seconds: fullSummary.seconds, tables: fullSummary.tables },
  validation_seconds: validation.seconds,
};

const pad = (s, n) => String(s).padStart(n);
console.log(
  `tap_events at ${scale}x, ${workers} workers, ${runs} runs (A/B alternated); machine: ${result.machine.cpus} CPUs, ${result.machine.model}, Node ${result.machine.node}`,
);
console.log(
  `${'what'.padEnd(26)}${pad('rows', 12)}${pad('files', 7)}${pad('MB', 8)}${pad('s (median)', 12)}${pad('min-max', 14)}${pad('rows/s', 12)}${pad('MB/s', 7)}${pad('peak RSS MB', 13)}`,
);
for (const r of [a, b]) {
  console.log(
    `${r.label.padEnd(26)}${pad(r.rows, 12)}${pad(r.files, 7)}${pad(r.mb.toFixed(1), 8)}${pad(r.seconds_median.toFixed(2), 12)}${pad(`${r.seconds_min.toFixed(2)}-${r.seconds_max.toFixed(2)}`, 14)}${pad(Math.round(r.rows_per_s), 12)}${pad(r.mb_per_s.toFixed(1), 7)}${pad(r.peak_rss_mb.toFixed(0), 13)}`,
  );
}
console.log(
  `ratio reference time / gen-parquet time (median of pairs): ${result.ratio_reference_over_ours_median.toFixed(2)}`,
);
console.log(
  `\nwhole dataset at ${scale}x (one run, ${workers} workers, no validation): ${fullSummary.seconds.toFixed(1)} s`,
);
console.log(
  `${'table'.padEnd(20)}${pad('rows', 12)}${pad('files', 7)}${pad('MB', 8)}${pad('seconds', 9)}${pad('rows/s', 12)}`,
);
for (const t of fullSummary.tables) {
  console.log(
    `${t.table.padEnd(20)}${pad(t.rows, 12)}${pad(t.files, 7)}${pad((t.bytes / 1e6).toFixed(1), 8)}${pad(t.seconds.toFixed(2), 9)}${pad(Math.round(t.rows / t.seconds), 12)}`,
  );
}
console.log(
  `validation of that output (gen-parquet validate): ${validation.seconds.toFixed(1)} s, peak RSS ${validation.rssMb.toFixed(0)} MB`,
);
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const file = join(
  root,
  'bench',
  'results',
  `tap_events-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${file}`);
