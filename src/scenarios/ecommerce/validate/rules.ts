/**
 * The ecommerce pack's consistency rules that the engine runs in its own scans: denormalised keys
 * (a copied value must equal its source) and, per table, rules of the contract's "Time", "Money" and
 * null-unless conditions, counted in the same scan as the table's partition checks.
 */
import type { PackChecks } from '../../../scenario/scenarioPack.js';

const PAID = "('paid_search', 'paid_social', 'affiliate', 'display')";

export const DENORMALISED: PackChecks['denormalised'] = [
  {
    table: 'clickstream_events',
    via: 'session_id',
    columns: ['customer_id', 'device_type'],
    mismatch: 'c.customer_id IS DISTINCT FROM P.customer_id OR c.device_type <> P.device_type',
    what: ' (customer or device)',
  },
  {
    table: 'orders',
    via: 'session_id',
    columns: ['customer_id'],
    mismatch: 'c.customer_id IS DISTINCT FROM P.customer_id',
    what: ' (a web order’s customer is its session’s)',
  },
  {
    table: 'sessions',
    via: 'order_id',
    columns: ['session_id'],
    mismatch: 'P.session_id IS DISTINCT FROM c.session_id',
    what: ' (a converted session’s order names it back)',
  },
  {
    table: 'order_items',
    via: 'order_id',
    columns: ['ordered_at'],
    mismatch: 'c.ordered_at <> P.ordered_at',
    what: ' (ordered_at)',
  },
  {
    table: 'reviews',
    via: 'order_id',
    columns: ['customer_id'],
    mismatch: 'c.customer_id <> P.customer_id',
    what: ' (a verified review’s author is the buyer)',
  },
  {
    table: 'inventory_movements',
    via: 'order_id',
    columns: ['ordered_at', 'returned_at'],
    mismatch:
      "(c.movement_type = 'sale' AND c.moved_at <> P.ordered_at) OR (c.movement_type = 'return' AND c.moved_at IS DISTINCT FROM P.returned_at)",
    what: ' (sales at ordered_at, returns at returned_at)',
  },
];

