/**
 * The public schema of the ecommerce pack (contract: scenarios/ecommerce.md), declared once: Arrow
 * assembly, the Parquet sink, validation and the data dictionary read it. Contract names and types
 * are kept; extra columns (discontinued_at, promo_code, is_returned, device_type of an event) add realism.
 */

import { withChangeLogs } from '../../schema/changeLog.js';
import { col, decimalCol, enumCol, subsecond, type TableSpec } from '../../schema/tableSpec.js';
import {
  ACQUISITION,
  BROWSERS,
  CAMPAIGNS,
  CATEGORIES,
  CHANNELS,
  COUPONS,
  DEVICES,
  EVENT_TYPES,
  GENDERS,
  MOVEMENT_TYPES,
  OPERATING_SYSTEMS,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  SEGMENTS,
  SOURCES,
} from './vocabulary.js';

export const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'IE', 'AU', 'MX', 'IN'] as const;

export const CUSTOMERS: TableSpec = {
  name: 'customers',
  kind: 'dimension',
  mutable: true,
  description: 'Registered shoppers; ids ascend with registration (some before the window).',
  rowsAt1x: '10,000 exactly',
  primaryKey: 'customer_id',
  foreignKeys: [],
  bytesPerRow: 90,
  entity: { name: ['first_name', 'last_name'], date: 'birth_date', other: 'city' },
  columns: [
    col('customer_id', 'int32', 'Primary key, 1..N in registration order.'),
    col('first_name', 'string', 'Given name.'),
    col('last_name', 'string', 'Family name.'),
    col('email', 'string', 'Unique; lower case.'),
    col(
      'phone',
      'string',
      'As typed: (212) 555-0147, 212-555-0147 or +1 212 555 0147; the city’s area code.',
    ),
    col('birth_date', 'date', 'Age 18–85 at registration, normal around 39.'),
    enumCol('gender', GENDERS, 'Self-reported.'),
    col('city', 'string', 'A real city, by population.'),
    col('state', 'string', 'US state or Canadian province code.'),
    col('country', 'string', 'US (88 %) or CA.'),
    col('postal_code', 'string', 'A real postal code of the city.'),
    col(
      'registered_at',
      'timestamp',
      'Account creation; before every session, order and review of the customer.',
    ),
    enumCol('acquisition_channel', ACQUISITION, 'How the customer first came.'),
    enumCol(
      'segment',
      SEGMENTS,
      'From the window’s orders: vip ≥ 10, regular ≥ 2, new (registered in the last 90 days, ≤ 1 order), one_time 1, inactive 0.',
    ),
    col('marketing_opt_in', 'bool', 'Accepts marketing email.'),
  ],
};

export const PRODUCTS: TableSpec = {
  name: 'products',
  kind: 'dimension',
  mutable: true,
  description: 'The catalogue: category → subcategory → brand; ids ascend with created_at.',
  rowsAt1x: '5,000 exactly',
  primaryKey: 'product_id',
  foreignKeys: [],
  bytesPerRow: 120,
  columns: [
    col('product_id', 'int32', 'Primary key, 1..N in launch order.'),
    col('sku', 'string', 'Category code, subcategory code, number in the category: ELE-LAP-00042.'),
    col('product_name', 'string', 'Brand, series and noun (apparel and shoes add a colour); books a title.'),
    enumCol('category', CATEGORIES, 'Top of the tree.'),
    col('subcategory', 'string', 'Within the category; follows the price band (laptops are never $20).'),
    col('brand', 'string', 'Belongs to one category.'),
    decimalCol('price', 'List price, USD: log-normal per category, charm endings (.99).'),
    decimalCol('cost', 'Unit cost, USD: below price by the category margin.'),
    col('created_at', 'timestamp', 'Launch; before the product’s first order.'),
    col('is_active', 'bool', 'False once discontinued.'),
    col('discontinued_at', 'timestamp', 'When it stopped selling; null while active.', true),
    col('weight_grams', 'int32', 'Shipping weight.'),
    col(
      'attributes',
      'string',
      'JSON object by kind: apparel {sizes, color, material, fit}, shoes {sizes, color, width, material}, tech {color, ram_gb, storage_gb, screen_in, warranty_months}, books {format, pages, language, isbn13}, …',
    ),
  ],
};

