import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../src/scenarios/tapflow/tables.js';

const TABLE_NAMES = TABLES.map((t) => t.name);

import { query, runCli, tempDir } from './helpers.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');
const root = tempDir('signals');
// 60 days (as in reliability.test.ts): long enough to stop midway, ~a tenth of the configured window's files.
const RUN = ['--scale', '0.03x', '--days', '60', '--no-validate', '--workers', '2', '--quiet'];
const RESUMABLE =
  'gen-parquet: interrupted; no partial file was kept. Run the same command again to resume where it stopped.\n';

interface Journaled {
  readonly path: string;
  readonly rows: number;
  readonly sha256: string;
}

/** Completed files in the journal (a line being appended is skipped). */
function journaled(out: string): Journaled[] {
  let text = '';
  try {
    text = readFileSync(join(out, '_progress.jsonl'), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').flatMap((line) => {
    try {
      const entry = JSON.parse(line) as Partial<Journaled>;
      return typeof entry.sha256 === 'string' ? [entry as Journaled] : [];
    } catch {
      return [];
    }
  });
}

const tapJournaled = (out: string) => journaled(out).filter((f) => f.path.startsWith('tap_events/'));

/** Every file (not folder) under the table folders, relative to `out`. */
function tableFiles(out: string): string[] {
  return TABLE_NAMES.flatMap((table) => {
    const dir = join(out, table);
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => !e.isDirectory())
      .map((e) => join(e.parentPath, e.name).slice(out.length + 1));
  });
}

/** Seconds of CPU the process has used (Linux): past start-up, it is planning. */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** From the first signal sent to the exit. */
  readonly stopMs: number;
}

/** Runs the CLI; once `ready(pid)` holds, sends `signals` in turn (5 ms apart); resolves on exit. */
function stopWhen(
  args: readonly string[],
  ready: (pid: number) => boolean,
  signals: readonly NodeJS.Signals[],
  env: Record<string, string> = {},
): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    let sentAt = Number.NaN;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      if (!ready(child.pid!)) return;
      clearInterval(poll);
      sentAt = performance.now();
      signals.forEach((s, i) => {
        setTimeout(() => child.kill(s), 5 * i);
      });
    }, 10);
    child.on('exit', (code, signal) => {
      clearInterval(poll);
      resolve({ code, signal, stdout, stderr, stopMs: performance.now() - sentAt });
    });
  });
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const exitCode = (signal: NodeJS.Signals) => 128 + constants.signals[signal];

describe('SIGINT, SIGTERM and SIGHUP stop a run alike', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)(
    '%s mid-run: exit 128 + signal, one line, no _tmp, and the tap_events glob matches only complete journaled files',
    async (signal) => {
      const out = join(root, `stopped-${signal}`);
      const run = await stopWhen([...RUN, '--out', out], () => tapJournaled(out).length > 0, [signal]);
      expect(run.signal).toBeNull();
      expect(run.code).toBe(exitCode(signal));
      expect(run.stderr).toBe(RESUMABLE);
      expect(existsSync(join(out, '_tmp'))).toBe(false);
      expect(existsSync(join(out, '_SUCCESS'))).toBe(false);

      const files = tapJournaled(out);
      const glob = join(out, 'tap_events', '**', '*.parquet');
      const matched = await query(`SELECT file FROM glob('${glob}')`);
      expect(matched.map((r) => String(r.file).slice(out.length + 1)).sort()).toEqual(
        files.map((f) => f.path).sort(),
      );
      for (const f of files) expect(sha256(join(out, f.path)), f.path).toBe(f.sha256);
      const [read] = await query(`SELECT count(*)::INTEGER AS n FROM read_parquet('${glob}')`);
      expect(read!.n).toBe(files.reduce((a, f) => a + f.rows, 0));
    },
  );

  it.each([
    ['SIGKILL', ['SIGKILL']],
    ['a second SIGTERM while stopping', ['SIGTERM', 'SIGTERM']],
  ] as const)(
    '%s mid-run: no temporary inside a table folder, every file there complete; the same command then finishes',
    async (name, signals) => {
      const out = join(root, `killed-${name.replaceAll(' ', '-')}`);
      const run = await stopWhen([...RUN, '--out', out], () => tapJournaled(out).length > 0, signals);
      // A second SIGTERM ends the process by the signal, unless the clean stop was already done.
      if (signals.length === 1 || run.signal) expect(run.signal).toBe(signals[0]);
      else expect(run.code).toBe(exitCode('SIGTERM'));

      const files = tableFiles(out);
      for (const f of files) expect(f).toMatch(/^[a-z_]+\/([a-z_]+=[0-9-]+\/)?part-\d{5}\.parquet$/);
      const list = files.map((f) => `'${join(out, f)}'`).join(', ');
      await query(`SELECT count(*) FROM read_parquet([${list}])`); // throws on a cut-short file

      const rerun = runCli([...RUN, '--out', out]);
      expect(rerun.status, rerun.stderr).toBe(0);
      expect(existsSync(join(out, '_SUCCESS'))).toBe(true);
      expect(existsSync(join(out, '_tmp'))).toBe(false);
    },
  );
});

