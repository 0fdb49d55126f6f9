/**
 * The change logs (`--changes`) of the mutable tables, planned from what the simulation already
 * knows: each entity's insert (when made, or the window's start for older ones), then each time its
 * state moves: a customer's segment (an order, the end of being new), a product's discontinuation,
 * an order's stages, an item's return. Only changes before the window's end are listed, and a
 * change never depends on the end, so a longer window keeps every earlier day's changes.
 */

import { type ChangeList, Changes } from '../../../generate/changeList.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { type CustomerView, segmentAt } from '../generate/customers.js';
import type { OrderBook } from '../generate/orderBook.js';
import type { ProductView } from '../generate/products.js';
import type { Window } from '../generate/shopCalendar.js';
import type { OrderIndex } from './orderPlan.js';

/** A time as a change's: whole µs, and never before the window (older rows enter at its start). */
const when = (us: number, window: Window) => Math.max(Math.floor(us), window.startUs);

export type { ChangeList };

export function productChanges(view: ProductView, window: Window): ChangeList {
  const out = new Changes(window.startDay, window.days, window.endUs);
  for (let p = 0; p < view.count; p++) {
    const gone = view.discontinuedUs[p]!;
    const made = when(view.createdUs[p]!, window);
    out.at(p, made, gone < made + 1 ? 0 : 1);
    if (Number.isFinite(gone)) out.at(p, when(gone, window), 0);
  }
  return out.list();
}

export function customerChanges(
  config: Readonly<Config>,
  view: CustomerView,
  index: OrderIndex,
  window: Window,
): ChangeList {
  // Each customer's orders in time order (the index is).
  const first = new Int32Array(view.count + 1);
  for (let o = 0; o < index.count; o++) first[index.customer[o]! + 1]!++;
  for (let c = 0; c < view.count; c++) first[c + 1]! += first[c]!;
  const fill = first.slice(0, view.count);
  const orders = new Int32Array(index.count);
  for (let o = 0; o < index.count; o++) orders[fill[index.customer[o]!]!++] = o;
  const newFor = config.customers.segments.new_days * MICROS_PER_DAY;
  const out = new Changes(window.startDay, window.days, window.endUs);
  for (let c = 0; c < view.count; c++) {
    const registered = view.registeredUs[c]!;
    let j = first[c]!;
    const state = (t: number) => {
      while (j < first[c + 1]! && Math.floor(index.orderedUs[orders[j]!]!) <= t) j++;
      out.at(c, t, segmentAt(config, j - first[c]!, registered, t + 1));
    };
    const made = when(registered, window);
    state(made);
    // No longer new: the first whole µs t with registered < t + 1 - new_days.
    let expires = Math.floor(registered + newFor);
    if (expires <= made) expires = Number.POSITIVE_INFINITY;
    for (;;) {
      const next = j < first[c + 1]! ? Math.floor(index.orderedUs[orders[j]!]!) : Number.POSITIVE_INFINITY;
      const t = Math.min(next, expires);
      if (t >= window.endUs) break;
      if (t === expires) expires = Number.POSITIVE_INFINITY;
      state(t);
    }
  }
  return out.list();
}

/** Orders' stages, and their items' inserts and returns. */
export function orderChanges(
  book: OrderBook,
  window: Window,
  itemFirst: Int32Array,
): { orders: ChangeList; items: ChangeList } {
  const orders = new Changes(window.startDay, window.days, window.endUs);
  const items = new Changes(window.startDay, window.days, window.endUs);
  const times = new Float64Array(6);
  const { index, life } = book;
  for (let o = 0; o < index.count; o++) {
    book.load(o);
    const placed = when(index.orderedUs[o]!, window);
    let n = 0;
    times[n++] = placed;
    times[n++] = Math.floor(life.paidAtUs);
    if (life.willCancel) times[n++] = life.cancelAtUs;
    else {
      times[n++] = life.shipAtUs;
      times[n++] = life.deliverAtUs;
      if (life.anyReturn) times[n++] = life.returnAtUs;
    }
    const sorted = times.subarray(0, n).sort();
    for (const t of sorted) orders.at(o, t, life.at(t + 1).status);
    // Items: in when the order is placed; a line sent back changes when the order is returned.
    for (let j = 0; j < life.lines; j++) {
      const item = itemFirst[o]! + j;
      items.at(item, placed, 0);
      if (!life.willCancel && life.back[j]) items.at(item, life.returnAtUs, 1);
    }
  }
  return { orders: orders.list(), items: items.list() };
}
