/**
 * `_gen-parquet-load.json` in a CSV target folder: the CSV files `load --to csv:DIR` wrote there, each
 * with its size and sha256. It is what lets a later load prove a file is its own and unchanged, the
 * only kind it will replace (never a file of yours, nor one edited since). The record holds no time
 * or path, so two equal loads leave equal bytes (a folder of dbt seeds is often kept in git).
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { GENERATOR } from '../version.js';

export const CSV_RECORD = '_gen-parquet-load.json';

export interface CsvFile {
  /** The file's name in the folder, e.g. `raw_customers_training.csv`. */
  readonly file: string;
  readonly table: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const isCsvFile = (f: unknown): f is CsvFile => {
  const r = f as Record<string, unknown>;
  return (
    typeof r?.file === 'string' &&
    typeof r.table === 'string' &&
    Number.isInteger(r.rows) &&
    Number.isInteger(r.bytes) &&
    typeof r.sha256 === 'string'
  );
};

/** The files a previous load recorded in `dir` (none without a record); an unreadable record is refused. */
export function readCsvRecord(dir: string): CsvFile[] {
  const path = join(dir, CSV_RECORD);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  try {
    const files = (JSON.parse(text) as { files?: unknown }).files;
    if (Array.isArray(files) && files.every(isCsvFile)) return files;
  } catch {
    // reported below
  }
  throw new UsageError(
    `${path} is not a record gen-parquet load can read, so it cannot tell which CSV files there are its own; move it away (and the CSV files it listed)`,
  );
}

/** Whether the file at `path` is, to the byte, one that `record` lists under its name. */
export async function recorded(path: string, file: string, record: readonly CsvFile[]): Promise<boolean> {
  const candidates = record.filter((r) => r.file === file && r.bytes === statSync(path).size);
  if (!candidates.length) return false;
  const sha = await sha256File(path);
  return candidates.some((r) => r.sha256 === sha);
}

/** Writes the record (sorted by file; one name may be listed twice while its file is being replaced) through `tmp`. */
export function writeCsvRecord(dir: string, tmp: string, files: readonly CsvFile[]): void {
  const sorted = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const record = { generator: `${GENERATOR.name} ${GENERATOR.version}`, files: sorted };
  const path = join(tmp, CSV_RECORD);
  writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(path, join(dir, CSV_RECORD));
}