export const ORDERING: PackChecks['ordering'] = [
  {
    table: 'customers',
    needs: [],
    from: 'customers c',
    rules: [
      [
        "emails that are not lower case or have no '@'",
        "c.email <> lower(c.email) OR c.email NOT LIKE '%_@_%._%'",
      ],
    ],
  },
  {
    table: 'products',
    needs: [],
    from: 'products c',
    rules: [
      ['products whose cost is not below price (or not positive)', 'c.cost >= c.price OR c.cost <= 0'],
      [
        'products whose is_active disagrees with discontinued_at, or discontinued before launch',
        '(c.discontinued_at IS NULL) <> c.is_active OR c.discontinued_at < c.created_at',
      ],
    ],
  },
  {
    table: 'sessions',
    needs: ['customers'],
    from: 'sessions c LEFT JOIN customers cu USING (customer_id)',
    rules: [
      ['sessions before their customer registered', 'c.started_at < cu.registered_at'],
      [
        'sessions whose ended_at is not started_at + duration_s',
        'c.ended_at <> c.started_at + to_seconds(c.duration_s) OR c.duration_s < 0',
      ],
      [
        'sessions whose converted disagrees with order_id, or converted anonymously',
        'c.converted <> (c.order_id IS NOT NULL) OR (c.converted AND c.customer_id IS NULL)',
      ],
      [
        'sessions with a utm_campaign unless from a paid source',
        `(c.utm_campaign IS NOT NULL) <> (c.traffic_source IN ${PAID})`,
      ],
    ],
  },
  {
    table: 'clickstream_events',
    needs: ['sessions'],
    from: 'clickstream_events c JOIN sessions s USING (session_id)',
    rules: [
      [
        'events outside their session’s [started_at, ended_at]',
        'c.event_ts < s.started_at OR c.event_ts > s.ended_at',
      ],
      [
        'events with a product_id unless a product event (or without one if so)',
        "(c.product_id IS NOT NULL) <> (c.event_type IN ('product_view', 'add_to_cart', 'remove_from_cart'))",
      ],
      [
        'events with a search_query unless a search',
        "(c.search_query IS NOT NULL) <> (c.event_type = 'search')",
      ],
    ],
  },
  {
    table: 'orders',
    needs: ['customers'],
    from: 'orders c JOIN customers cu USING (customer_id)',
    rules: [
      ['orders before their customer registered', 'c.ordered_at < cu.registered_at'],
      [
        'orders whose stages are out of order (ordered ≤ shipped ≤ delivered ≤ returned; canceled after ordered)',
        'c.shipped_at < c.ordered_at OR c.delivered_at < c.shipped_at OR c.returned_at < c.delivered_at OR c.canceled_at < c.ordered_at',
      ],
      [
        'orders whose stage timestamps disagree with their status',
        "(c.shipped_at IS NOT NULL) <> (c.status IN ('shipped', 'delivered', 'returned')) OR (c.delivered_at IS NOT NULL) <> (c.status IN ('delivered', 'returned')) OR (c.returned_at IS NOT NULL) <> (c.status = 'returned') OR (c.canceled_at IS NOT NULL) <> (c.status = 'canceled')",
      ],
      [
        'orders whose total is not subtotal − discount + shipping_cost + tax',
        'c.total <> c.subtotal - c.discount + c.shipping_cost + c.tax',
      ],
      [
        'orders with a negative amount or a discount above the subtotal',
        'least(c.subtotal, c.discount, c.shipping_cost, c.tax) < 0 OR c.discount > c.subtotal',
      ],
      ['orders with a session_id unless web', "(c.session_id IS NOT NULL) <> (c.channel = 'web')"],
      [
        'orders whose promo_code disagrees with the discount',
        '(c.promo_code IS NOT NULL) <> (c.discount > 0)',
      ],
    ],
  },
  {
    table: 'order_items',
    needs: ['products'],
    from: 'order_items c JOIN products p USING (product_id)',
    rules: [
      [
        'items ordered before their product was created, or after it was discontinued',
        'c.ordered_at < p.created_at OR c.ordered_at > p.discontinued_at',
      ],
      [
        'items whose line_total is not quantity × unit_price − discount',
        'c.line_total <> c.quantity * c.unit_price - c.discount',
      ],
      [
        'items with quantity < 1, a negative discount, or a unit price not in (0, price]',
        'c.quantity < 1 OR c.discount < 0 OR c.unit_price <= 0 OR c.unit_price > p.price',
      ],
    ],
  },
  {
    table: 'inventory_movements',
    needs: ['products'],
    from: 'inventory_movements c JOIN products p USING (product_id)',
    rules: [
      ['movements before their product was created', 'c.moved_at < p.created_at'],
      [
        'movements with an order_id unless a sale or return',
        "(c.order_id IS NOT NULL) <> (c.movement_type IN ('sale', 'return'))",
      ],
      [
        'movements whose quantity’s sign disagrees with their type',
        "CASE WHEN c.movement_type IN ('sale', 'damage') THEN c.quantity >= 0 WHEN c.movement_type IN ('restock', 'return') THEN c.quantity <= 0 ELSE c.quantity = 0 END",
      ],
      ['movements leaving negative stock', 'c.stock_after < 0'],
    ],
  },
  {
    table: 'reviews',
    needs: ['customers'],
    from: 'reviews c JOIN customers cu USING (customer_id)',
    rules: [
      ['reviews before their customer registered', 'c.created_at < cu.registered_at'],
      [
        'reviews whose verified_purchase disagrees with order_id',
        'c.verified_purchase <> (c.order_id IS NOT NULL)',
      ],
      ['ratings outside 1–5', 'c.rating NOT BETWEEN 1 AND 5'],
    ],
  },
];
