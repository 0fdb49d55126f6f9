/**
 * `--part k/n` and `commit` through the CLI. For every pack at its smallest scale: parts 1..4 of 4 as
 * four concurrent processes, started in a shuffled order, commit to the same files (sha256) and the
 * same manifest (bytes) as one unpartitioned run: the committed folder is the single run's, file for
 * file, so validate, load and append see no difference. Then, on TapFlow: a missing part is named,
 * a part made with another --set is refused at commit, so is a file gone since its part finished; a
 * part killed with -9 and run again gives the same bytes, and as the last part commits, writes the
 * Iceberg metadata and validates; parts refuse to share a folder with a run, a commit, parts of
 * another n or a second process of the same part.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { parseOverride } from '../../src/config/overrides.js';
import { UsageError } from '../../src/errors.js';
import { addIcebergMetadata } from '../../src/iceberg/writeIceberg.js';
import { commitParts } from '../../src/run/commit.js';
import { runParams } from '../../src/run/coordinator.js';
import { startTimeOf } from '../../src/run/lock.js';
import { openForAppend, openOutputDir } from '../../src/run/outputDir.js';
import { generatePart } from '../../src/run/part.js';
import { Progress } from '../../src/run/progress.js';
import { findScenario, SCENARIOS } from '../../src/scenarios/registry.js';
import { resolveWindow } from '../../src/time/window.js';
import { runCli, tempDir } from '../helpers.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');
const root = tempDir('parts');
/**
 * 200 days instead of TapFlow's 622 and ecommerce's 365 (a third of the files), jaffle its own 30:
 * TapFlow's shortest round window whose validation passes (at 120 days a device type has no maintenance).
 */
const DAYS = 200;
const base = (scenario: string, scale: number) => [
  '--scenario',
  scenario,
  '--scale',
  String(scale),
  ...(scenario === 'jaffle' ? [] : ['--days', String(DAYS)]),
  '--no-validate',
  '--workers',
  '1',
  '--quiet',
];
const TAPFLOW = base('tapflow', 0.001);
/** A fixed shuffle: parts start in this order, all at once. */
const ORDER = [3, 1, 4, 2];

function start(args: readonly string[]): {
  child: ChildProcess;
  done: Promise<{ code: number | null; stderr: string }>;
} {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stderr: string }>((r) =>
    child.on('exit', (code) => r({ code, stderr })),
  );
  return { child, done };
}

const expectRefused = (run: { status: number | null; stderr: string }, message: RegExp) => {
  expect(run.status, run.stderr).toBe(2);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
};

/** Relative path → sha256 of every file under `dir` but the lock and the validation report. */
function digests(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || e.name === '_validation.json') continue;
    const path = join(e.parentPath, e.name);
    out[path.slice(dir.length + 1)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}

/** Runs `parts` of n as concurrent processes into `out`; resolves when all have exited, with their results. */
async function parts(args: readonly string[], out: string, ks: readonly number[], n = 4) {
  const runs = ks.map((k) => start([...args, '--part', `${k}/${n}`, '--out', out]));
  return Promise.all(runs.map((r) => r.done));
}

/** Copies part `k` of n's record and files from `from` into `to`, as a shared folder would receive them. */
function copyPart(from: string, to: string, k: number, n: number) {
  const record = JSON.parse(readFileSync(join(from, '_parts', `${k}-of-${n}.json`), 'utf8'));
  for (const f of [...record.files.map((x: { path: string }) => x.path), `_parts/${k}-of-${n}.json`]) {
    mkdirSync(dirname(join(to, f)), { recursive: true });
    cpSync(join(from, f), join(to, f));
  }
}

const three = join(root, 'three');
const otherSet = join(root, 'other-set');
type Exit = { code: number | null; stderr: string };
/** Each folder's processes' exits. */
const exits = new Map<string, Exit[]>();

