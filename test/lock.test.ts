/**
 * The output folder's `_lock` through the real CLI: it records pid, start time and host, so a lock
 * whose pid now belongs to another process is taken over, and a lock that may be live is refused
 * with the way to remove it by hand.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');
const root = tempDir('lock');
const ARGS = ['--scale', '0.001x', '--no-validate', '--workers', '1', '--tables', 'accounts'];

/** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot. */
const startOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return `proc:${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}`;
};
const hasProc = existsSync(`/proc/${process.pid}/stat`);

describe.skipIf(!hasProc)('_lock (needs /proc to tell start times)', () => {
  it('records the writer’s pid, its start time and the host', async () => {
    const out = join(root, 'running');
    const child = spawn(process.execPath, [CLI, ...ARGS, '--scale', '0.03x', '--out', out], {
      stdio: 'ignore',
    });
    const start = startOf(child.pid!); // exec keeps the start time of the forked process
    let exited = false;
    const exit = new Promise((r) => {
      child.on('exit', () => {
        exited = true;
        r(undefined);
      });
    });
    let lock: unknown;
    while (lock === undefined && !exited) {
      try {
        lock = JSON.parse(readFileSync(join(out, '_lock'), 'utf8'));
      } catch {
        await new Promise((r) => setTimeout(r, 10));
      }
    }
    await exit;
    expect(lock).toEqual({ pid: child.pid, start, host: hostname() });
  });

  // The test runner itself stands for a live process: its pid answers, and its start time is known.
  const me = process.pid;
  const byHand = (out: string) => `rm ${join(out, '_lock')}`;
  it.each([
    [
      'a live writer',
      () => JSON.stringify({ pid: me, start: startOf(me), host: hostname() }),
      /another gen-parquet \(pid \d+\) is writing to it/,
    ],
    [
      'a writer on another host',
      () => JSON.stringify({ pid: me, start: startOf(me), host: 'elsewhere.example' }),
      /gen-parquet \(pid \d+\) on host elsewhere\.example may be writing to it/,
    ],
    [
      'an old-format lock (a bare pid) whose process is alive',
      () => String(me),
      /another gen-parquet \(pid \d+\) is writing to it/,
    ],
    ['a garbled lock', () => 'garbage', /its lock .*_lock is unreadable \("garbage"\)/],
  ])('is refused when it may be held by %s, saying how to remove it by hand', (name, lock, why) => {
    const out = join(root, `held-${name.replace(/\W/g, '')}`);
    mkdirSync(out);
    writeFileSync(join(out, '_lock'), lock());
    const run = runCli([...ARGS, '--out', out]);
    expect(run.status, run.stderr).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(why);
    expect(lines[0]).toContain(
      `if you are sure no gen-parquet is writing there, remove the lock by hand: ${byHand(out)}`,
    );
    expect(readFileSync(join(out, '_lock'), 'utf8')).toBe(lock());
  });

  it.each([
    [
      'its pid now belongs to a process started at another time',
      () => JSON.stringify({ pid: me, start: 'proc:1', host: hostname() }),
    ],
    ['its process is gone', () => JSON.stringify({ pid: 999_999_999, start: 'proc:1', host: hostname() })],
    ['it is an old-format lock whose process is gone', () => '999999999'],
  ])('is taken over when %s', (name, lock) => {
    const out = join(root, `stale-${name.replace(/\W/g, '')}`);
    mkdirSync(out);
    writeFileSync(join(out, '_lock'), lock());
    const run = runCli([...ARGS, '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(out, '_lock'))).toBe(false);
  });
});
