/**
 * `--sources 3`: three extracts of the pack's entity table as three systems would hold it
 * (`<table>_source_a/b/c`), each with its own ids, formats and update times, and the ground truth
 * `<table>_source_map` (source, source id, true id, and the conflict planted on the row). Written
 * after the clean table, from it; each file under the temporaries' folder, then renamed into place.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DuckDBAppender, DuckDBInstance } from '@duckdb/node-api';
import type { FileResult } from '../run/factShard.js';
import { dimensionPath } from '../run/writeFiles.js';
import type { TableSpec } from '../schema/tableSpec.js';
import { assignSources, CONFLICT_KINDS, SLOT, SOURCES, sourceStream } from './assign.js';
import { type Entities, NO_DATE, readEntities } from './entities.js';
import {
  dateVariant,
  formatDate,
  formatMeasure,
  formatName,
  formatOther,
  measureVariant,
  nameVariant,
  sourceId,
} from './formats.js';

export const sourceTable = (table: string, source: number) => `${table}_source_${SOURCES[source]}`;
export const sourceMapTable = (table: string) => `${table}_source_map`;

/** The four files `--sources` writes for `table`. */
export const sourcePaths = (table: string) =>
  [...SOURCES.map((_, s) => sourceTable(table, s)), sourceMapTable(table)].map(dimensionPath);

/** How far back each source's last update of a row goes, in days: A is kept current, C is a legacy system. */
const UPDATE_SPAN_DAYS = [30, 180, 365] as const;

const sqlString = (text: string) => `'${text.replaceAll("'", "''")}'`;
const DAY_S = 86_400;

export interface SourcesRequest {
  readonly spec: TableSpec;
  readonly seed: number;
  /** The window's last day, YYYY-MM-DD: update times fall before its end. */
  readonly lastDay: string;
  /** Where the clean table is and where the extracts go. */
  readonly destDir: string;
  readonly tempDir: string;
}

const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / (DAY_S * 1000);

/** Appends one source's rows: the entity as this source writes it, departing from the truth where the assignment says. */
function appendSource(
  source: number,
  entities: Entities,
  rows: ReturnType<typeof assignSources>[number],
  req: SourcesRequest,
  out: DuckDBAppender,
  map: DuckDBAppender,
): void {
  const variant = sourceStream(req.seed, req.spec.name, SLOT.variant + source);
  const updated = sourceStream(req.seed, req.spec.name, SLOT.updated + source);
  const end = (dayOf(req.lastDay) + 1) * DAY_S;
  const kinds = rows.conflict;
  for (let r = 0; r < rows.entity.length; r++) {
    const e = rows.entity[r]!;
    let kind = kinds[r]!;
    const parts = entities.name.map((col) => col[e]!);
    let measure = entities.measure[e]!;
    let date = entities.date[e]!;
    let other = entities.other[e]!;
    // A conflict needs a value to depart from: a NULL part gets none.
    if (
      (kind === 1 && Number.isNaN(measure)) ||
      (kind === 2 && date === NO_DATE) ||
      (kind === 3 && other === null)
    )
      kind = -1;
    const name = kind === 0 ? nameVariant(parts, variant) : parts;
    if (kind === 1) measure = measureVariant(measure, variant);
    if (kind === 2) date = dateVariant(date, variant);
    if (kind === 3) other = otherVariant(entities, e, variant);
    const id = sourceId(source, r + 1);
    out.appendVarchar(id);
    out.appendVarchar(formatName(source, name));
    if (Number.isNaN(measure)) out.appendNull();
    else out.appendVarchar(formatMeasure(source, measure));
    if (date === NO_DATE) out.appendNull();
    else out.appendVarchar(formatDate(source, date));
    if (other === null) out.appendNull();
    else out.appendVarchar(formatOther(source, other));
    const at = end - 1 - Math.floor(updated.next() * UPDATE_SPAN_DAYS[source]! * DAY_S);
    out.appendVarchar(new Date(at * 1000).toISOString().slice(0, 19).replace('T', ' '));
    out.endRow();
    map.appendVarchar(SOURCES[source]!);
    map.appendVarchar(id);
    map.appendInteger(entities.id[e]!);
    if (kind < 0) map.appendNull();
    else map.appendVarchar(CONFLICT_KINDS[kind]!);
    map.endRow();
  }
}

