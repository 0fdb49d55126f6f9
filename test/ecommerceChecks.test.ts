/**
 * The ecommerce pack's checks catch planted faults. One clean dataset (0.1x, month files, with
 * enough customers, products and orders that every realism check runs instead of skipping) is
 * copied, one rule is broken in its Parquet files with DuckDB, the manifest re-signed, and the
 * validator must name that rule.
 */
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../src/run/manifest.js';
import ecommerce from '../src/scenarios/ecommerce/index.js';
import { validateOutput } from '../src/validate/validate.js';
import { query, runCli, tempDir } from './helpers.js';

const root = tempDir('ecommerce-faults');
const clean = join(root, 'clean');

beforeAll(() => {
  const run = runCli([
    '--scenario',
    'ecommerce',
    '--scale',
    '0.1x',
    '--partition-by',
    'month',
    '--set',
    'customers.count=20000',
    '--set',
    'products.count=40000',
    '--set',
    'orders.per_year=100000',
    '--out',
    clean,
    '--no-validate',
  ]);
  expect(run.status, run.stderr).toBe(0);
});

const glob = (dir: string, table: string) =>
  `read_parquet('${join(dir, table, '**', '*.parquet')}', hive_partitioning = false)`;

/** One value from the clean output. */
async function pick(sql: string): Promise<string> {
  const rows = await query(
    sql.replaceAll('$', clean).replace(/\{(\w+)\}/g, (_, t: string) => glob(clean, t)),
  );
  return String(Object.values(rows[0]!)[0]);
}

