/**
 * What `load --to csv:DIR` writes for each column: a DuckDB expression over the Parquet columns.
 * Timestamps and dates are formatted here rather than by COPY, which would print a TIMESTAMPTZ in the
 * session's time zone with its offset: a timestamp becomes its UTC time, `YYYY-MM-DD HH:MM:SS`, with
 * six fractional digits only when its TableSpec declares it `subsecond` (whole-second columns refuse
 * a value with a fraction rather than drop it); a date `YYYY-MM-DD`. Numbers, decimals (`12.30`),
 * booleans (`true`/`false`) and text are written as DuckDB prints them, which depends on no locale.
 */
import type { TableSpec } from '../schema/tableSpec.js';
import { type LoadColumn, loadColumns } from './loadColumns.js';
import { sqlString } from './parquetSource.js';
import { quoteDuck } from './wireColumns.js';

const SECONDS = '%Y-%m-%d %H:%M:%S';
const MICROS = `${SECONDS}.%f`;
const DATE = '%Y-%m-%d';

function csvValue(table: string, c: LoadColumn): string {
  const q = quoteDuck(c.name);
  if (c.type === 'timestamp') {
    if (c.subsecond) return `strftime(timezone('UTC', ${q}), '${MICROS}')`;
    const why = `${table}.${c.name} has a fraction of a second at `;
    return (
      `CASE WHEN epoch_us(${q}) % 1000000 <> 0 ` +
      `THEN error(${sqlString(why)} || strftime(timezone('UTC', ${q}), '${MICROS}') || ' UTC, but its TableSpec declares whole seconds (mark it subsecond)') ` +
      `ELSE strftime(timezone('UTC', ${q}), '${SECONDS}') END`
    );
  }
  if (c.type === 'date')
    // The Hive partition is not in the files: it is the UTC date of its time column.
    return c.source === undefined
      ? `strftime(${q}, '${DATE}')`
      : `strftime(CAST(timezone('UTC', ${quoteDuck(c.source)}) AS DATE), '${DATE}')`;
  return q;
}

/** The select list of a table's CSV: its load columns (the TableSpec's, then the partition date), in order. */
export function csvSelectList(spec: TableSpec): string {
  return loadColumns(spec)
    .map((c) => `${csvValue(spec.name, c)} AS ${quoteDuck(c.name)}`)
    .join(', ');
}

/** A query with the table's columns and no rows: the header of a table without files. */
export function csvHeaderOnly(spec: TableSpec): string {
  return `SELECT ${loadColumns(spec)
    .map((c) => `NULL AS ${quoteDuck(c.name)}`)
    .join(', ')} WHERE false`;
}

/** COPY's options: RFC 4180 quoting (only where needed, `"` doubled), NULL as an empty field, LF line ends. */
export const csvCopyOptions = (header: boolean) =>
  `FORMAT csv, HEADER ${header}, DELIMITER ',', QUOTE '"', ESCAPE '"', NULLSTR '', COMPRESSION 'none'`;