/** Another entity's `other`, one that differs (or the value marked as a former one). */
function otherVariant(entities: Entities, e: number, stream: ReturnType<typeof sourceStream>): string {
  const own = entities.other[e]!;
  for (let tries = 0; tries < 8; tries++) {
    const pick = entities.other[stream.int(0, entities.count - 1)];
    if (pick !== null && pick !== undefined && pick !== own) return pick;
  }
  return `${own} (former)`;
}

/** Moves `tmp` to `<destDir>/<path>` and describes it for the manifest. */
function place(tmp: string, destDir: string, path: string, table: string, rows: number): FileResult {
  const bytes = readFileSync(tmp);
  const target = join(destDir, path);
  mkdirSync(dirname(target), { recursive: true });
  renameSync(tmp, target);
  return { path, table, rows, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** What the manifest's expected answers say of the sources: the truth a merge is scored against. */
export interface SourcesExpected {
  readonly table: string;
  /** Entities some source holds (what a perfect resolution finds), and those two or three hold. */
  readonly entities: number;
  readonly shared: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly conflicts: Readonly<Record<string, number>>;
}

function expectedOf(
  table: string,
  entities: number,
  assigned: ReturnType<typeof assignSources>,
): SourcesExpected {
  const held = new Uint8Array(entities);
  const conflicts: Record<string, number> = Object.fromEntries(CONFLICT_KINDS.map((k) => [k, 0]));
  for (const src of assigned) {
    for (const e of src.entity) held[e]!++;
    for (const k of src.conflict) if (k >= 0) conflicts[CONFLICT_KINDS[k]!]!++;
  }
  return {
    table,
    entities: held.reduce((a, n) => a + (n > 0 ? 1 : 0), 0),
    shared: held.reduce((a, n) => a + (n > 1 ? 1 : 0), 0),
    rows: Object.fromEntries(SOURCES.map((s, i) => [s, assigned[i]!.entity.length])),
    conflicts,
  };
}

export async function writeSources(
  req: SourcesRequest,
): Promise<{ files: FileResult[]; expected: SourcesExpected }> {
  mkdirSync(req.tempDir, { recursive: true });
  const tmp = mkdtempSync(join(req.tempDir, 'sources-'));
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const con = await instance.connect();
  try {
    await con.run(`SET TimeZone = 'UTC'`);
    const table = req.spec.name;
    const entities = await readEntities(
      con,
      req.spec,
      join(req.destDir, dimensionPath(table)),
      req.seed,
      dayOf(req.lastDay),
    );
    const assigned = assignSources(req.seed, table, entities.count);
    await con.run('CREATE TABLE map (source VARCHAR, source_id VARCHAR, true_id INTEGER, conflict VARCHAR)');
    const map = await con.createAppender('map');
    const files: FileResult[] = [];
    for (let s = 0; s < SOURCES.length; s++) {
      await con.run(
        `CREATE TABLE s${s} (source_id VARCHAR, name VARCHAR, measure VARCHAR, entity_date VARCHAR, attribute VARCHAR, updated_at VARCHAR)`,
      );
      const out = await con.createAppender(`s${s}`);
      appendSource(s, entities, assigned[s]!, req, out, map);
      out.closeSync();
      const file = join(tmp, `s${s}.parquet`);
      await con.run(
        `COPY (SELECT * REPLACE (updated_at::TIMESTAMP AS updated_at) FROM s${s}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`,
      );
      const name = sourceTable(table, s);
      files.push(place(file, req.destDir, dimensionPath(name), name, assigned[s]!.entity.length));
    }
    map.closeSync();
    const file = join(tmp, 'map.parquet');
    await con.run(`COPY map TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd)`);
    const rows = assigned.reduce((a, s) => a + s.entity.length, 0);
    files.push(place(file, req.destDir, dimensionPath(sourceMapTable(table)), sourceMapTable(table), rows));
    return { files, expected: expectedOf(table, entities.count, assigned) };
  } finally {
    con.closeSync();
    instance.closeSync();
    rmSync(tmp, { recursive: true, force: true });
  }
}
