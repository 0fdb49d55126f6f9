import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../src/run/manifest.js';
import { runCli, tempDir } from './helpers.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');
const root = tempDir('reliability');
// A 60-day window: the same rows in ~185 files instead of ~2,200, whose per-file cost made most
// of each run's time (9.3 s CPU against 6.1 s); 40 journal lines are still mid-run.
const ARGS = ['--scale', '0.03x', '--days', '60', '--no-validate', '--workers', '2'];
const files = (out: string) =>
  (JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8')) as Manifest).files;
const journalLines = (out: string) => {
  try {
    return readFileSync(join(out, '_progress.jsonl'), 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
};
/** Anything under a temporary name: the _tmp folder, a *.tmp file, or an older version's .tmp-* folder. */
const temporaries = (out: string) =>
  readdirSync(out, { recursive: true }).filter((p) =>
    /(^|\/)(_tmp|\.tmp-[^/]*)(\/|$)|\.tmp$/.test(String(p)),
  );

/** Starts a run and sends `signal` once the journal holds `lines` entries; resolves with the exit code and stderr. */
function interrupt(
  out: string,
  signal: NodeJS.Signals,
  lines: number,
): Promise<{ code: number | null; sig: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...ARGS, '--out', out], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      if (journalLines(out) >= lines) {
        clearInterval(poll);
        child.kill(signal);
      }
    }, 20);
    child.on('exit', (code, sig) => {
      clearInterval(poll);
      resolve({ code, sig, stderr });
    });
  });
}

describe('crash, interrupt and resume', () => {
  const reference = join(root, 'reference');
  it('an uninterrupted run for reference', () => {
    expect(runCli([...ARGS, '--out', reference]).status).toBe(0);
  });

  it('SIGKILL mid-run, then the same command: finishes with byte-identical files', async () => {
    const out = join(root, 'killed');
    const killed = await interrupt(out, 'SIGKILL', 40);
    expect(killed.sig).toBe('SIGKILL');
    expect(existsSync(join(out, '_SUCCESS'))).toBe(false);
    const resumed = runCli([...ARGS, '--out', out]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resuming: \d+ files of an interrupted run verified and kept/);
    expect(files(out)).toEqual(files(reference));
    expect(temporaries(out)).toEqual([]);
  });

  it('SIGINT: exits 130 with one line on how to resume, leaves no temporary file and no _SUCCESS', async () => {
    const out = join(root, 'interrupted');
    const stopped = await interrupt(out, 'SIGINT', 40);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr.trim().split('\n').at(-1)).toBe(
      'gen-parquet: interrupted; no partial file was kept. Run the same command again to resume where it stopped.',
    );
    expect(temporaries(out)).toEqual([]);
    expect(existsSync(join(out, '_SUCCESS'))).toBe(false);
    expect(runCli([...ARGS, '--out', out]).status).toBe(0);
    expect(files(out)).toEqual(files(reference));
  });

  it('re-does a journaled file whose bytes no longer match', () => {
    const out = join(root, 'tampered');
    expect(runCli([...ARGS, '--out', out]).status).toBe(0);
    // Make the folder look interrupted, with one journaled file damaged.
    const manifest = JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8')) as Manifest;
    const params = {
      generator: manifest.generator,
      scenario: manifest.scenario,
      seed: manifest.seed,
      scale: manifest.scale,
      config_sha256: manifest.config_sha256,
      tables: manifest.tables,
      compression: manifest.compression,
      row_group_rows: manifest.row_group_rows,
      partition_by: manifest.partition_by,
      window: manifest.window,
    };
    writeFileSync(
      join(out, '_progress.jsonl'),
      `${[JSON.stringify({ params }), ...manifest.files.map((f) => JSON.stringify(f))].join('\n')}\n`,
    );
    const victim = manifest.files.find((f) => f.table === 'tap_events')!;
    writeFileSync(join(out, victim.path), 'not parquet');
    const rerun = runCli([...ARGS, '--out', out]);
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(new RegExp(`resuming: ${manifest.files.length - 1} files`));
    expect(files(out)).toEqual(files(reference));
  });
});

