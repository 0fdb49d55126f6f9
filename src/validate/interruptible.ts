/**
 * Validation that a stop signal ends within one query: the running query is interrupted and every
 * later one refused, so the checks run out at once, the spill folder is removed on the way out, and
 * no report is written.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { InterruptedError } from '../errors.js';

const STOPPED = 'no report was written. Run the same command again to validate.';

/** Methods that never start a query (and must work after a stop, to close the connection). */
const UNGUARDED = new Set<string | symbol>(['closeSync', 'disconnectSync', 'interrupt']);

export function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new InterruptedError(STOPPED);
}

export interface Interruptible {
  readonly con: DuckDBConnection;
  /** Stops listening to the signal: call before closing the connection. */
  readonly release: () => void;
}

export function interruptible(con: DuckDBConnection, signal: AbortSignal | undefined): Interruptible {
  if (!signal) return { con, release: () => {} };
  const onAbort = () => con.interrupt();
  signal.addEventListener('abort', onAbort, { once: true });
  const guarded = new Proxy(con, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      const method = value.bind(target);
      if (UNGUARDED.has(key)) return method;
      return (...args: unknown[]) => {
        throwIfStopped(signal);
        return method(...args);
      };
    },
  });
  return { con: guarded, release: () => signal.removeEventListener('abort', onAbort) };
}
