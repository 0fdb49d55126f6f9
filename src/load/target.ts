/** Where `gen-parquet load --to` puts a dataset: a PostgreSQL URL, a DuckDB database file or a folder of CSV files. */
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';

export type Target =
  | {
      readonly kind: 'postgres';
      /** The URL as given, for the driver (it may hold the password: never print it). */
      readonly url: string;
      /** The URL without its password, for messages. */
      readonly display: string;
      readonly database: string;
    }
  | { readonly kind: 'duckdb'; readonly file: string; readonly display: string }
  | { readonly kind: 'csv'; readonly dir: string; readonly display: string };

const ACCEPTED = 'accepted: postgres://user:password@host:5432/database, duckdb:FILE or csv:DIR';

/** Parses `--to`; anything else is one UsageError line naming what is accepted. */
export function parseTarget(text: string): Target {
  if (text.startsWith('duckdb:')) {
    const file = text.slice('duckdb:'.length);
    if (!file || file === ':memory:') throw new UsageError(`--to ${text}: no database file; ${ACCEPTED}`);
    return { kind: 'duckdb', file: resolve(file), display: `duckdb:${file}` };
  }
  if (text.startsWith('csv:')) {
    const dir = text.slice('csv:'.length);
    if (!dir) throw new UsageError(`--to ${text}: no folder; ${ACCEPTED}`);
    return { kind: 'csv', dir: resolve(dir), display: `csv:${dir}` };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--to ${redact(text)}: not a URL; ${ACCEPTED}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')
    throw new UsageError(`--to ${redact(text)}: unknown target ${url.protocol}; ${ACCEPTED}`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database || database.includes('/'))
    throw new UsageError(`--to ${redact(text)}: no database name after the host; ${ACCEPTED}`);
  if (!url.hostname && !url.searchParams.get('host'))
    throw new UsageError(`--to ${redact(text)}: no host; ${ACCEPTED}`);
  return { kind: 'postgres', url: text, display: redact(text), database };
}

/** The URL with any password replaced by `***` (also for text that is not a valid URL). */
export function redact(text: string): string {
  const m = /^([a-z][a-z0-9+.-]*:\/\/)(.*)@/i.exec(text); // to the last @: a password may hold any character
  const head = m ? `${m[1]}${m[2]!.includes(':') ? `${m[2]!.split(':')[0]}:***` : m[2]}@` : '';
  return (head + text.slice(m ? m[0].length : 0)).replace(/([?&]password=)[^&]*/gi, '$1***');
}
