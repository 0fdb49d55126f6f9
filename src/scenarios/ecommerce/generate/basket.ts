/**
 * An order's lines, recomputed from its basket key alone: the orders, order_items and inventory
 * generators, the plan, and (for web orders) the session's add_to_cart events all call this with
 * the same key and get the same products, quantities and prices without reading each other.
 */

import type { Config } from '../config.js';
import { CATEGORIES, CHANNELS } from '../vocabulary.js';
import type { CustomerView } from './customers.js';
import { Keyed } from './keyed.js';
import type { ProductPicker } from './pick.js';
import type { ProductView } from './products.js';
import type { ShopCalendar } from './shopCalendar.js';

export const MAX_LINES = 50;

/** One basket's lines (reused: valid until the next `make`). */
export class Basket {
  lines = 0;
  readonly product = new Int32Array(MAX_LINES);
  readonly quantity = new Int32Array(MAX_LINES);
  readonly unitCents = new Int32Array(MAX_LINES);
  readonly discountCents = new Int32Array(MAX_LINES);

  has(product: number): boolean {
    for (let j = 0; j < this.lines; j++) if (this.product[j] === product) return true;
    return false;
  }

  lineCents(j: number): number {
    return this.quantity[j]! * this.unitCents[j]! - this.discountCents[j]!;
  }

  subtotalCents(): number {
    let sum = 0;
    for (let j = 0; j < this.lines; j++) sum += this.lineCents(j);
    return sum;
  }
}

export class BasketMaker {
  private readonly rng: Keyed;
  private readonly extra: Float64Array;
  private readonly extraQty: Float64Array;

  constructor(
    private readonly config: Readonly<Config>,
    seed: number,
    private readonly products: ProductView,
    private readonly customers: CustomerView,
    private readonly picker: ProductPicker,
    private readonly calendar: ShopCalendar,
  ) {
    this.rng = new Keyed(seed, 'basket');
    this.extra = Float64Array.from(CHANNELS, (c) => config.orders.extra_lines[c]);
    this.extraQty = Float64Array.from(CATEGORIES, (c) => config.products.categories[c].extra_qty);
  }

  /**
   * Fills `out` with the basket of `key`: products live at `liveAt` (a web order's session start,
   * else the order time), priced at `pricedAt` (sale prices of that day). The products never depend
   * on `pricedAt`, so a session can rebuild its cart with any price time.
   */
  make(
    key: number,
    liveAt: number,
    pricedAt: number,
    channel: number,
    customer: number,
    out: Basket,
  ): Basket {
    const rng = this.rng.at(key);
    const o = this.config.orders;
    const spend = customer >= 0 ? this.customers.spend[customer]! : 1;
    const wanted = Math.min(o.max_lines, MAX_LINES, 1 + rng.poisson(this.extra[channel]! * spend));
    const month = this.calendar.monthAt(liveAt);
    let category = this.picker.category(rng, month);
    out.lines = 0;
    for (let j = 0; j < wanted; j++) {
      if (j > 0 && rng.next() >= o.same_category) category = this.picker.category(rng, month);
      let p = this.picker.pick(rng, category, liveAt);
      if (out.has(p)) p = this.picker.pick(rng, category, liveAt);
      const qty = Math.min(10, 1 + rng.poisson(this.extraQty[this.products.category[p]!]!));
      const multibuy = rng.next() < o.multibuy.share;
      if (out.has(p)) continue; // a repeat: the basket has fewer lines
      const c = this.products.category[p]!;
      const unit = Math.round(this.products.priceCents[p]! * (1 - this.calendar.salePercent(pricedAt, c)));
      const k = out.lines++;
      out.product[k] = p;
      out.quantity[k] = qty;
      out.unitCents[k] = unit;
      out.discountCents[k] = qty >= 2 && multibuy ? Math.round(qty * unit * o.multibuy.rate) : 0;
      category = c;
    }
    return out;
  }
}
