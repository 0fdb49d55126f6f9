/**
 * The ecommerce pack is prefix-stable: the same config with its window ending 3 days later (same
 * start) writes the immutable tables' earlier days byte for byte, keeps every id of the mutable
 * tables (snapshots as of the end) with the same immutable columns, and adds the new days.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/run/manifest.js';
import { query, runCli, tableGlob, tempDir } from '../../helpers.js';

const root = tempDir('ecommerce-prefix');
const first = join(root, 'first');
const second = join(root, 'second');
// Over Black Friday and a month's end: busy days, cancelations, deliveries and returns.
const END = '2023-11-28';
const NEW_DAYS = ['2023-11-29', '2023-11-30', '2023-12-01'];

const IMMUTABLE = ['sessions', 'clickstream_events', 'inventory_movements', 'reviews'];
/** Mutable tables: key, and the columns that must not change once the row exists. */
const MUTABLE: Record<string, { key: string; fixed: string[] }> = {
  customers: {
    key: 'customer_id',
    fixed: [
      'first_name',
      'last_name',
      'email',
      'phone',
      'birth_date',
      'gender',
      'city',
      'state',
      'country',
      'postal_code',
      'registered_at',
      'acquisition_channel',
      'marketing_opt_in',
    ],
  },
  products: {
    key: 'product_id',
    fixed: [
      'sku',
      'product_name',
      'category',
      'subcategory',
      'brand',
      'cost',
      'created_at',
      'weight_grams',
      'attributes',
    ],
  },
  orders: {
    key: 'order_id',
    fixed: [
      'customer_id',
      'ordered_at',
      'channel',
      'session_id',
      'payment_method',
      'currency',
      'subtotal',
      'discount',
      'shipping_cost',
      'tax',
      'total',
      'promo_code',
      'shipping_city',
      'shipping_state',
      'shipping_postal_code',
      'shipping_country',
    ],
  },
  order_items: {
    key: 'order_item_id',
    fixed: ['order_id', 'product_id', 'quantity', 'unit_price', 'discount', 'line_total', 'ordered_at'],
  },
};

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, '_manifest.json'), 'utf8')) as Manifest;
/** The day of a partitioned file's path (`…/x_date=YYYY-MM-DD/…`), or undefined for a dimension. */
const dayOf = (path: string) => /=(\d{4}-\d{2}-\d{2})\//.exec(path)?.[1];

beforeAll(() => {
  const run = (out: string, end: string, days: number) => {
    const r = runCli([
      '--scenario',
      'ecommerce',
      '--scale',
      '0.05x',
      // Busier than 0.05x of the web: late sessions that would run past midnight, on the last day too.
      '--set',
      'sessions.per_day=10000',
      '--set',
      `time.end=${end}`,
      '--set',
      `time.days=${days}`,
      '--out',
      out,
      '--no-validate',
    ]);
    expect(r.status, r.stderr).toBe(0);
  };
  run(first, END, 20);
  run(second, '2023-12-01', 23);
});

describe('ecommerce: a window ending 3 days later (same start)', () => {
  it('writes every immutable table’s files up to the first end with the same paths and sha256', () => {
    const upTo = (m: Manifest, table: string) =>
      m.files.filter((f) => f.table === table && dayOf(f.path)! <= END).map((f) => [f.path, f.sha256]);
    const [a, b] = [manifestOf(first), manifestOf(second)];
    for (const table of IMMUTABLE) {
      expect(upTo(a, table).length, table).toBeGreaterThan(0);
      expect(upTo(b, table), table).toEqual(upTo(a, table));
    }
  });

  it.each(Object.entries(MUTABLE))(
    'keeps every %s id of the first with the same immutable columns',
    async (table, { key, fixed }) => {
      const cols = [key, ...fixed].join(', ');
      const [r] = await query(
        `SELECT (SELECT count(*) FROM ${tableGlob(first, table)}) AS rows,
                (SELECT count(*) FROM (SELECT ${cols} FROM ${tableGlob(first, table)}
                                       EXCEPT SELECT ${cols} FROM ${tableGlob(second, table)})) AS lost`,
      );
      expect(Number(r!.rows)).toBeGreaterThan(0);
      expect(Number(r!.lost)).toBe(0);
    },
  );

  it('snapshots orders as of the new end: some order of the first moved on', async () => {
    const [r] = await query(
      `SELECT count(*) AS n FROM ${tableGlob(first, 'orders')} a JOIN ${tableGlob(second, 'orders')} b USING (order_id)
       WHERE a.status <> b.status`,
    );
    expect(Number(r!.n)).toBeGreaterThan(0);
  });

  it('adds files for the 3 new days, which the first does not have', () => {
    const days = (m: Manifest, table: string) =>
      new Set(m.files.filter((f) => f.table === table).map((f) => dayOf(f.path)));
    for (const table of ['sessions', 'clickstream_events', 'orders', 'order_items', 'inventory_movements']) {
      const [a, b] = [days(manifestOf(first), table), days(manifestOf(second), table)];
      for (const day of NEW_DAYS) {
        expect(b.has(day), `${table} ${day}`).toBe(true);
        expect(a.has(day), `${table} ${day}`).toBe(false);
      }
    }
  });
});
