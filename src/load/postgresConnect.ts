/**
 * Connecting to the target PostgreSQL: every way that can fail before anything is loaded (server
 * unreachable, bad credentials, missing database) is one UsageError line, never with the password.
 */
import pg from 'pg';
import { UsageError } from '../errors.js';
import type { Target } from './target.js';

export type PostgresTarget = Extract<Target, { kind: 'postgres' }>;

const CONNECT_TIMEOUT_MS = 15_000;

type ConnectError = Error & { code?: string; errors?: { code?: string }[] };

function why(err: ConnectError, target: PostgresTarget): string {
  // Node reports a refused connection to every address of a host as an AggregateError.
  const code = err.code ?? err.errors?.[0]?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused: is the server running, on this host and port?';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'unknown host';
    case 'ENOENT':
      return 'no server socket there';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case '28P01':
    case '28000':
      return `${err.message}; check the user and password in the URL`;
    case '3D000':
      return `database "${target.database}" does not exist; create it first (createdb ${target.database})`;
  }
  if (/password must be a string|no password/i.test(err.message))
    return 'the server asks for a password: put it in the URL (postgres://user:password@host/db) or in PGPASSWORD';
  if (/timeout/i.test(err.message)) return 'connection timed out';
  return err.message.split('\n')[0]!;
}

/** A connected client; a failure to connect is a UsageError naming the reason. */
export async function connectPostgres(target: PostgresTarget): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: target.url,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: 'gen-parquet load',
  });
  // A connection lost later surfaces as the failure of the query under way; this keeps Node from
  // treating the client's own 'error' event as unhandled.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw new UsageError(`--to ${target.display}: cannot connect: ${why(err as ConnectError, target)}`);
  }
  return client;
}

/** Runs `fn` once if `signal` aborts; returns the way to stop listening. */
export function onAbort(signal: AbortSignal | undefined, fn: () => void): () => void {
  signal?.addEventListener('abort', fn, { once: true });
  return () => signal?.removeEventListener('abort', fn);
}

/** Cancels the statement `pid` is running, over a connection of its own (best effort). */
export async function cancelBackend(target: PostgresTarget, pid: number): Promise<void> {
  const c = await connectPostgres(target).catch(() => undefined);
  await c?.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => {});
  await c?.end().catch(() => {});
}