// Every process the tests start from scratch, all at once: the machine's cores stay busy.
beforeAll(async () => {
  const runs: [string, Promise<Exit[]>][] = [];
  for (const pack of SCENARIOS) {
    const args = base(pack.name, pack.minScale);
    runs.push([
      `${pack.name}-single`,
      start([...args, '--out', join(root, `${pack.name}-single`)]).done.then((e) => [e]),
    ]);
    runs.push([`${pack.name}-parts`, parts(args, join(root, `${pack.name}-parts`), ORDER)]);
  }
  runs.push([three, parts(TAPFLOW, three, [1, 2, 4])]);
  runs.push([otherSet, parts([...TAPFLOW, '--set', 'tap_events.rows=9000'], otherSet, [3])]);
  for (const [key, done] of runs) exits.set(key, await done);
  for (const [key, results] of exits) for (const r of results) expect(r.code, `${key}: ${r.stderr}`).toBe(0);
});

describe.each(SCENARIOS.map((p) => [p.name] as const))('%s in 4 parts', (name) => {
  const single = join(root, `${name}-single`);
  const parted = join(root, `${name}-parts`);

  it('four concurrent parts, shuffled, commit to the single run: every file and the manifest', () => {
    expect(exits.get(`${name}-parts`)).toHaveLength(4);
    expect(existsSync(join(parted, '_SUCCESS'))).toBe(true);
    expect(existsSync(join(parted, '_parts'))).toBe(false);
    expect(existsSync(join(parted, '_tmp'))).toBe(false);
    const expected = digests(single);
    expect(Object.keys(expected).length).toBeGreaterThan(100);
    // Every file of the folder, _SUCCESS included: validate, load and append see the single run's folder.
    expect(digests(parted)).toEqual(expected);
    expect(readFileSync(join(parted, '_manifest.json'), 'utf8')).toBe(
      readFileSync(join(single, '_manifest.json'), 'utf8'),
    );
  });
});

/** Part k of n of TapFlow at 0.001x over DAYS, in this process (only refused here: workers need the built files). */
const tapflow = findScenario('tapflow');
const optionsOf = (out: string, set: readonly string[]) => {
  const loaded = loadConfig(tapflow.configFile, tapflow.configSchema, set.map(parseOverride));
  return {
    pack: tapflow,
    loaded,
    window: resolveWindow(tapflow.window.of(loaded.config), DAYS),
    scale: 0.001,
    seed: 42,
    outDir: out,
    workers: 1,
    tables: tapflow.tables.map((t) => t.name),
    compression: 'zstd' as const,
    rowGroupRows: 122_880,
    partitionBy: 'day' as const,
    progress: new Progress('quiet', () => {}),
  };
};
const partOf = (out: string, k: number, n: number, set: readonly string[] = []) =>
  generatePart({ ...optionsOf(out, set), part: { k, n }, tableFormat: 'none' });
/** The promise fails with a UsageError (the CLI's one line, exit 2) whose message matches. */
async function refused(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UsageError);
  expect((err as Error).message).toMatch(message);
}

