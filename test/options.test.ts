import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors.js';
import { MAX_SCALE, parseChanges, parseScale, parseTableFormat, parseTables } from '../src/options.js';
import ecommerce from '../src/scenarios/ecommerce/index.js';
import tapflow from '../src/scenarios/tapflow/index.js';
import { TABLES } from '../src/scenarios/tapflow/tables.js';

const TABLE_NAMES = TABLES.map((t) => t.name);

const MIN_SCALE = 0.001;
const accepted = 'accepted: 0.001x to 1000x';

describe('parseScale', () => {
  it.each([
    ['0.001x', MIN_SCALE],
    ['1e-3x', MIN_SCALE],
    ['0.01x', 0.01],
    ['1', 1],
    ['2.5x', 2.5],
    ['1000x', MAX_SCALE],
  ])('accepts %s', (text, value) => {
    expect(parseScale(text, MIN_SCALE)).toBe(value);
  });

  // Below 0.001x some seeds plan an empty fact table (or none at all) and the run cannot validate.
  it.each([
    ['1e-9', `--scale 1e-9: too small for every table to get rows; ${accepted}`],
    ['4e-7', `--scale 4e-7: too small for every table to get rows; ${accepted}`],
    ['0.0001x', `--scale 0.0001x: too small for every table to get rows; ${accepted}`],
    ['0.00099', `--scale 0.00099: too small for every table to get rows; ${accepted}`],
    ['1001', `--scale 1001: too large; ${accepted}`],
  ])('refuses %s in one line', (text, message) => {
    expect(() => parseScale(text, MIN_SCALE)).toThrow(new UsageError(message));
  });
});

describe('parseTables', () => {
  it('keeps the listed tables in table order', () => {
    expect(parseTables(' tap_events,accounts ', TABLE_NAMES)).toEqual(['accounts', 'tap_events']);
  });

  it.each([[''], [','], [' '], [' , ,']])('refuses %j: an empty list is not "all tables"', (text) => {
    expect(() => parseTables(text, TABLE_NAMES)).toThrow(
      new UsageError(
        `--tables '${text}': names no table; accepted: a comma-separated list of ${TABLE_NAMES.join(', ')} (leave --tables out for all)`,
      ),
    );
  });

  it('names an unknown table', () => {
    expect(() => parseTables('accounts,nope', TABLE_NAMES)).toThrow(
      /^--tables accounts,nope: unknown table nope; accepted: /,
    );
  });
});

describe('parseChanges', () => {
  it('adds the change logs of the chosen mutable tables, after every table', () => {
    expect(parseChanges(ecommerce, ['customers', 'sessions', 'orders'], true)).toEqual([
      'customers',
      'sessions',
      'orders',
      'customers_changes',
      'orders_changes',
    ]);
    expect(parseChanges(ecommerce, ['customers'], false)).toEqual(['customers']);
  });

  it('refuses --changes where no chosen table is mutable, saying what is accepted', () => {
    expect(() => parseChanges(ecommerce, ['sessions'], true)).toThrow(
      /^--changes: none of the chosen tables is mutable; accepted: --tables with one of customers, products, orders, order_items$/,
    );
    expect(() => parseChanges(tapflow, TABLE_NAMES, true)).toThrow(
      /^--changes: the tapflow scenario writes no change logs yet; accepted: /,
    );
  });
});

describe('parseTableFormat', () => {
  it('takes none or iceberg, in any case, and refuses anything else naming what is accepted', () => {
    expect(parseTableFormat('none')).toBe('none');
    expect(parseTableFormat(' Iceberg ')).toBe('iceberg');
    expect(() => parseTableFormat('delta')).toThrow(
      new UsageError('--table-format delta: accepted: none, iceberg'),
    );
  });
});
