// How DuckDB (the project's validator, and the reader most users will point at the files) reads what a
// candidate wrote: row count, codecs, the Parquet types of the timestamp and decimal columns, their
// DuckDB types, whole-column sums of both, and an exact comparison of every column on sample rows.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_TABLE, decimalText } from './data.mjs';

const SAMPLE_ROWS = 2000;
const sql = (text) => `'${text.replaceAll("'", "''")}'`;

/** What the read-back compares against, computed once from the generated rows. */
export function expectations(batch, cents) {
  let tsSum = 0n;
  let centsSum = 0;
  for (let i = 0; i < batch.rows; i++) {
    tsSum += batch.columns.event_ts[i];
    centsSum += cents[i];
  }
  const step = Math.max(1, Math.floor(batch.rows / SAMPLE_ROWS));
  const sample = [];
  for (let i = 0; i < batch.rows; i += step) sample.push(i);
  return { batch, cents, tsSum, centsText: decimalText(centsSum), sample };
}

/** The value DuckDB should return for row i of a column, in the shape of getRowObjectsJS(). */
function expectedValue(exp, c, i) {
  const values = exp.batch.columns[c.name];
  const validity = exp.batch.validity[c.name];
  if (validity && !validity[i]) return null;
  switch (c.type) {
    case 'int64':
    case 'timestamp':
      return String(values[i]);
    case 'enum':
      return c.members[values[i]];
    case 'bool':
      return values[i] === 1;
    case 'decimal':
      return decimalText(exp.cents[i]);
    default:
      return values[i];
  }
}

/** One value as SQL that DuckDB returns comparably whatever type a writer chose (µs since epoch for timestamps). */
function selectOf(c, duckType) {
  const q = `"${c.name}"`;
  if (c.type === 'timestamp')
    return duckType.startsWith('TIMESTAMP') ? `epoch_us(${q})::VARCHAR AS ${q}` : `${q}::VARCHAR AS ${q}`;
  if (c.type === 'int64' || c.type === 'decimal') return `${q}::VARCHAR AS ${q}`;
  return q;
}

export async function readBack(con, dir, exp) {
  const paths = readdirSync(dir)
    .filter((n) => n.endsWith('.parquet'))
    .sort()
    .map((n) => join(dir, n));
  const bytes = paths.reduce((a, p) => a + statSync(p).size, 0);
  const list = `[${paths.map(sql).join(', ')}]`;
  const rows = async (q) => (await con.runAndReadAll(q)).getRowObjectsJS();
  const [{ n }] = await rows(`SELECT count(*)::INTEGER AS n FROM read_parquet(${list})`);
  const codecs = (await rows(`SELECT DISTINCT compression FROM parquet_metadata(${list}) ORDER BY 1`)).map(
    (r) => r.compression,
  );
  const stringEncodings = (
    await rows(
      `SELECT DISTINCT encodings FROM parquet_metadata(${list}) WHERE path_in_schema = 'beverage_type' ORDER BY 1`,
    )
  ).map((r) => r.encodings);
  const parquetTypes = Object.fromEntries(
    (
      await rows(
        `SELECT name, type, converted_type, logical_type FROM parquet_schema(${sql(paths[0])}) WHERE name IN ('event_ts', 'price_usd')`,
      )
    ).map((r) => [r.name, [r.type, r.converted_type, r.logical_type].filter(Boolean).join(' / ')]),
  );
  const duckTypes = Object.fromEntries(
    (await rows(`DESCRIBE SELECT * FROM read_parquet(${list})`)).map((r) => [r.column_name, r.column_type]),
  );
  const ts = duckTypes.event_ts ?? '';
  const tsExpr = ts.startsWith('TIMESTAMP') ? 'epoch_us(event_ts)' : 'event_ts';
  const [sums] = await rows(
    `SELECT sum(${tsExpr}::HUGEINT)::VARCHAR AS ts, sum(price_usd)::VARCHAR AS price,
            count(*) FILTER (WHERE anomaly_type IS NULL)::INTEGER AS nulls
     FROM read_parquet(${list})`,
  );
  const expectedNulls = exp.batch.validity.anomaly_type.reduce((a, v) => a + (v ? 0 : 1), 0);
  const sample = await rows(
    `SELECT ${BENCH_TABLE.columns.map((c) => selectOf(c, duckTypes[c.name] ?? '')).join(', ')}
     FROM read_parquet(${list}) AS t WHERE t.event_id IN (${exp.sample.map((i) => i + 1).join(', ')}) ORDER BY t.event_id`,
  );
  // Per column: how many sample rows differ, and the first one.
  const wrong = {};
  if (sample.length !== exp.sample.length)
    wrong.rows = { count: 1, example: `${sample.length} of ${exp.sample.length}` };
  sample.forEach((row, k) => {
    const i = exp.sample[k];
    for (const c of BENCH_TABLE.columns) {
      const want = expectedValue(exp, c, i);
      if (row[c.name] === want) continue;
      wrong[c.name] ??= { count: 0, example: `row ${i + 1}: ${row[c.name]} instead of ${want}` };
      wrong[c.name].count++;
    }
  });
  const mismatches = Object.entries(wrong).map(
    ([name, w]) => `${name}: ${w.count} of ${exp.sample.length} sample rows differ (${w.example})`,
  );
  const tsValuesExact = sums.ts === String(exp.tsSum) && !wrong.event_ts && !wrong.rows;
  const decimalExact = sums.price === exp.centsText && !wrong.price_usd && !wrong.rows;
  return {
    files: paths.length,
    bytes,
    rows: n,
    codecs,
    stringEncodings,
    parquetTypes,
    duckTypes: { event_ts: ts, price_usd: duckTypes.price_usd },
    utcTimestamps: tsValuesExact && ts === 'TIMESTAMP WITH TIME ZONE',
    tsValuesExact,
    decimals: decimalExact && duckTypes.price_usd === 'DECIMAL(10,2)',
    decimalExact,
    nullsExact: sums.nulls === expectedNulls,
    decimalWrongRows: wrong.price_usd?.count ?? 0,
    sampleRows: exp.sample.length,
    mismatches,
  };
}