/** Runs argv[2:] in a terminal (python3's pty), hangs the terminal up once the file argv[1] exists, prints the wait status (-N: ended by signal N). */
const IN_TERMINAL = `
import os, pty, select, sys
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
while not os.path.exists(sys.argv[1]):
    if select.select([fd], [], [], 0.02)[0]:
        try:
            os.read(fd, 65536)
        except OSError:
            break
os.close(fd)
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
`;
const python = spawnSync('python3', ['--version']).status === 0;

describe('a terminal that hangs up', () => {
  it.skipIf(!python)(
    'stops the run like SIGHUP (ended by SIGHUP: 129 in the shell), not by a crash writing progress to it',
    async () => {
      const out = join(root, 'hung-up');
      const trigger = join(root, 'hang-up-now');
      const child = spawn('python3', [
        '-c',
        IN_TERMINAL,
        trigger,
        process.execPath,
        CLI,
        ...RUN.filter((a) => a !== '--quiet'),
        '--out',
        out,
      ]);
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      while (tapJournaled(out).length === 0) await new Promise((r) => setTimeout(r, 10));
      writeFileSync(trigger, '');
      await new Promise((r) => child.on('exit', r));
      expect(stdout.trim()).toBe(String(-constants.signals.SIGHUP));
      expect(existsSync(join(out, '_tmp'))).toBe(false);
      expect(existsSync(join(out, '_lock'))).toBe(false);
      expect(existsSync(join(out, '_SUCCESS'))).toBe(false);
      expect(
        tableFiles(out)
          .filter((f) => f.startsWith('tap_events/'))
          .sort(),
      ).toEqual(
        tapJournaled(out)
          .map((f) => f.path)
          .sort(),
      );
    },
  );
});

describe('a stop signal during validate', () => {
  const out = join(root, 'to-validate');
  it.each(['SIGINT', 'SIGTERM'] as const)(
    '%s: one line, exit 128 + signal, its spill folder removed and no other touched',
    async (signal) => {
      if (!existsSync(join(out, '_SUCCESS'))) expect(runCli([...RUN, '--out', out]).status).toBe(0);
      const tmp = join(root, `tmpdir-${signal}`);
      const theirs = join(tmp, 'gen-parquet-validate-another-run');
      mkdirSync(theirs, { recursive: true });
      writeFileSync(join(theirs, 'spill.bin'), 'not ours');
      const ours = () =>
        readdirSync(tmp).some(
          (e) => e.startsWith('gen-parquet-validate-') && e !== 'gen-parquet-validate-another-run',
        );
      const run = await stopWhen(['validate', '--out', out, '--json'], ours, [signal], { TMPDIR: tmp });
      expect(run.code).toBe(exitCode(signal));
      expect(run.stderr).toBe(
        'gen-parquet: interrupted; no report was written. Run the same command again to validate.\n',
      );
      expect(run.stdout).toBe('');
      expect(existsSync(join(out, '_validation.json'))).toBe(false);
      expect(readdirSync(tmp)).toEqual(['gen-parquet-validate-another-run']);
      expect(readdirSync(theirs)).toEqual(['spill.bin']);
    },
  );
});

describe('a stop signal during planning (pure computation, ~30 s at 100x)', () => {
  // Past start-up (a second of CPU at most), the command is planning.
  const planning = (pid: number) => cpuSeconds(pid) >= 2;
  const planLine = 'gen-parquet: interrupted; nothing was written.\n';
  it.each([
    ['plan --scale 100', 'SIGINT', ['plan', '--scale', '100'], planLine],
    ['plan --scale 100', 'SIGTERM', ['plan', '--scale', '100'], planLine],
    [
      'a run at --scale 100',
      'SIGINT',
      ['--scale', '100', '--quiet', '--out', join(root, 'planning')],
      RESUMABLE,
    ],
  ] as const)(
    '%s: %s ends it within seconds, with one line and exit 128 + signal',
    async (_, signal, args, line) => {
      const run = await stopWhen(args, planning, [signal]);
      expect(run.code).toBe(exitCode(signal));
      expect(run.stderr).toBe(line);
      expect(run.stdout).toBe('');
      // A correctness bound, not a benchmark: without steps, planning went on for ~30 s.
      expect(run.stopMs).toBeLessThan(15_000);
    },
  );
});