describe('tapflow: missing, inconsistent, damaged and killed parts', () => {
  const single = join(root, 'tapflow-single');

  it('commit names a missing part: one line, exit 2', () => {
    expectRefused(
      runCli(['commit', '--out', three]),
      /^gen-parquet: --out .*three: cannot commit: missing part 3 of 4; run each with --part k\/4, then commit$/,
    );
    expect(existsSync(join(three, '_manifest.json'))).toBe(false);
  });

  it('a part made with another --set: refused when it starts beside the others, and at commit', async () => {
    await refused(
      partOf(three, 3, 4, ['tap_events.rows=9000']),
      /^--out .*three: part 1\/4 there was made with other parameters: config_sha256 .*; run every part with the same options, or choose another --out$/,
    );
    // Parts that started together on a shared folder each see no other yet: the commit catches it.
    const mixed = join(root, 'mixed');
    cpSync(three, mixed, { recursive: true });
    copyPart(otherSet, mixed, 3, 4);
    await refused(
      commitParts(mixed),
      /^--out .*mixed: cannot commit: part 3 differs from part 1 in config_sha256 \(.*\); config_set \(part 1: undefined, part 3: \["tap_events.rows=9000"\]\); the plan's expected answers$/,
    );
    expect(existsSync(join(mixed, '_SUCCESS'))).toBe(false);
  });

  it('kill -9 mid-part and files damaged since their part finished: named; the parts run again give the single run, Iceberg metadata and validation at commit', async () => {
    const iceberg = ['--table-format', 'iceberg', '--table-location', 's3://bucket/tapflow'];
    const out = join(root, 'killed');
    cpSync(three, out, { recursive: true });
    // The parts there were made without Iceberg: record them as made with it, as these options would.
    for (const k of [1, 2, 4]) {
      const path = join(out, '_parts', `${k}-of-4.json`);
      const record = JSON.parse(readFileSync(path, 'utf8'));
      writeFileSync(
        path,
        JSON.stringify({ ...record, table_format: 'iceberg', table_location: 's3://bucket/tapflow' }),
      );
    }
    const [gone, changed] = JSON.parse(readFileSync(join(out, '_parts', '2-of-4.json'), 'utf8')).files.slice(
      -2,
    );
    rmSync(join(out, gone.path));
    writeFileSync(join(out, changed.path), 'short');

    const journal = join(out, '_parts', '3-of-4.progress.jsonl');
    const run = start([...TAPFLOW, ...iceberg, '--part', '3/4', '--out', out]);
    const lines = () => (existsSync(journal) ? readFileSync(journal, 'utf8').split('\n').length : 0);
    while (lines() < 8) await new Promise((r) => setTimeout(r, 10));
    run.child.kill('SIGKILL');
    await run.done;
    expect(existsSync(join(out, '_parts', '3-of-4.json'))).toBe(false);
    await refused(
      commitParts(out),
      /cannot commit: missing part 3 of 4 \(3 stopped before finishing\); run each with --part k\/4, then commit$/,
    );
    // Part 3 again: it resumes, records, and as the last part commits, which finds part 2's files.
    const third = runCli([...TAPFLOW, ...iceberg, '--part', '3/4', '--out', out]);
    expect(third.status).toBe(2);
    expect(third.stderr.trim()).toBe(
      `gen-parquet: --out ${out}: cannot commit: ${gone.path} of part 2 (missing), ${changed.path} of part 2 (5 bytes, not ${changed.bytes}); re-run those parts with --part k/4 (they write what is missing), then commit`,
    );
    // The same records with part 2's files put back, and a file no part wrote: named, never committed over.
    const stray = join(root, 'stray');
    cpSync(out, stray, { recursive: true });
    for (const f of [gone, changed]) cpSync(join(three, f.path), join(stray, f.path));
    const extra = 'tap_events/event_date=2099-01-01/part-00000.parquet';
    mkdirSync(dirname(join(stray, extra)), { recursive: true });
    writeFileSync(join(stray, extra), 'not ours');
    await refused(
      commitParts(stray),
      new RegExp(
        `cannot commit: holds files no part wrote \\(${extra}\\); move them out of the folder \\(gen-parquet never deletes them\\), then commit$`,
      ),
    );
    rmSync(join(stray, extra));
    expect((await commitParts(stray)).kind).toBe('committed');
    expect(digests(stray)).toEqual(digests(single));
    // Part 2 again, validation on: its record's files are checked by sha256, the two made again; it commits and validates.
    const validating = TAPFLOW.filter((a) => a !== '--no-validate');
    const second = runCli([...validating, ...iceberg, '--part', '2/4', '--out', out, '--json']);
    expect(second.status, second.stderr).toBe(0);
    const summary = JSON.parse(second.stdout);
    expect(summary.written).toBe('written');
    expect(summary.tables.map((t: { reused: number; files: number }) => t.files - t.reused)).toEqual([2]);
    expect(summary.commit).toEqual({ kind: 'committed' });
    expect(summary.iceberg.tables.length).toBeGreaterThan(5);
    expect(summary.validation).toEqual({ passed: true, failed: [] });
    const withMetadata = join(root, 'single-iceberg');
    cpSync(single, withMetadata, { recursive: true });
    await addIcebergMetadata(withMetadata, () => tapflow, 's3://bucket/tapflow');
    expect(digests(out)).toEqual(digests(withMetadata));
    // A part run again on the finished dataset has nothing to do, and leaves no _parts/ behind.
    expect((await partOf(out, 3, 4)).kind).toBe('complete');
    expect(existsSync(join(out, '_parts'))).toBe(false);
    // A commit stopped while removing _parts/ (after _SUCCESS): the next commit finishes it.
    mkdirSync(join(out, '_parts'));
    cpSync(join(three, '_parts', '1-of-4.json'), join(out, '_parts', '1-of-4.json'));
    expect((await commitParts(out)).kind).toBe('finished');
    expect(existsSync(join(out, '_parts'))).toBe(false);
    expect(digests(out)).toEqual(digests(withMetadata));
  });
});

