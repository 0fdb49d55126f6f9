/**
 * The ground truth of a spoiled run, made once every file is written: `_quality/issues.parquet` (one
 * row per planted issue, in table, file and row order) from the notes of the files this write made
 * and, for an append, the earlier increments' rows of the files it kept; `_quality/schema_versions.json`;
 * and the clean digest of every file for the manifest. Both files are written under `_tmp/`, then
 * renamed into place, like every other file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { TableSpec } from '../schema/tableSpec.js';
import { schemaVersions } from './drift.js';
import { ISSUE_COLUMNS, ISSUES_PATH, QUALITY_TABLE, SCHEMA_VERSIONS_PATH } from './issues.js';
import type { QualitySlots } from './slots.js';

/** What the manifest records of a spoiled dataset. */
export interface GroundTruth {
  /** Planted issues, in all and by kind. */
  readonly issues: number;
  readonly kinds: Readonly<Record<string, number>>;
  /** Every file of the clean dataset (written or, emptied by issues, not): its rows and content digest. */
  readonly clean: Readonly<Record<string, { readonly rows: number; readonly digest: string }>>;
  /** Schema versions, when the profile drifts a schema (more than one): a reader must map each file back. */
  readonly schema_versions?: number;
}

export interface TruthRequest {
  readonly outDir: string;
  /** Where the two files go: the output folder, or an append's staging folder. */
  readonly destDir: string;
  readonly tempDir: string;
  /** `_quality.jsonl`. */
  readonly notes: string;
  /** Files this write made (their latest notes count), relative paths. */
  readonly made: readonly string[];
  /** An append: files kept from earlier increments, whose issues and digests are carried over. */
  readonly kept?: readonly string[];
  readonly previous?: GroundTruth;
  readonly tables: readonly TableSpec[];
  readonly slots: QualitySlots;
  readonly from: string;
}

export interface TruthFile {
  readonly path: string;
  readonly table: string;
  readonly rows: number;
  readonly bytes: number;
  readonly sha256: string;
}

const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;
const sqlList = (items: readonly string[]) => `[${items.map(sqlString).join(', ')}]::VARCHAR[]`;

/** No note is longer than the notes file (DuckDB's default bound, 16 MB, is not enough for a big gap day). */
const objectSize = (notes: string) => Math.max(16 << 20, statSync(notes).size + 1);

/** Moves `tmp` to `<destDir>/<path>` and describes it for the manifest. */
function place(tmp: string, destDir: string, path: string, rows: number): TruthFile {
  const bytes = readFileSync(tmp);
  const target = join(destDir, path);
  mkdirSync(dirname(target), { recursive: true });
  renameSync(tmp, target);
  return {
    path,
    table: QUALITY_TABLE,
    rows,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

export async function writeGroundTruth(
  req: TruthRequest,
): Promise<{ files: TruthFile[]; truth: GroundTruth }> {
  mkdirSync(req.tempDir, { recursive: true });
  const tmp = mkdtempSync(join(req.tempDir, 'truth-'));
  // Bounded like validation's DuckDB: bigger ground truths spill to the temporaries' folder instead of growing.
  const instance = await DuckDBInstance.create(':memory:', {
    threads: '1',
    memory_limit: '400MB',
    temp_directory: join(tmp, 'spill'),
  });
  const con = await instance.connect();
  try {
    await con.run(`SET TimeZone = 'UTC'`);
    await con.run(`CREATE TABLE made AS SELECT unnest(${sqlList(req.made)}) AS file`);
    // The latest note of each file this write made (a file written again after a stop has two).
    await con.run(
      `CREATE TABLE notes AS SELECT json->>'file' AS file, json, row_number() OVER () AS line
       FROM read_ndjson_objects(${sqlString(req.notes)}, maximum_object_size = ${objectSize(req.notes)})`,
    );
    await con.run(
      `CREATE TABLE latest AS SELECT n.file, n.json AS j FROM notes n JOIN (
         SELECT file, max(line) AS line FROM notes WHERE file IN (SELECT file FROM made) GROUP BY file
       ) m ON m.file = n.file AND m.line = n.line`,
    );
    await con.run('DROP TABLE notes');
    const missing = await con.runAndReadAll(
      `SELECT file FROM made WHERE file NOT IN (SELECT file FROM latest) LIMIT 1`,
    );
    if (missing.getRows().length)
      throw new Error(
        `no ground truth noted for ${String(missing.getRows()[0]![0])}: run the same command again`,
      );
    const cols = ISSUE_COLUMNS.map(([name, type], i) => `CAST(r->>${i} AS ${type}) AS "${name}"`).join(', ');
    // One thread: unnest keeps each note's issues in order, which row_number() then numbers.
    const fromNotes = `SELECT ${cols}, row_number() OVER () AS i FROM (SELECT unnest(json_extract(j, '$.issues[*]')) AS r FROM latest)`;
    const names = ISSUE_COLUMNS.map(([n]) => `"${n}"`).join(', ');
    const kept = req.kept?.length
      ? `UNION ALL SELECT ${names}, file_row_number AS i FROM read_parquet(${sqlString(join(req.outDir, ISSUES_PATH))}, file_row_number = true)
         WHERE file IN (SELECT unnest(${sqlList(req.kept)}))`
      : '';
    await con.run(`CREATE TABLE issues AS ${fromNotes} ${kept}`);
    const issuesTmp = join(tmp, 'issues.parquet');
    await con.run(
      `COPY (SELECT ${names} FROM issues ORDER BY "table", file, i) TO ${sqlString(issuesTmp)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    const kinds = Object.fromEntries(
      (await con.runAndReadAll(`SELECT kind, count(*)::INTEGER FROM issues GROUP BY kind ORDER BY kind`))
        .getRows()
        .map(([k, n]) => [String(k), Number(n)]),
    );
    const clean: Record<string, { rows: number; digest: string }> = {};
    for (const path of req.kept ?? []) {
      const was = req.previous?.clean[path];
      if (was) clean[path] = was;
    }
    for (const [file, rows, digest] of (
      await con.runAndReadAll(
        `SELECT file, CAST(j->>'clean_rows' AS BIGINT), j->>'clean_digest' FROM latest ORDER BY file`,
      )
    ).getRows())
      clean[String(file)] = { rows: Number(rows), digest: String(digest) };
    const issues = Object.values(kinds).reduce((a, n) => a + n, 0);
    const versions = 1 + (Object.values(req.slots)[0]?.versionDays.length ?? 0);
    const versionsTmp = join(tmp, 'schema_versions.json');
    writeFileSync(versionsTmp, schemaVersions(req.tables, req.slots, req.from));
    const sorted = Object.fromEntries(
      Object.keys(clean)
        .sort()
        .map((k) => [k, clean[k]!]),
    );
    return {
      files: [
        place(issuesTmp, req.destDir, ISSUES_PATH, issues),
        place(versionsTmp, req.destDir, SCHEMA_VERSIONS_PATH, 1),
      ],
      truth: { issues, kinds, clean: sorted, ...(versions > 1 ? { schema_versions: versions } : {}) },
    };
  } finally {
    con.closeSync();
    instance.closeSync();
    rmSync(tmp, { recursive: true, force: true });
  }
}
