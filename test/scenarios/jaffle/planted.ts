/**
 * Planting faults in the clean output, as an analyst's DuckDB sees it: each table is copied into
 * memory once, and a fault replaces one table by a query over its clean rows (the others stay
 * clean); the engine's row checks (keys, partitions, the pack's ordering rules) and the pack's check
 * groups then read the tables by query, as `validate` does, and name what fails.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Manifest } from '../../../src/run/manifest.js';
import jaffle from '../../../src/scenarios/jaffle/index.js';
import { type CheckContext, firstLine } from '../../../src/validate/check.js';
import { keyChecks } from '../../../src/validate/keyChecks.js';
import { openTables, readOnce } from '../../../src/validate/sources.js';
import { timeChecks } from '../../../src/validate/timeChecks.js';

export class Planted {
  private constructor(
    private readonly con: DuckDBConnection,
    private readonly manifest: Manifest,
  ) {}

  static async open(out: string): Promise<Planted> {
    const instance = await DuckDBInstance.create(':memory:');
    const con = await instance.connect();
    await con.run(`SET TimeZone = 'UTC'`);
    const manifest = JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8')) as Manifest;
    // The output's tables (its change logs only with --changes).
    const tables = jaffle.tables.filter((t) => manifest.tables.includes(t.name));
    await openTables(con, out, manifest, tables);
    for (const t of tables) {
      await con.run(`CREATE TABLE clean_${t.name} AS SELECT * FROM ${t.name}`);
      await con.run(`DROP ${readOnce(manifest, t) ? 'TABLE' : 'VIEW'} ${t.name}`);
      await con.run(`CREATE VIEW ${t.name} AS SELECT * FROM clean_${t.name}`);
    }
    return new Planted(con, manifest);
  }

  /**
   * Names of the failing checks with each table of `faulty` replaced by its query over the clean rows;
   * a check whose query failed is an error, not a caught fault.
   */
  async failing(faulty: Readonly<Record<string, string>>): Promise<string[]> {
    for (const [table, select] of Object.entries(faulty))
      await this.con.run(`CREATE OR REPLACE VIEW ${table} AS ${select}`);
    try {
      const failed = (await this.run()).filter((c) => !c.pass);
      const errors = failed.filter((c) => c.measured.startsWith('error'));
      if (errors.length) throw new Error(`${errors[0]!.name}: ${errors[0]!.measured}`);
      return failed.map((c) => c.name);
    } finally {
      for (const table of Object.keys(faulty))
        await this.con.run(`CREATE OR REPLACE VIEW ${table} AS SELECT * FROM clean_${table}`);
    }
  }

  /** Every row check and pack check on the tables as they stand. */
  async run() {
    const ctx: CheckContext = {
      con: this.con,
      manifest: this.manifest,
      pack: jaffle,
      has: (t) => this.manifest.tables.includes(t),
      why: firstLine,
    };
    const out = [];
    for (const group of [keyChecks, timeChecks, ...jaffle.checks.groups]) out.push(...(await group(ctx)));
    return out;
  }

  /** The names of the pack's own checks: its ordering rules, denormalised keys and check groups. */
  async packChecks(): Promise<string[]> {
    const ctx: CheckContext = {
      con: this.con,
      manifest: this.manifest,
      pack: jaffle,
      has: (t) => this.manifest.tables.includes(t),
      why: firstLine,
    };
    const groups = [];
    for (const group of jaffle.checks.groups) groups.push(...(await group(ctx)));
    return [
      ...(jaffle.checks.ordering ?? []).flatMap((o) => o.rules.map(([name]) => name)),
      ...(jaffle.checks.denormalised ?? []).map((d) => {
        const parent = jaffle.tables
          .find((t) => t.name === d.table)!
          .foreignKeys.find((f) => f.column === d.via)!;
        return `${d.table} keys that disagree with ${parent.references.split('.')[0]}${d.what ?? ''}`;
      }),
      ...groups.map((c) => c.name),
    ];
  }

  /** One value of a query over the clean tables (`clean_<table>`). */
  async pick(sql: string): Promise<string> {
    const rows = (await this.con.runAndReadAll(sql)).getRowsJson();
    return String(rows[0]![0]);
  }
}

/** `* REPLACE (CASE WHEN cond THEN value ELSE column END AS column)` over the clean rows of `table`. */
export const when = (table: string, cond: string, column: string, value: string) =>
  `SELECT * REPLACE (CASE WHEN ${cond} THEN ${value} ELSE ${column} END AS ${column}) FROM clean_${table}`;

/**
 * Rewrites the files of `table` under `dir` that hold rows matching `where` with `select` (over `f`,
 * one file's rows), and re-signs the manifest: a fault in the files themselves, for `validate`.
 */
export async function rewriteFiles(dir: string, table: string, select: string, where: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  try {
    const glob = `read_parquet('${join(dir, table, '**', '*.parquet')}', filename = true, hive_partitioning = false)`;
    const hits = (
      await con.runAndReadAll(`SELECT DISTINCT filename FROM ${glob} WHERE ${where}`)
    ).getRowsJson();
    const path = join(dir, '_manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    for (const [file] of hits as [string][]) {
      await con.run(
        `COPY (SELECT ${select} FROM read_parquet('${file}', hive_partitioning = false) f) TO '${file}.new' (FORMAT parquet)`,
      );
      renameSync(`${file}.new`, file);
      const bytes = readFileSync(file);
      const entry = manifest.files.find((x) => join(dir, x.path) === file)!;
      Object.assign(entry, { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
    writeFileSync(path, JSON.stringify(manifest));
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}
