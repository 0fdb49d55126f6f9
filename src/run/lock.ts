/**
 * One writer per output folder. `_lock` records the writer's pid, that process's start time and the
 * host: a pid alone cannot tell a live writer from an unrelated process that reuses the number (in a
 * restarted container every first process is pid 1). A lock whose process is gone, or whose pid now
 * belongs to a process started at another time, is stale and taken over; a lock from another host
 * cannot be checked, so it is refused with the way to remove it by hand. A leased lock (a part's,
 * on a folder that hosts share) is touched by its holder every LEASE_REFRESH_MS; from another host,
 * one left untouched for LEASE_STALE_MS by the local clock is stale: a part retried on another node
 * (a new pod, a requeued array task) takes over its crashed attempt's lock.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { cannotWriteOut, fsError, writeDenied } from './fsErrors.js';

export const LOCK = '_lock';

export const LEASE_REFRESH_MS = 30_000;
/** Twenty refreshes missed: far beyond a busy main thread's pause or the clock skew of synced hosts. */
export const LEASE_STALE_MS = 10 * 60_000;

interface LockRecord {
  readonly pid: number;
  /** `proc:<ticks since boot>` (field 22 of /proc/<pid>/stat) or `ps:<lstart>`; absent if unknown. */
  readonly start?: string;
  readonly host?: string;
}

/** When `pid` started, in a form comparable only with the same source; undefined if it cannot be told. */
export function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3; start time is field 22.
    return `proc:${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}`;
  } catch {
    // no /proc (macOS, BSD): ps tells the start time to the second
  }
  try {
    const lstart = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return lstart ? `ps:${lstart}` : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process nobody has reaped yet (a zombie) still answers signal 0: it is not writing.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return true; // no /proc: trust the signal
  }
}

/** The lock's record: JSON, or a bare pid (older versions' format); undefined if garbled. */
function parse(text: string): LockRecord | undefined {
  const bare = Number(text.trim());
  if (/^\d+$/.test(text.trim()) && bare > 0) return { pid: bare };
  try {
    const rec = JSON.parse(text) as LockRecord;
    return Number.isInteger(rec.pid) && rec.pid > 0 ? rec : undefined;
  } catch {
    return undefined;
  }
}

/** Why the lock's writer may still be running (a refusal), or undefined if the lock is stale. `age`: of a leased lock, ms since touched. */
function holder(rec: LockRecord, age?: number): string | undefined {
  if (rec.host !== undefined && rec.host !== hostname()) {
    if (age !== undefined && age > LEASE_STALE_MS) return undefined;
    return `gen-parquet (pid ${rec.pid}) on host ${rec.host} may be writing to it, which this host cannot check${age === undefined ? '' : ` (its lock is taken over once untouched for ${LEASE_STALE_MS / 60_000} minutes)`}`;
  }
  if (!alive(rec.pid)) return undefined;
  const now = startTimeOf(rec.pid);
  // Both start times known and from the same source, and different: the pid was reused.
  if (rec.start && now && rec.start.split(':')[0] === now.split(':')[0] && rec.start !== now) {
    return undefined;
  }
  if (rec.pid === process.pid && !rec.start) return undefined; // an old-format lock: cannot be this run
  return `another gen-parquet (pid ${rec.pid}) is writing to it`;
}

/**
 * Whether the lock at `path` is held: why (a refusal), or undefined when there is none or it is stale.
 * For a writer that must not start beside the lock's holder without taking that lock itself.
 */
export function lockHeld(path: string, lease = false): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fsError('read', path, err);
  }
  return busy(path, text, lease);
}

function busy(path: string, text: string, lease: boolean): string | undefined {
  const rec = parse(text);
  if (!rec) return `its lock ${path} is unreadable (${JSON.stringify(text.slice(0, 40))})`;
  let age: number | undefined;
  if (lease) {
    try {
      age = Date.now() - statSync(path).mtimeMs;
    } catch {
      age = undefined; // gone meanwhile: the retry finds it so
    }
  }
  return holder(rec, age);
}

/** Takes the folder's lock (or the lock at `path`, a part's: leased); the returned function releases it. */
export function acquireLock(outDir: string, path = join(outDir, LOCK), lease = false): () => void {
  const start = startTimeOf(process.pid);
  const record = `${JSON.stringify({ pid: process.pid, ...(start && { start }), host: hostname() })}\n`;
  const byHand = `if you are sure no gen-parquet is writing there, remove the lock by hand: rm ${path}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, record, { flag: 'wx' });
      const refresh = lease
        ? setInterval(() => {
            try {
              utimesSync(path, new Date(), new Date());
            } catch {
              // a missed touch: the next one, well before the lease runs out
            }
          }, LEASE_REFRESH_MS).unref()
        : undefined;
      return () => {
        clearInterval(refresh);
        try {
          rmSync(path, { force: true });
        } catch (err) {
          throw fsError('remove', path, err);
        }
      };
    } catch (err) {
      const denied = writeDenied(err);
      if (denied) throw cannotWriteOut(outDir, outDir, denied);
      const code = (err as NodeJS.ErrnoException).code;
      // A part's folder removed by another writer that found it empty: made again.
      if (code === 'ENOENT' && lease && attempt === 0) {
        mkdirSync(dirname(path), { recursive: true });
        continue;
      }
      if (code !== 'EEXIST') throw fsError('create', path, err);
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
      throw fsError('read', path, err);
    }
    const why = busy(path, text, lease);
    if (why) throw new UsageError(`--out ${outDir}: ${why}; wait for it or choose another --out (${byHand})`);
    rmSync(path, { force: true }); // stale: its writer is gone
  }
  throw new UsageError(`--out ${outDir}: could not take the lock ${path} (${byHand})`);
}