describe('one writer per folder', () => {
  it('refuses a second run while one is running', async () => {
    const out = join(root, 'locked');
    const first = spawn(process.execPath, [CLI, ...ARGS, '--out', out], { stdio: 'ignore' });
    while (!existsSync(join(out, '_lock'))) await new Promise((r) => setTimeout(r, 20));
    const second = runCli([...ARGS, '--out', out]);
    await new Promise((r) => first.on('exit', r));
    expect(second.status).toBe(2);
    expect(second.stderr.trim()).toMatch(
      /^gen-parquet: --out .*: another gen-parquet \(pid \d+\) is writing to it/,
    );
  });

  it('takes over a lock left by a crashed run', () => {
    const out = join(root, 'stale');
    expect(runCli([...ARGS, '--out', out, '--tables', 'accounts']).status).toBe(0);
    writeFileSync(join(out, '_lock'), '999999999');
    expect(runCli([...ARGS, '--out', out, '--tables', 'accounts']).status).toBe(0);
    expect(existsSync(join(out, '_lock'))).toBe(false);
  });
});

describe('faults', () => {
  it('a failing task fails the run cleanly, naming its files, with no _SUCCESS', async () => {
    const out = join(root, 'faulty');
    await interrupt(out, 'SIGKILL', 5);
    // A folder where a Parquet file must go (a file there would be refused as not ours, before
    // anything runs): the task writing there cannot succeed.
    mkdirSync(join(out, 'tap_events', 'event_date=2025-06-25', 'part-00000.parquet', 'in the way'), {
      recursive: true,
    });
    const run = runCli([...ARGS, '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(
      /^gen-parquet: failed: files .*event_date=2025-06-25.*/,
    );
    expect(existsSync(join(out, '_SUCCESS'))).toBe(false);
    expect(temporaries(out)).toEqual([]);
  });

  it('a full disk (a file-size limit) stops the run naming the path, and leaves no file that looks complete', async () => {
    const out = join(root, 'full-disk');
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(
      'bash',
      ['-c', `ulimit -f 500; exec "${process.execPath}" "${CLI}" ${ARGS.join(' ')} --out "${out}"`],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(
      new RegExp(`^gen-parquet: failed: .*${out}.*(EFBIG|File too large|file too large)`),
    );
    expect(existsSync(join(out, '_SUCCESS'))).toBe(false);
    expect(temporaries(out)).toEqual([]);
    // Every Parquet file under its final name is complete: DuckDB reads each one back.
    const { query } = await import('./helpers.js');
    const parquet = readdirSync(out, { recursive: true })
      .map(String)
      .filter((p) => p.endsWith('.parquet'));
    for (const p of parquet) await query(`SELECT count(*) FROM read_parquet('${join(out, p)}')`);
  });
});

describe('progress and summaries', () => {
  it('prints progress lines and a summary off a terminal, JSON with --json, nothing with --quiet', () => {
    const out = join(root, 'progress');
    const loud = runCli([...ARGS, '--out', out, '--json']);
    expect(loud.status).toBe(0);
    expect(loud.stderr).toMatch(/tap_events\s+[\d,]+ \/ [\d,]+ rows\s+100%/);
    expect(loud.stderr).toMatch(/table\s+rows\s+files\s+MB\s+seconds\s+rows\/s/);
    const summary = JSON.parse(loud.stdout);
    expect(summary.tables.find((t: { table: string }) => t.table === 'tap_events').rows).toBe(300_000);
    const quiet = runCli([...ARGS, '--out', join(root, 'quiet'), '--quiet']);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('plan is a dry run: tables, files, rows, size and time, and writes nothing', () => {
    const run = runCli(['plan', '--scale', '0.03x']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/tap_events\s+[\d,]+\s+300,000/);
    expect(run.stdout).toMatch(/^total: [\d,]+ files, [\d,]+ rows, ~\d+ MB/m);
    expect(run.stdout).toMatch(/^estimated time: /m);
  });
});
