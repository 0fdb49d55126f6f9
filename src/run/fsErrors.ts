/**
 * File-system errors as one line naming the file: Node's own message often names only the system call
 * ("ENOSPC: no space left on device, write"), which leaves the user guessing which file failed.
 */
import { access, constants, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';

/** Codes that mean "this place cannot be written": the user's to fix (exit 2), not a failed run. */
const WRITE_DENIED: Readonly<Record<string, string>> = {
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

/** "no space left on device (ENOSPC)" from Node's "ENOSPC: no space left on device, write". */
export function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const text = /^[A-Z0-9_]+: ([^,]+)/.exec(e.message ?? '')?.[1];
  return e.code && text ? `${text} (${e.code})` : String(e.message ?? err);
}

/** An Error saying which file an operation failed on, and why (keeping the code, e.g. ENOENT, for callers). */
export function fsError(action: string, path: string, err: unknown): NodeJS.ErrnoException {
  return Object.assign(new Error(`cannot ${action} ${path}: ${describe(err)}`), {
    code: (err as NodeJS.ErrnoException).code,
  });
}

/** The reason writes are denied (read-only, permission), or undefined for any other error. */
export function writeDenied(err: unknown): string | undefined {
  return WRITE_DENIED[(err as NodeJS.ErrnoException).code ?? ''];
}

/** The UsageError for an output folder that cannot be written at `place`. */
export function cannotWriteOut(outDir: string, place: string, reason: string): UsageError {
  return new UsageError(`--out ${outDir}: cannot write to ${place}: ${reason}; pass a writable folder`);
}

/**
 * Why `path` (missing) cannot be created: a recursive mkdir on a read-only mount reports ENOENT for
 * the first missing folder, so the real cause is asked of the nearest folder that exists.
 */
export async function whyCannotCreate(path: string): Promise<{ place: string; reason: string }> {
  let place = dirname(path);
  for (;;) {
    try {
      await stat(place);
      break;
    } catch {
      if (dirname(place) === place) break;
      place = dirname(place);
    }
  }
  try {
    if (!(await stat(place)).isDirectory()) return { place, reason: 'is a file, not a folder' };
    await access(place, constants.W_OK | constants.X_OK);
  } catch (err) {
    return { place, reason: writeDenied(err) ?? describe(err) };
  }
  return { place, reason: 'cannot create folders there' };
}