export const SESSIONS: TableSpec = {
  name: 'sessions',
  kind: 'fact',
  description: 'Web visits (desktop, mobile and tablet browsers); the app, phone and marketplaces have none.',
  rowsAt1x: '365,000 exactly (1,000 a day on average, by the calendar)',
  primaryKey: 'session_id',
  sequence: { column: 'session_id', time: 'started_at' },
  partition: { column: 'session_date', source: 'started_at' },
  foreignKeys: [
    { column: 'customer_id', references: 'customers.customer_id' },
    { column: 'order_id', references: 'orders.order_id' },
  ],
  bytesPerRow: 45,
  columns: [
    col('session_id', 'int64', 'Sequence 1..N, ascending with started_at.'),
    col(
      'customer_id',
      'int32',
      'Signed-in customer; null for anonymous visitors (never for a converting session).',
      true,
    ),
    subsecond(col('started_at', 'timestamp', 'First event.')),
    subsecond(col('ended_at', 'timestamp', 'started_at + duration_s; at or after the last event.')),
    col('duration_s', 'int32', 'Whole seconds; 0 for a bounce; at most 2 hours.'),
    enumCol('device_type', DEVICES, 'Browser device.'),
    enumCol('browser', BROWSERS, 'By device and OS.'),
    enumCol('os', OPERATING_SYSTEMS, 'By device.'),
    enumCol('traffic_source', SOURCES, 'Where the visit came from.'),
    enumCol('utm_campaign', CAMPAIGNS, 'Campaign of a paid source; null otherwise.', true),
    col('landing_page', 'string', 'URL of the first event.'),
    col('city', 'string', 'The customer’s city, else where the visitor browses from.'),
    enumCol('country', COUNTRIES, 'ISO code.'),
    col('page_views', 'int32', 'Events that load a page (all but add_to_cart and remove_from_cart).'),
    col('converted', 'bool', 'Ended in a purchase.'),
    col('order_id', 'int64', 'The order it placed; null unless converted.', true),
  ],
};

export const CLICKSTREAM: TableSpec = {
  name: 'clickstream_events',
  kind: 'fact',
  description: 'Every event of every session, in time order across sessions.',
  rowsAt1x: '~5,000,000 (±10 %)',
  primaryKey: 'event_id',
  sequence: { column: 'event_id', time: 'event_ts' },
  partition: { column: 'event_date', source: 'event_ts' },
  foreignKeys: [
    { column: 'session_id', references: 'sessions.session_id' },
    { column: 'customer_id', references: 'customers.customer_id' },
    { column: 'product_id', references: 'products.product_id' },
  ],
  bytesPerRow: 14,
  columns: [
    col('event_id', 'int64', 'Sequence 1..N, ascending with event_ts.'),
    col('session_id', 'int64', 'The session.'),
    col('customer_id', 'int32', 'The session’s customer; null when anonymous.', true),
    subsecond(col('event_ts', 'timestamp', 'Within [started_at, ended_at] of the session.')),
    enumCol('event_type', EVENT_TYPES, 'Funnel step.'),
    col('page_url', 'string', 'Path of the page: /, /c/…, /search?q=…, /p/<sku>, /cart, /checkout, …'),
    col('product_id', 'int32', 'Set for product_view, add_to_cart and remove_from_cart only.', true),
    col('search_query', 'string', 'Set for search only.', true),
    col('position', 'int32', '1..n within the session, in time order.'),
    enumCol('device_type', DEVICES, 'The session’s device.'),
  ],
};

export const ORDERS: TableSpec = {
  name: 'orders',
  kind: 'fact',
  mutable: true,
  description: 'Orders of every channel; web orders come from converting sessions.',
  rowsAt1x: '50,000 exactly over a 365-day window (per_year a year, by the calendar)',
  primaryKey: 'order_id',
  sequence: { column: 'order_id', time: 'ordered_at' },
  partition: { column: 'order_date', source: 'ordered_at' },
  foreignKeys: [
    { column: 'customer_id', references: 'customers.customer_id' },
    { column: 'session_id', references: 'sessions.session_id' },
  ],
  bytesPerRow: 60,
  columns: [
    col('order_id', 'int64', 'Sequence 1..N, ascending with ordered_at.'),
    col('customer_id', 'int32', 'Registered before ordered_at.'),
    subsecond(col('ordered_at', 'timestamp', 'A web order: its session’s purchase event.')),
    enumCol('status', ORDER_STATUSES, 'Furthest stage reached by the end of the window.'),
    enumCol('channel', CHANNELS, 'web orders have a session; app, phone and marketplace orders none.'),
    col('session_id', 'int64', 'The converting session; null unless channel = web.', true),
    enumCol('payment_method', PAYMENT_METHODS, 'By channel (marketplace orders: marketplace_pay).'),
    col('currency', 'string', 'USD (Canadian orders are charged in USD too).'),
    decimalCol('subtotal', 'Σ line_total of its items.', 12),
    decimalCol('discount', 'Coupon discount (promo_code), else 0.', 12),
    decimalCol(
      'shipping_cost',
      'Free above the threshold, else by weight; + express fee; 0 on marketplaces.',
      12,
    ),
    decimalCol('tax', 'Sales tax of the ship-to place on subtotal − discount; 0 on marketplaces.', 12),
    decimalCol('total', 'subtotal − discount + shipping_cost + tax, exactly.', 12),
    enumCol('promo_code', COUPONS, 'Coupon used; null without one.', true),
    col('shipped_at', 'timestamp', 'Null unless shipped (never for canceled orders).', true),
    col('delivered_at', 'timestamp', 'Null unless delivered.', true),
    col('canceled_at', 'timestamp', 'Null unless canceled.', true),
    col('returned_at', 'timestamp', 'Null unless returned (after delivery).', true),
    col('shipping_city', 'string', 'Usually the customer’s; a gift ships elsewhere.'),
    col('shipping_state', 'string', 'State or province.'),
    col('shipping_postal_code', 'string', 'A real postal code of the city.'),
    enumCol('shipping_country', ['US', 'CA'], 'Country shipped to.'),
  ],
};

