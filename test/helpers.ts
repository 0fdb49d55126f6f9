/** Shared by the end-to-end tests: run the built CLI and read its output back with DuckDB. */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ColumnSpec, TableSpec } from '../src/schema/tableSpec.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `runCli` without blocking: runs started together share the machine's cores. */
export function runCliAsync(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `gen-parquet-${prefix}-`));
}

export async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    await con.run(`SET TimeZone = 'UTC'`);
    return (await con.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

export function tableGlob(out: string, table: string): string {
  return `read_parquet('${join(out, table, '**', '*.parquet')}', hive_partitioning = true)`;
}

/** A made-up fact table `t` with these columns, for tests of the Arrow and Parquet stages. */
export function testTable(columns: readonly ColumnSpec[]): TableSpec {
  return {
    name: 't',
    kind: 'fact',
    description: '',
    rowsAt1x: '',
    primaryKey: 'id',
    foreignKeys: [],
    columns,
  };
}

/** Relative path → sha256 of every Parquet file under `dir` (`_next/` and `_tmp/` included: a test sees all). */
export function parquetDigests(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile() || !e.name.endsWith('.parquet')) continue;
    const path = join(e.parentPath, e.name);
    out[path.slice(dir.length + 1)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}