/** Rewrites every file of `table` (or those holding rows matching `where`) with `select` (FROM f), and re-signs the manifest. */
async function rewrite(dir: string, table: string, select: string, where = 'true'): Promise<void> {
  const hits = await query(
    `SELECT DISTINCT filename AS f FROM read_parquet('${join(dir, table, '**', '*.parquet')}', filename = true, hive_partitioning = false) WHERE ${where}`,
  );
  const manifestPath = join(dir, '_manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const signed = new Map<string, { bytes: number; sha256: string }>();
  for (const { f } of hits as { f: string }[]) {
    await query(
      `COPY (SELECT ${select} FROM read_parquet('${f}', hive_partitioning = false) f) TO '${f}.new' (FORMAT parquet)`,
    );
    renameSync(`${f}.new`, f);
    const bytes = readFileSync(f);
    signed.set(relative(dir, f), {
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  const files = manifest.files.map((x) => ({ ...x, ...signed.get(x.path) }));
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, files }));
}

async function failing(dir: string): Promise<string[]> {
  const report = await validateOutput(dir, () => ecommerce);
  return report.checks.filter((c) => !c.pass).map((c) => c.name);
}

let n = 0;
/** A copy of the clean output with `faults` applied; returns the failing check names. */
async function planted(...faults: [table: string, select: string, where?: string][]): Promise<string[]> {
  const dir = join(root, `fault-${n++}`);
  cpSync(clean, dir, { recursive: true });
  for (const [table, select, where] of faults) await rewrite(dir, table, select, where);
  return failing(dir);
}

/** A fault on the rows matching `cond` of `table` (only their files are rewritten). */
const at = (table: string, cond: string, column: string, value: string): [string, string, string] => [
  table,
  when(cond, column, value),
  cond,
];

/** `* REPLACE (CASE WHEN cond THEN value ELSE column END AS column)` */
const when = (cond: string, column: string, value: string) =>
  `* REPLACE (CASE WHEN ${cond} THEN ${value} ELSE ${column} END AS ${column})`;

describe('ecommerce validation catches planted faults', () => {
  it('passes the clean output, with every check run (none skipped)', async () => {
    const report = await validateOutput(clean, () => ecommerce);
    expect(report.checks.filter((c) => !c.pass).map((c) => `${c.name}: ${c.measured}`)).toEqual([]);
    expect(report.checks.filter((c) => c.status === 'skip').map((c) => c.name)).toEqual([]);
  });

  describe('keys, time and money', () => {
    it('an order total off by a cent', async () => {
      expect(
        await planted(['orders', when('order_id = 1', 'total', 'total + 0.01'), 'order_id = 1']),
      ).toContain('orders whose total is not subtotal − discount + shipping_cost + tax');
    });

    it('an order shipped before it was placed', async () => {
      const id = await pick(`SELECT min(order_id) FROM {orders} WHERE shipped_at IS NOT NULL`);
      expect(
        await planted([
          'orders',
          when(`order_id = ${id}`, 'shipped_at', 'ordered_at - INTERVAL 1 HOUR'),
          `order_id = ${id}`,
        ]),
      ).toContain(
        'orders whose stages are out of order (ordered ≤ shipped ≤ delivered ≤ returned; canceled after ordered)',
      );
    });

    it('a canceled order that shipped', async () => {
      const id = await pick(`SELECT min(order_id) FROM {orders} WHERE status = 'canceled'`);
      expect(
        await planted([
          'orders',
          when(`order_id = ${id}`, 'shipped_at', 'canceled_at + INTERVAL 1 HOUR'),
          `order_id = ${id}`,
        ]),
      ).toEqual(['orders whose stage timestamps disagree with their status']);
    });

    it('an item whose quantity no longer adds up to its order', async () => {
      const failed = await planted([
        'order_items',
        '* REPLACE (CASE WHEN order_item_id = 1 THEN quantity + 1 ELSE quantity END AS quantity, CASE WHEN order_item_id = 1 THEN line_total + unit_price ELSE line_total END AS line_total)',
        'order_item_id = 1',
      ]);
      expect(failed).toContain('orders whose subtotal is not the sum of their items (or without items)');
      expect(failed).toContain('items without exactly one sale movement of −quantity');
    });

    it('a line total that is not quantity × unit_price − discount', async () => {
      expect(
        await planted([
          'order_items',
          when('order_item_id = 2', 'line_total', 'line_total + 1'),
          'order_item_id = 2',
        ]),
      ).toContain('items whose line_total is not quantity × unit_price − discount');
    });

    it('a product whose cost is not below its price', async () => {
      expect(await planted(['products', when('product_id = 1', 'cost', 'price')])).toEqual([
        'products whose cost is not below price (or not positive)',
      ]);
    });

    it('money stored as a float', async () => {
      expect(await planted(['products', '* REPLACE (price::DOUBLE AS price)'])).toContain(
        'money columns not DECIMAL(p,2)',
      );
    });

    it('an order placed before its customer registered', async () => {
      const customer = await pick(`SELECT customer_id FROM {orders} WHERE order_id = 1`);
      expect(
        await planted([
          'customers',
          when(`customer_id = ${customer}`, 'registered_at', "TIMESTAMPTZ '2024-06-01 00:00:00+00'"),
        ]),
      ).toContain('orders before their customer registered');
    });

    it('an item sold before its product existed', async () => {
      const product = await pick(`SELECT product_id FROM {order_items} WHERE order_item_id = 1`);
      expect(
        await planted([
          'products',
          when(`product_id = ${product}`, 'created_at', "TIMESTAMPTZ '2024-06-01 00:00:00+00'"),
        ]),
      ).toContain('items ordered before their product was created, or after it was discontinued');
    });
  });

  describe('customers and catalogue', () => {
    it('two customers sharing an email', async () => {
      const email = await pick(`SELECT email FROM {customers} WHERE customer_id = 1`);
      expect(await planted(['customers', when('customer_id = 2', 'email', `'${email}'`)])).toEqual([
        'customers sharing an email',
      ]);
    });

    it('a brand in two categories', async () => {
      const brand = await pick(`SELECT brand FROM {products} WHERE category = 'shoes' LIMIT 1`);
      expect(await planted(['products', when("category = 'books'", 'brand', `'${brand}'`)])).toContain(
        'brands in more than one category',
      );
    });

    it('a segment that disagrees with the customer’s orders', async () => {
      const id = await pick(`SELECT min(customer_id) FROM {customers} WHERE segment = 'vip'`);
      expect(await planted(['customers', when(`customer_id = ${id}`, 'segment', "'inactive'")])).toEqual([
        'customers whose segment disagrees with their orders',
      ]);
    });
  });

  describe('sessions and the funnel', () => {
    it('a converted session whose purchase event is gone', async () => {
      const id = await pick(`SELECT min(session_id) FROM {sessions} WHERE converted`);
      expect(
        await planted([
          'clickstream_events',
          when(`session_id = ${id} AND event_type = 'purchase'`, 'event_type', "'page_view'"),
          `session_id = ${id}`,
        ]),
      ).toContain('converted sessions without exactly one purchase event at their order’s ordered_at');
    });

    it('a converted session that never added to its cart', async () => {
      const id = await pick(`SELECT min(session_id) FROM {sessions} WHERE converted`);
      const failed = await planted([
        'clickstream_events',
        when(`session_id = ${id} AND event_type = 'add_to_cart'`, 'event_type', "'product_view'"),
        `session_id = ${id}`,
      ]);
      expect(failed).toContain('converted sessions whose first add_to_cart is not before the purchase');
      expect(failed).toContain('web order items their session never added to the cart');
    });

    it('an event before its session started', async () => {
      const id = await pick(`SELECT min(session_id) FROM {sessions} WHERE duration_s > 60`);
      expect(
        await planted([
          'clickstream_events',
          when(`session_id = ${id} AND position = 1`, 'event_ts', 'event_ts - INTERVAL 1 SECOND'),
          `session_id = ${id}`,
        ]),
      ).toContain('events outside their session’s [started_at, ended_at]');
    });

    it('a converted session that says it did not convert', async () => {
      const id = await pick(`SELECT min(session_id) FROM {sessions} WHERE converted`);
      expect(
        await planted(['sessions', when(`session_id = ${id}`, 'converted', 'false'), `session_id = ${id}`]),
      ).toContain('sessions whose converted disagrees with order_id, or converted anonymously');
    });

    it('a campaign on an unpaid visit', async () => {
      const id = await pick(`SELECT min(session_id) FROM {sessions} WHERE traffic_source = 'organic_search'`);
      expect(
        await planted([
          'sessions',
          when(`session_id = ${id}`, 'utm_campaign', "'brand_search'"),
          `session_id = ${id}`,
        ]),
      ).toEqual(['sessions with a utm_campaign unless from a paid source']);
    });

    it('a web order by someone else than its session’s customer', async () => {
      const id = await pick(`SELECT min(order_id) FROM {orders} WHERE channel = 'web'`);
      expect(
        await planted(['orders', when(`order_id = ${id}`, 'customer_id', '1'), `order_id = ${id}`]),
      ).toContain('orders keys that disagree with sessions (a web order’s customer is its session’s)');
    });
  });

  describe('inventory and reviews', () => {
    it('a stock_after off the running sum', async () => {
      expect(
        await planted([
          'inventory_movements',
          when('movement_id = 100', 'stock_after', 'stock_after + 1'),
          'movement_id = 100',
        ]),
      ).toEqual(['movements whose stock_after is not the running sum of quantity']);
    });

    it('negative stock', async () => {
      expect(
        await planted([
          'inventory_movements',
          when('movement_id = 100', 'stock_after', '-1'),
          'movement_id = 100',
        ]),
      ).toContain('movements leaving negative stock');
    });

    it('a sale booked as an adjustment', async () => {
      const id = await pick(
        `SELECT min(movement_id) FROM {inventory_movements} WHERE movement_type = 'sale'`,
      );
      const failed = await planted([
        'inventory_movements',
        when(`movement_id = ${id}`, 'movement_type', "'adjustment'"),
        `movement_id = ${id}`,
      ]);
      expect(failed).toContain('movements with an order_id unless a sale or return');
      expect(failed).toContain('items without exactly one sale movement of −quantity');
    });

    it('a canceled order whose lines were never put back', async () => {
      const id = await pick(`SELECT min(order_id) FROM {orders} WHERE status = 'canceled'`);
      expect(
        await planted([
          'orders',
          when(`order_id = ${id}`, 'canceled_at', 'canceled_at + INTERVAL 1 SECOND'),
          `order_id = ${id}`,
        ]),
      ).toEqual(['items of canceled orders not put back by an adjustment at canceled_at']);
    });

    it('a returned item without its return movement', async () => {
      const id = await pick(
        `SELECT min(movement_id) FROM {inventory_movements} WHERE movement_type = 'return'`,
      );
      expect(
        await planted([
          'inventory_movements',
          '* REPLACE (CASE WHEN movement_id = ' +
            id +
            " THEN 'adjustment' ELSE movement_type END AS movement_type, CASE WHEN movement_id = " +
            id +
            ' THEN NULL ELSE order_id END AS order_id)',
          `movement_id = ${id}`,
        ]),
      ).toEqual(['items whose return movements disagree with is_returned']);
    });

    it('a verified review of a product not in the order', async () => {
      const id = await pick(`SELECT min(review_id) FROM {reviews} WHERE verified_purchase`);
      expect(
        await planted([
          'reviews',
          when(`review_id = ${id}`, 'product_id', 'product_id % 50 + 1'),
          `review_id = ${id}`,
        ]),
      ).toContain('verified reviews of an item not in the order, or before its delivery');
    });

    it('a verified review flagged unverified', async () => {
      const id = await pick(`SELECT min(review_id) FROM {reviews} WHERE verified_purchase`);
      expect(
        await planted([
          'reviews',
          when(`review_id = ${id}`, 'verified_purchase', 'false'),
          `review_id = ${id}`,
        ]),
      ).toEqual(['reviews whose verified_purchase disagrees with order_id']);
    });
  });

  it('many rules at once, each broken in a row of its own', async () => {
    const one = (sql: string) => pick(sql);
    const bounce = await one(`SELECT min(session_id) FROM {sessions} WHERE page_views > 3 AND NOT converted`);
    const swap = await one(
      `SELECT min(session_id) FROM {sessions} WHERE page_views > 5 AND session_id > ${bounce}`,
    );
    const shifted = await one(
      `SELECT min(session_id) FROM {sessions} WHERE page_views > 5 AND session_id > ${swap}`,
    );
    const converted = await one(
      `SELECT session_id FROM {sessions} WHERE converted ORDER BY session_id LIMIT 1 OFFSET 3`,
    );
    const other = await one(
      `SELECT session_id FROM {sessions} WHERE converted ORDER BY session_id LIMIT 1 OFFSET 5`,
    );
    const pageView = await one(
      `SELECT min(event_id) FROM {clickstream_events} WHERE event_type = 'page_view' AND session_id > ${shifted}`,
    );
    const search = await one(
      `SELECT min(event_id) FROM {clickstream_events} WHERE event_type = 'search' AND session_id > ${shifted}`,
    );
    const signedIn = await one(
      `SELECT min(event_id) FROM {clickstream_events} WHERE customer_id IS NOT NULL AND session_id > ${shifted}`,
    );
    const app = await one(
      `SELECT min(order_id) FROM {orders} WHERE channel = 'app' AND status <> 'canceled'`,
    );
    const coupon = await one(
      `SELECT min(order_id) FROM {orders} WHERE promo_code IS NOT NULL AND order_id > ${app}`,
    );
    const shipping = await one(
      `SELECT min(order_id) FROM {orders} WHERE shipping_cost > 0 AND status = 'delivered' AND order_id > ${coupon}`,
    );
    const late = await one(
      `SELECT min(order_id) FROM {orders} WHERE status = 'delivered' AND order_id > ${shipping}`,
    );
    const taxed = await one(
      `SELECT min(order_id) FROM {orders} WHERE tax > 0 AND status = 'delivered' AND order_id > ${late}`,
    );
    const item = await one(`SELECT max(order_item_id) FROM {order_items}`);
    const appSession = await one(`SELECT max(order_id) FROM {orders} WHERE channel = 'app'`);
    const restock = await one(
      `SELECT min(movement_id) FROM {inventory_movements} WHERE movement_type = 'restock'`,
    );
    const launch = await one(
      `SELECT min(m.movement_id) FROM {inventory_movements} m JOIN {products} p USING (product_id) WHERE m.movement_type = 'restock' AND m.moved_at = p.created_at`,
    );
    const sale = await one(`SELECT min(movement_id) FROM {inventory_movements} WHERE movement_type = 'sale'`);
    const unverified = await one(`SELECT min(review_id) FROM {reviews} WHERE NOT verified_purchase`);
    const verified = await one(`SELECT max(review_id) FROM {reviews} WHERE verified_purchase`);
    const newest = await one(`SELECT max(customer_id) FROM {customers}`);
    const otherOrder = await one(`SELECT order_id FROM {sessions} WHERE session_id = ${other}`);
    const failed = await planted(
      at('customers', 'customer_id = 3', 'email', 'upper(email)'),
      at('products', 'product_id = 2', 'sku', "'XXX-' || sku"),
      at('products', 'product_id = 3', 'attributes', "'size: M'"),
      ['products', '* REPLACE (CASE WHEN product_id = 4 THEN NOT is_active ELSE is_active END AS is_active)'],
      at('sessions', 'session_id = 5', 'ended_at', 'ended_at + INTERVAL 1 SECOND'),
      at('sessions', `session_id = ${bounce}`, 'page_views', 'page_views + 1'),
      at('sessions', `session_id = ${converted}`, 'order_id', otherOrder),
      [
        'sessions',
        '* REPLACE (CASE WHEN session_id = ' +
          other +
          ' THEN false ELSE converted END AS converted, CASE WHEN session_id = ' +
          other +
          ' THEN NULL ELSE order_id END AS order_id)',
      ],
      at('clickstream_events', `session_id = ${swap} AND position IN (2, 3)`, 'position', '5 - position'),
      at('clickstream_events', `session_id = ${shifted} AND position = 1`, 'position', '0'),
      at('clickstream_events', `event_id = ${pageView}`, 'product_id', '1'),
      at('clickstream_events', `event_id = ${search}`, 'search_query', 'NULL'),
      at('clickstream_events', `event_id = ${signedIn}`, 'customer_id', 'customer_id % 100 + 1'),
      at('orders', `order_id = ${app}`, 'channel', "'phone'"),
      at('orders', `order_id = ${coupon}`, 'promo_code', 'NULL'),
      [
        'orders',
        '* REPLACE (CASE WHEN order_id = ' +
          shipping +
          ' THEN -shipping_cost ELSE shipping_cost END AS shipping_cost, CASE WHEN order_id = ' +
          shipping +
          ' THEN total - 2 * shipping_cost ELSE total END AS total)',
      ],
      at('orders', `order_id = ${late}`, 'delivered_at', "TIMESTAMPTZ '2024-02-01 00:00:00+00'"),
      [
        'orders',
        '* REPLACE (CASE WHEN order_id = ' +
          taxed +
          ' THEN tax + 0.01 ELSE tax END AS tax, CASE WHEN order_id = ' +
          taxed +
          ' THEN total + 0.01 ELSE total END AS total)',
      ],
      at('order_items', `order_item_id = ${item}`, 'ordered_at', 'ordered_at + INTERVAL 1 SECOND'),
      at('order_items', 'order_item_id = 1', 'unit_price', 'unit_price * 10'),
      at('orders', `order_id = ${appSession}`, 'session_id', '1'),
      at('inventory_movements', `movement_id = ${restock}`, 'quantity', '-quantity'),
      at('inventory_movements', `movement_id = ${launch}`, 'moved_at', 'moved_at - INTERVAL 1 SECOND'),
      at('inventory_movements', `movement_id = ${sale}`, 'moved_at', 'moved_at + INTERVAL 1 SECOND'),
      at('reviews', `review_id = ${unverified}`, 'customer_id', newest),
      at('reviews', `review_id = ${unverified}`, 'rating', '6'),
      at('reviews', `review_id = ${verified}`, 'customer_id', 'customer_id % 100 + 1'),
    );
    for (const name of [
      "emails that are not lower case or have no '@'",
      'SKUs not starting with their category code',
      'products whose attributes are not a JSON object',
      'products whose is_active disagrees with discontinued_at, or discontinued before launch',
      'sessions whose ended_at is not started_at + duration_s',
      'sessions whose page_views or landing_page disagree with their events',
      'sessions keys that disagree with orders (a converted session’s order names it back)',
      'converted sessions = plan (exact)',
      'web orders not placed by a converted session naming them, or sessions with two orders',
      'events whose position disagrees with their time order',
      'sessions whose event positions are not 1..n',
      'events with a product_id unless a product event (or without one if so)',
      'events with a search_query unless a search',
      'clickstream_events keys that disagree with sessions (customer or device)',
      'orders by channel = plan (exact)',
      'orders whose promo_code disagrees with the discount',
      'orders with a negative amount or a discount above the subtotal',
      'orders with a stage after the end of the window',
      'revenue (Σ total of orders not canceled) = plan (exact)',
      'order_items keys that disagree with orders (ordered_at)',
      'items with quantity < 1, a negative discount, or a unit price not in (0, price]',
      'orders with a session_id unless web',
      'movements whose quantity’s sign disagrees with their type',
      'movements before their product was created',
      'inventory_movements keys that disagree with orders (sales at ordered_at, returns at returned_at)',
      'reviews before their customer registered',
      'ratings outside 1–5',
      'reviews keys that disagree with orders (a verified review’s author is the buyer)',
    ])
      expect(failed).toContain(name);
  });

  describe('realism', () => {
    it('no weekend peak', async () => {
      expect(
        await planted([
          'sessions',
          '* REPLACE (started_at + INTERVAL 2 DAY AS started_at, ended_at + INTERVAL 2 DAY AS ended_at)',
        ]),
      ).toContain('sessions per weekend day over per weekday');
    });

    it('every session converting', async () => {
      expect(await planted(['sessions', '* REPLACE (true AS converted)'])).toContain(
        'web conversion rate (converted sessions / sessions)',
      );
    });

    it('orders spread evenly over customers', async () => {
      expect(await planted(['orders', '* REPLACE (order_id % 2000 + 1 AS customer_id)'])).toContain(
        'share of orders placed by the top 10 % of buyers',
      );
    });

    it('phone and marketplace orders swapped', async () => {
      expect(
        await planted([
          'orders',
          "* REPLACE (CASE channel WHEN 'phone' THEN 'marketplace' WHEN 'marketplace' THEN 'phone' ELSE channel END AS channel)",
        ]),
      ).toContain('order value phone > web > marketplace, marketplace baskets smallest');
    });

    it('one margin for every category', async () => {
      expect(await planted(['products', '* REPLACE (round(price / 2, 2)::DECIMAL(10,2) AS cost)'])).toEqual([
        'mean margin per category off the configured margin by at most',
      ]);
    });

    it('ratings all five stars', async () => {
      const failed = await planted(['reviews', '* REPLACE (5 AS rating)']);
      expect(failed).toEqual([
        'ratings J-shaped (5 > 4 > 3 stars, 1 > 2)',
        'mean rating of kept items over returned ones',
      ]);
    });

    it('prices three times the configured ones', async () => {
      expect(await planted(['products', '* REPLACE (price * 3 AS price, cost * 3 AS cost)'])).toContain(
        'log price per category: mean and sd off the configured log-normal by at most',
      );
    });

    it('nothing ever returned', async () => {
      expect(await planted(['order_items', '* REPLACE (false AS is_returned)'])).toContain(
        'return rate per category off the configured rate, in tolerances (15 % + 3 σ)',
      );
    });

    it('visits twelve hours off the US evening', async () => {
      expect(
        await planted([
          'sessions',
          '* REPLACE (started_at + INTERVAL 12 HOUR AS started_at, ended_at + INTERVAL 12 HOUR AS ended_at)',
        ]),
      ).toContain('sessions in the US evening (23–05 h UTC) over the US night (07–13 h UTC)');
    });

    it('traffic sources that all convert alike', async () => {
      const failed = await planted([
        'sessions',
        "* REPLACE (CASE WHEN traffic_source = 'direct' THEN 'direct' ELSE 'organic_search' END AS traffic_source)",
      ]);
      expect(failed).toContain('conversion by traffic source: best over worst');
    });

    it('desktop and mobile swapped', async () => {
      const failed = await planted([
        'sessions',
        "* REPLACE (CASE device_type WHEN 'desktop' THEN 'mobile' WHEN 'mobile' THEN 'desktop' ELSE device_type END AS device_type)",
      ]);
      expect(failed).toContain('conversion: desktop over mobile');
      expect(failed).toContain('median session duration: mobile over desktop');
    });

    it('every order by one customer', async () => {
      const failed = await planted(['orders', '* REPLACE (1 AS customer_id)']);
      expect(failed).toContain('orders per buyer: most common count');
      expect(failed).toContain('most orders by one buyer in the window');
    });

    it('a Black Friday like any other day', async () => {
      expect(
        await planted([
          'orders',
          when(
            "ordered_at::DATE = DATE '2023-11-24' AND order_id % 3 <> 0",
            'ordered_at',
            'ordered_at + INTERVAL 1 DAY',
          ),
        ]),
      ).toContain('orders on Black Friday 2023-11-24 over the median day of the 4 weeks before');
    });

    it('a December like any other month', async () => {
      expect(
        await planted([
          'orders',
          when(
            'month(ordered_at) = 12 AND day(ordered_at) <= 20 AND order_id % 2 = 0',
            'ordered_at',
            'ordered_at - INTERVAL 30 DAY',
          ),
        ]),
      ).toContain('orders per day in December (1–20) over January–October');
    });
  });
});