describe('tapflow: who may write beside parts', () => {
  // Parts 1, 2 and 4 of 4, part 3 not started.
  const out = join(root, 'sharing');
  beforeAll(() => cpSync(three, out, { recursive: true }));
  const live = () =>
    `${JSON.stringify({ pid: process.pid, start: startTimeOf(process.pid), host: hostname() })}\n`;

  it('a run without --part, and an append, are refused beside parts', async () => {
    const beside = (what: string) =>
      new RegExp(
        `holds parts of a partitioned run \\(_parts/: 1/4, 2/4, 4/4\\); ${what} cannot write beside them: run the missing parts with --part k/n, then gen-parquet commit --out .*, or choose another --out$`,
      );
    const options = optionsOf(out, []);
    const params = runParams(options);
    for (const force of [false, true])
      await refused(openOutputDir(out, force, params), beside('a run without --part'));
    await refused(openForAppend(out, params), beside('append'));
  });

  it('a part of another n is refused', async () => {
    await refused(
      partOf(out, 1, 3),
      /holds parts of 4 \(_parts\/1-of-4.json\), and this is part 1\/3; the parts of one folder must all be of the same n: run --part k\/4, or choose another --out$/,
    );
  });

  it('a second process of the same part is refused; a commit waits for a running part', async () => {
    writeFileSync(join(out, '_parts', '3-of-4.lock'), live());
    await refused(
      partOf(out, 3, 4),
      /^--out .*: another gen-parquet \(pid \d+\) is writing to it; wait for it or choose another --out/,
    );
    await refused(
      commitParts(out),
      /cannot commit: part 3\/4: another gen-parquet \(pid \d+\) is writing to it; commit when it has finished$/,
    );
    expect(await commitParts(out, { auto: true })).toEqual({
      kind: 'waiting',
      why: expect.stringMatching(/^part 3\/4: another gen-parquet/),
    });
  });

  it("a part's lock from another host is held until untouched for 10 minutes (a retried pod or array task takes it over)", async () => {
    const lock = join(out, '_parts', '3-of-4.lock');
    writeFileSync(lock, `${JSON.stringify({ pid: 1, host: 'elsewhere' })}\n`);
    await refused(
      commitParts(out),
      /cannot commit: part 3\/4: gen-parquet \(pid 1\) on host elsewhere may be writing to it, which this host cannot check \(its lock is taken over once untouched for 10 minutes\); commit when it has finished$/,
    );
    const past = new Date(Date.now() - 11 * 60_000);
    utimesSync(lock, past, past);
    await refused(
      commitParts(out),
      /cannot commit: missing part 3 of 4; run each with --part k\/4, then commit$/,
    );
  });

  it('a part is refused while a run without --part or a commit holds the folder', async () => {
    writeFileSync(join(out, '_lock'), live());
    await refused(
      partOf(out, 3, 4),
      /another gen-parquet \(pid \d+\) is writing to it \(a run without --part, or a commit\); wait for it, or choose another --out$/,
    );
  });
});
