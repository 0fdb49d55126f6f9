/** One writer per output folder: `_lock` holds the writer's pid; a lock whose process is gone is stale and taken over. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

export const LOCK = '_lock';

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

export function acquireLock(outDir: string): () => void {
  const path = join(outDir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(path, 'utf8'));
      if (pid !== process.pid && Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new UsageError(
          `--out ${outDir}: another gen-parquet (pid ${pid}) is writing to it; wait for it or choose another --out`,
        );
      }
      rmSync(path, { force: true }); // stale: its writer crashed
    }
  }
  throw new UsageError(`--out ${outDir}: could not take the lock ${path}`);
}