export const ORDER_ITEMS: TableSpec = {
  name: 'order_items',
  kind: 'fact',
  mutable: true,
  description: 'Lines of each order (distinct products).',
  rowsAt1x: '~150,000 (±15 %)',
  primaryKey: 'order_item_id',
  sequence: { column: 'order_item_id', time: 'ordered_at' },
  partition: { column: 'order_date', source: 'ordered_at' },
  foreignKeys: [
    { column: 'order_id', references: 'orders.order_id' },
    { column: 'product_id', references: 'products.product_id' },
  ],
  bytesPerRow: 30,
  columns: [
    col('order_item_id', 'int64', 'Sequence 1..N in order id then line order.'),
    col('order_id', 'int64', 'The order.'),
    col('product_id', 'int32', 'On sale when ordered.'),
    col('quantity', 'int32', '≥ 1; consumables more.'),
    decimalCol('unit_price', 'The product’s price, less the day’s sale percent.'),
    decimalCol('discount', 'Multi-buy discount on the line, else 0.'),
    decimalCol('line_total', 'quantity × unit_price − discount.'),
    subsecond(col('ordered_at', 'timestamp', 'The order’s ordered_at.')),
    col('is_returned', 'bool', 'Sent back (the order is returned).'),
  ],
};

export const INVENTORY: TableSpec = {
  name: 'inventory_movements',
  kind: 'fact',
  description:
    'Stock ledger: restocks, one sale per item ordered, returns, adjustments (cycle counts, canceled orders put back) and damage.',
  rowsAt1x: '~190,000 (every item sold, returns, restocks)',
  primaryKey: 'movement_id',
  sequence: { column: 'movement_id', time: 'moved_at' },
  partition: { column: 'movement_date', source: 'moved_at' },
  foreignKeys: [
    { column: 'product_id', references: 'products.product_id' },
    { column: 'order_id', references: 'orders.order_id' },
  ],
  bytesPerRow: 20,
  columns: [
    col('movement_id', 'int64', 'Sequence 1..N, ascending with moved_at.'),
    col('product_id', 'int32', 'The product.'),
    subsecond(
      col(
        'moved_at',
        'timestamp',
        'Sales at ordered_at (every order), returns at returned_at, a canceled order’s items put back (adjustment) at canceled_at.',
      ),
    ),
    enumCol('movement_type', MOVEMENT_TYPES, 'What moved the stock.'),
    col('quantity', 'int32', 'Signed: sales and damage negative, restocks and returns positive.'),
    col('order_id', 'int64', 'Set for sale and return only.', true),
    col('stock_after', 'int32', 'Running sum of quantity for the product; never negative.'),
  ],
};

export const REVIEWS: TableSpec = {
  name: 'reviews',
  kind: 'fact',
  description: 'Product reviews: verified buyers after delivery, plus some unverified.',
  rowsAt1x: '~50,000 (±20 %)',
  primaryKey: 'review_id',
  sequence: { column: 'review_id', time: 'created_at' },
  partition: { column: 'review_date', source: 'created_at' },
  foreignKeys: [
    { column: 'product_id', references: 'products.product_id' },
    { column: 'customer_id', references: 'customers.customer_id' },
    { column: 'order_id', references: 'orders.order_id' },
  ],
  bytesPerRow: 80,
  columns: [
    col('review_id', 'int64', 'Sequence 1..N, ascending with created_at.'),
    col('product_id', 'int32', 'The product reviewed.'),
    col('customer_id', 'int32', 'The author (registered before).'),
    col('order_id', 'int64', 'The order it was bought in; null unless verified.', true),
    col('rating', 'int32', '1–5 stars: J-shaped, lower for returned items.'),
    col('title', 'string', 'Matches the rating.'),
    col('body', 'string', 'Matches the rating and the category.'),
    col('created_at', 'timestamp', 'After delivery (verified).'),
    col('verified_purchase', 'bool', 'The author bought it in order_id.'),
    col(
      'helpful_votes',
      'int32',
      'Heavy-tailed; more for extreme reviews (its first months’ votes: a review never changes).',
    ),
  ],
};

/** With the change logs of the mutable tables (`--changes`) last. */
export const TABLES: readonly TableSpec[] = withChangeLogs([
  CUSTOMERS,
  PRODUCTS,
  SESSIONS,
  CLICKSTREAM,
  ORDERS,
  ORDER_ITEMS,
  INVENTORY,
  REVIEWS,
]);
