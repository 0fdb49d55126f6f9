/**
 * A sequence table's id facts, measured once for groups 1 and 2: rows, duplicate ids, the id range and
 * how often time runs backwards from one id to the next. The files list the ids in order, so one
 * streaming pass in file order (no sort, no hash of every id) answers all of it whenever each row's id
 * is its predecessor's plus one: then the ids are distinct and file order is id order. Any other
 * table (an id out of place, duplicated or missing) gets the exact sort and distinct count instead.
 */
import type { TableSpec } from '../schema/tableSpec.js';
import { type CheckContext, row } from './check.js';

export interface SequenceFacts {
  readonly rows: number;
  /** Rows minus distinct ids. */
  readonly dup: number;
  readonly lo: number;
  readonly hi: number;
  /** Ids whose time is earlier than the previous id's. */
  readonly backwards: number;
}

const measured = new WeakMap<object, Map<string, Promise<SequenceFacts>>>();

/** The ids are the table's primary key: what its duplicate check counts. */
export function keyIsSequence(
  t: TableSpec,
): t is TableSpec & { sequence: NonNullable<TableSpec['sequence']> } {
  return t.sequence !== undefined && t.sequence.column === t.primaryKey;
}

async function measure(ctx: CheckContext, table: string, id: string, time: string): Promise<SequenceFacts> {
  // lag() OVER () follows the scan, which keeps the order of the manifest's file list.
  const fast = await row(
    ctx.con,
    `SELECT count(*) AS n, count(*) FILTER (WHERE prev_id IS DISTINCT FROM ${id} - 1) AS jumps,
            min(${id}) AS lo, max(${id}) AS hi, count(*) FILTER (WHERE prev_at > ${time}) AS backwards
     FROM (SELECT ${id}, ${time}, lag(${id}) OVER () AS prev_id, lag(${time}) OVER () AS prev_at FROM ${table})`,
  );
  // The first row has no predecessor: it is the one jump of a table in order.
  if (fast.jumps === Math.min(fast.n!, 1))
    return { rows: fast.n!, dup: 0, lo: fast.lo!, hi: fast.hi!, backwards: fast.backwards! };
  const exact = await row(
    ctx.con,
    `SELECT count(*) AS n, count(*) - count(DISTINCT ${id}) AS dup, min(${id}) AS lo, max(${id}) AS hi,
            count(*) FILTER (WHERE prev_at > ${time}) AS backwards
     FROM (SELECT ${id}, ${time}, lag(${time}) OVER (ORDER BY ${id}) AS prev_at FROM ${table})`,
  );
  return { rows: exact.n!, dup: exact.dup!, lo: exact.lo!, hi: exact.hi!, backwards: exact.backwards! };
}

export function sequenceFacts(
  ctx: CheckContext,
  t: TableSpec & { sequence: { column: string; time: string } },
) {
  let tables = measured.get(ctx.con);
  if (!tables) {
    tables = new Map();
    measured.set(ctx.con, tables);
  }
  let facts = tables.get(t.name);
  if (!facts) {
    facts = measure(ctx, t.name, t.sequence.column, t.sequence.time);
    tables.set(t.name, facts);
  }
  return facts;
}
