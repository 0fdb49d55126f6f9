// `npm run bench`: gen-parquet against DuckDB's own SQL generator (bench/reference.mjs) in the same
// run, A/B alternated; then the whole dataset per table (day and month files; the ecommerce and
// jaffle scenarios' too, and a one-day append to each), validation, and one
// task's time split by stage (bench/breakdown.mjs). Prints tables; writes bench/results/<time>.json
// and compares it with the previous result. Env: BENCH_RUNS (3), BENCH_SCALE (1), BENCH_WORKERS (CPUs).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const scale = Number(process.env.BENCH_SCALE ?? 1);
const workers = Number(process.env.BENCH_WORKERS ?? availableParallelism());
const rows = Math.round(10_000_000 * scale);
const work = join(tmpdir(), 'gen-parquet-bench');
const resultsDir = join(root, 'bench', 'results');
const hasTime = existsSync('/usr/bin/time');

/** Runs a command: wall seconds, peak RSS in MB (GNU time, when installed), stdout. */
function timed(args) {
  const rssFile = join(work, 'rss.txt');
  const cmd = hasTime ? ['/usr/bin/time', '-f', '%M', '-o', rssFile, ...args] : args;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd.slice(1), { encoding: 'utf8', cwd: root, maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed:\n${r.stderr}`);
  const rssMb = hasTime ? Number(readFileSync(rssFile, 'utf8').trim()) / 1024 : Number.NaN;
  return { seconds, rssMb, stdout: r.stdout };
}

function parquetStats(dir) {
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
const pad = (s, n) => String(s).padStart(n);
const cli = (out, ...args) => [
  'node',
  'dist/src/cli.js',
  '--scale',
  String(scale),
  '--out',
  out,
  '--no-validate',
  '--quiet',
  ...args,
];

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

// 1. tap_events: ours (N workers), the reference, ours (1 worker), alternated so drift hits all three.
const variants = {
  ours: (out) => cli(out, '--tables', 'tap_events', '--workers', String(workers)),
  reference: (out) => ['node', 'bench/reference.mjs', out, String(rows)],
  ours_1_worker: (out) => cli(out, '--tables', 'tap_events', '--workers', '1'),
};
const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(variants)) {
    const out = join(work, name);
    rmSync(out, { recursive: true, force: true });
    const t = timed(args(out));
    samples[name].push({ seconds: t.seconds, rssMb: t.rssMb, ...parquetStats(out) });
    rmSync(out, { recursive: true, force: true });
  }
  process.stderr.write(
    `run ${i + 1}/${runs}: ${Object.entries(samples)
      .map(([k, v]) => `${k} ${v[i].seconds.toFixed(2)} s`)
      .join(', ')}\n`,
  );
}
const summarize = (label, xs) => {
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
const pairRatio = (a, b) => median(samples[a].map((x, i) => samples[b][i].seconds / x.seconds));
const tap = [
  summarize(`gen-parquet, ${workers} workers`, samples.ours),
  summarize('reference: DuckDB SQL', samples.reference),
  summarize('gen-parquet, 1 worker', samples.ours_1_worker),
];

/** 2c. The next day on top of a backfill: new day files plus the mutable snapshots, against the backfill. */
function appendDay(out, backfillSeconds) {
  const a = timed([
    'node',
    'dist/src/cli.js',
    'append',
    '--out',
    out,
    '--days',
    '1',
    '--no-validate',
    '--quiet',
  ]);
  return { seconds: a.seconds, peak_rss_mb: a.rssMb, over_backfill: a.seconds / backfillSeconds };
}

// 2. The whole dataset, once per file layout, with per-table figures from --json.
const full = {};
for (const layout of ['day', 'month']) {
  const out = join(work, `full-${layout}`);
  const t = timed(cli(out, '--workers', String(workers), '--json', '--partition-by', layout));
  full[layout] = { seconds: t.seconds, peak_rss_mb: t.rssMb, tables: JSON.parse(t.stdout).tables };
  // 3. Validation of the default layout.
  if (layout === 'day') {
    const v = timed(['node', 'dist/src/cli.js', 'validate', '--out', out, '--json']);
    full.validation = { seconds: v.seconds, peak_rss_mb: v.rssMb, passed: JSON.parse(v.stdout).passed };
    full.tapflow_append_1_day = appendDay(out, t.seconds);
  }
  rmSync(out, { recursive: true, force: true });
}

// 2b. The ecommerce and jaffle scenarios' whole datasets (day files): rows/s per table next to TapFlow's.
for (const scenario of ['ecommerce', 'jaffle']) {
  const out = join(work, scenario);
  const t = timed(cli(out, '--scenario', scenario, '--workers', String(workers), '--json'));
  full[scenario] = { seconds: t.seconds, peak_rss_mb: t.rssMb, tables: JSON.parse(t.stdout).tables };
  full[`${scenario}_append_1_day`] = appendDay(out, t.seconds);
  rmSync(out, { recursive: true, force: true });
}

// 4. One task's time by stage, single-threaded, every fact table.
const stages = JSON.parse(
  timed(['env', 'BENCH_JSON=1', 'node', 'bench/breakdown.mjs', String(scale), '8'])
    .stdout.trim()
    .split('\n')
    .at(-1),
);

rmSync(work, { recursive: true, force: true });

const result = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  command: 'npm run bench',
  scale,
  workers,
  runs,
  tap_events: tap,
  ratio_reference_over_ours: pairRatio('ours', 'reference'),
  ratio_1_worker_over_n_workers: pairRatio('ours', 'ours_1_worker'),
  full_dataset: full,
  stages,
};

console.log(
  `tap_events at ${scale}x, ${runs} runs alternated; machine: ${result.machine.cpus} CPUs, ${result.machine.model}, Node ${result.machine.node}`,
);
console.log(
  `${'what'.padEnd(26)}${pad('rows', 11)}${pad('files', 7)}${pad('MB', 7)}${pad('s (median)', 11)}${pad('min-max', 13)}${pad('rows/s', 11)}${pad('MB/s', 6)}${pad('peak RSS MB', 12)}`,
);
for (const r of tap) {
  console.log(
    `${r.label.padEnd(26)}${pad(r.rows, 11)}${pad(r.files, 7)}${pad(r.mb.toFixed(1), 7)}${pad(r.seconds_median.toFixed(2), 11)}${pad(`${r.seconds_min.toFixed(2)}-${r.seconds_max.toFixed(2)}`, 13)}${pad(Math.round(r.rows_per_s), 11)}${pad(r.mb_per_s.toFixed(1), 6)}${pad(r.peak_rss_mb.toFixed(0), 12)}`,
  );
}
console.log(
  `reference time / gen-parquet time: ${result.ratio_reference_over_ours.toFixed(2)} (target >= 2.0); ` +
    `1 worker / ${workers} workers: ${result.ratio_1_worker_over_n_workers.toFixed(2)} (target >= 1.8); medians of pairs`,
);
for (const layout of ['day', 'month', 'ecommerce', 'jaffle']) {
  const f = full[layout];
  const what =
    layout === 'ecommerce' || layout === 'jaffle' ? `--scenario ${layout}` : `--partition-by ${layout}`;
  console.log(
    `\nwhole dataset at ${scale}x, ${what}, ${workers} workers, no validation: ${f.seconds.toFixed(1)} s, peak RSS ${f.peak_rss_mb.toFixed(0)} MB`,
  );
  console.log(
    `${'table'.padEnd(20)}${pad('rows', 11)}${pad('files', 7)}${pad('MB', 7)}${pad('avg KB', 8)}${pad('seconds', 9)}${pad('rows/s', 11)}${pad('MB/s', 6)}`,
  );
  for (const t of f.tables) {
    console.log(
      `${t.table.padEnd(20)}${pad(t.rows, 11)}${pad(t.files, 7)}${pad((t.bytes / 1e6).toFixed(1), 7)}${pad((t.bytes / t.files / 1e3).toFixed(0), 8)}${pad(t.seconds.toFixed(2), 9)}${pad(Math.round(t.rows / t.seconds), 11)}${pad((t.bytes / 1e6 / t.seconds).toFixed(1), 6)}`,
    );
  }
}
for (const [scenario, backfill] of [
  ['tapflow', full.day],
  ['ecommerce', full.ecommerce],
  ['jaffle', full.jaffle],
]) {
  const ap = full[`${scenario}_append_1_day`];
  console.log(
    `${scenario} append of one day: ${ap.seconds.toFixed(1)} s, peak RSS ${ap.peak_rss_mb.toFixed(0)} MB, ${(100 * ap.over_backfill).toFixed(1)} % of its ${backfill.seconds.toFixed(1)} s backfill (target <= 15 %)`,
  );
}
console.log(
  `validation of the day layout: ${full.validation.seconds.toFixed(1)} s, peak RSS ${full.validation.peak_rss_mb.toFixed(0)} MB, ${full.validation.passed ? 'passed' : 'FAILED'}`,
);
console.log('\none task by stage, one thread (ms per million rows):');
console.log(
  `${'table'.padEnd(20)}${pad('generate', 9)}${pad('arrow', 7)}${pad('parquet', 9)}${pad('file i/o', 9)}${pad('ms/file', 9)}`,
);
for (const s of stages) {
  const per = (ms) => pad(((ms / s.rows) * 1e6).toFixed(0), 0);
  console.log(
    `${s.table.padEnd(20)}${pad(per(s.generateMs), 9)}${pad(per(s.arrowMs), 7)}${pad(per(s.encodeMs), 9)}${pad(per(s.filesMs), 9)}${pad((s.total / s.files).toFixed(2), 9)}`,
  );
}

// 5. Against the previous result on this machine: ratios, which survive a noisy machine better than times.
mkdirSync(resultsDir, { recursive: true });
const previous = readdirSync(resultsDir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .at(-1);
if (previous) {
  const p = JSON.parse(readFileSync(join(resultsDir, previous), 'utf8'));
  const was = p.ratio_reference_over_ours ?? p.ratio_reference_over_ours_median;
  console.log(
    `\nvs ${previous}: reference/ours ${was?.toFixed(2)} → ${result.ratio_reference_over_ours.toFixed(2)}` +
      (p.full_dataset?.day
        ? `; whole dataset ${p.full_dataset.day.seconds.toFixed(1)} → ${full.day.seconds.toFixed(1)} s`
        : ''),
  );
}
const file = join(resultsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
console.log(`wrote ${file}`);
