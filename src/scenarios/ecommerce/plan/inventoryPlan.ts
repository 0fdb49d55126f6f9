/**
 * Main thread: each product's stock through the window. Its sales and returns (from the order
 * pass) and a few damages and cycle-count adjustments are walked in time order; an opening restock
 * comes first, a purchase order goes out when stock falls to the reorder point and arrives after a
 * lead time, and should demand outrun it the order is expedited to just before the sale, so stock
 * never goes negative. Out come the planned movements and, per day, the stock each moving product
 * starts the day with: an inventory shard needs nothing else to write its day's running stock.
 */
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { Keyed } from '../generate/keyed.js';
import type { ProductView } from '../generate/products.js';
import type { Window } from '../generate/shopCalendar.js';
import { type MovementEvents, RANK } from './orderPass.js';

export const MOVEMENT_TYPES = ['restock', 'sale', 'return', 'adjustment', 'damage'] as const;
export const MOVE = { restock: 0, sale: 1, return: 2, adjustment: 3, damage: 4 } as const;
const RANK_OF_TYPE = [RANK.restock, RANK.sale, RANK.return, RANK.adjustment, RANK.damage];
/** A damage or adjustment candidate's quantity is decided in the walk; a write-off empties the shelf. */
const WRITE_OFF = 1;

/** Day-indexed lists (CSR): entries of window day i are [dayFirst[i], dayFirst[i + 1]). */
export interface InventoryPlan {
  /** Restocks, adjustments and damages, by day, in (time, rank, serial) order. */
  readonly planned: {
    readonly dayFirst: Int32Array;
    readonly timeUs: Float64Array;
    readonly product: Int32Array;
    readonly quantity: Int32Array;
    readonly type: Uint8Array;
    readonly serial: Int32Array;
  };
  /** Stock at the start of day i of each product that moves that day, products ascending. */
  readonly opening: {
    readonly dayFirst: Int32Array;
    readonly product: Int32Array;
    readonly stock: Int32Array;
  };
  /** Planned movements of each window day (the order pass counts sales and returns). */
  readonly perDay: Int32Array;
  readonly restocks: number;
}

/** Units a supplier ships in: cheap goods by the dozen. */
function casePack(priceCents: number): number {
  return priceCents < 1500 ? 12 : priceCents < 5000 ? 6 : priceCents < 20000 ? 2 : 1;
}

const roundUp = (x: number, pack: number) => Math.max(pack, Math.ceil(x / pack) * pack);

export function planInventory(
  config: Readonly<Config>,
  seed: number,
  products: ProductView,
  window: Window,
  events: MovementEvents,
): InventoryPlan {
  const inv = config.inventory;
  const rng = new Keyed(seed, 'inventory');
  const dayOf = (t: number) => Math.floor(t / MICROS_PER_DAY) - window.startDay;
  // Damage and adjustment candidates, and a write-off when a product is discontinued in the window.
  let serial = 0;
  const candidateQty: number[] = [];
  const addEvent = (p: number, t: number, rank: number, qty: number) => {
    events.product.push(p);
    events.timeUs.push(t);
    events.quantity.push(qty);
    events.rank.push(rank);
    events.ref.push(serial++);
    events.line.push(0);
    candidateQty.push(qty);
  };
  const firstCandidate = events.product.length;
  for (let p = 0; p < products.count; p++) {
    const from = Math.max(window.startUs, products.createdUs[p]!);
    const to = Math.min(window.endUs, products.discontinuedUs[p]!);
    if (from >= to) continue;
    rng.at(p);
    const years = (to - from) / (365 * MICROS_PER_DAY);
    for (const [rate, rank] of [
      [inv.damage_per_year, RANK.damage],
      [inv.adjustments_per_year, RANK.adjustment],
    ] as const) {
      const k = rng.poisson(rate * years);
      for (let j = 0; j < k; j++) addEvent(p, Math.floor(from + rng.next() * (to - from)), rank, 0);
    }
    if (to < window.endUs) addEvent(p, to, RANK.adjustment, WRITE_OFF);
  }
  const n = events.product.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort(
    (a, b) =>
      events.product[a]! - events.product[b]! ||
      events.timeUs[a]! - events.timeUs[b]! ||
      events.rank[a]! - events.rank[b]! ||
      events.ref[a]! - events.ref[b]! ||
      events.line[a]! - events.line[b]!,
  );

  const planned = {
    day: [] as number[],
    timeUs: [] as number[],
    product: [] as number[],
    quantity: [] as number[],
    type: [] as number[],
    serial: [] as number[],
  };
  const opening = { day: [] as number[], product: [] as number[], stock: [] as number[] };
  const perDay = new Int32Array(window.days);
  let restocks = 0;
  let plannedSerial = 0;
  const walk = new Keyed(seed, 'inventory.walk');
  let e = 0;
  for (let p = 0; p < products.count; p++) {
    const from = Math.max(window.startUs, products.createdUs[p]!);
    const to = Math.min(window.endUs, products.discontinuedUs[p]!);
    const start = e;
    while (e < n && events.product[order[e]!] === p) e++;
    if (from >= to && start === e) continue;
    walk.at(p);
    let sold = 0;
    for (let k = start; k < e; k++)
      if (events.rank[order[k]!] === RANK.sale) sold -= events.quantity[order[k]!]!;
    const perDayDemand = sold / Math.max(1, (to - from) / MICROS_PER_DAY);
    const pack = casePack(products.priceCents[p]!);
    const leadMean = (inv.lead_days[0] + inv.lead_days[1]) / 2;
    const reorderAt = Math.ceil(perDayDemand * (leadMean + inv.safety_days));
    let stock = 0;
    let lastDay = -1;
    let lastUs = from;
    let arrivalUs = Number.POSITIVE_INFINITY;
    let arrivalQty = 0;
    const touch = (t: number) => {
      const d = dayOf(t);
      if (d !== lastDay) {
        opening.day.push(d);
        opening.product.push(p);
        opening.stock.push(stock);
        lastDay = d;
      }
      lastUs = t;
    };
    const emit = (t: number, qty: number, type: number) => {
      touch(t);
      stock += qty;
      planned.day.push(dayOf(t));
      planned.timeUs.push(t);
      planned.product.push(p);
      planned.quantity.push(qty);
      planned.type.push(type);
      planned.serial.push(plannedSerial++);
      perDay[dayOf(t)]!++;
      if (type === MOVE.restock) restocks++;
    };
    const coverQty = () =>
      roundUp(
        perDayDemand * (inv.cover_days[0] + walk.next() * (inv.cover_days[1] - inv.cover_days[0])),
        pack,
      );
    emit(from, roundUp(perDayDemand * inv.opening_days, pack), MOVE.restock);
    for (let k = start; k < e; k++) {
      const i = order[k]!;
      const t = events.timeUs[i]!;
      const rank = events.rank[i]!;
      if (arrivalUs <= t) {
        emit(arrivalUs, arrivalQty, MOVE.restock);
        arrivalUs = Number.POSITIVE_INFINITY;
      }
      if (rank === RANK.sale) {
        const q = -events.quantity[i]!;
        if (stock < q) {
          // Expedite the open purchase order (or place an emergency one) to land just before the sale.
          const at = Math.min(t, Math.max(lastUs, t - (1 + walk.next() * 11) * MICROS_PER_HOUR));
          const qty = Number.isFinite(arrivalUs) ? arrivalQty : 0;
          arrivalUs = Number.POSITIVE_INFINITY;
          emit(Math.floor(at), Math.max(qty, roundUp(q - stock, pack), coverQty()), MOVE.restock);
        }
        touch(t);
        stock -= q;
      } else if (rank === RANK.return) {
        touch(t);
        stock += events.quantity[i]!;
      } else if (rank === RANK.damage) {
        const q = 1 + (walk.next() < 0.3 ? 1 : 0);
        if (stock >= q) emit(t, -q, MOVE.damage);
      } else if (candidateQty[i - firstCandidate] === WRITE_OFF) {
        if (stock > 0) emit(t, -stock, MOVE.adjustment);
        arrivalUs = Number.POSITIVE_INFINITY;
      } else {
        const q = walk.int(1, 3);
        emit(t, walk.next() < 0.5 && stock >= q ? -q : q, MOVE.adjustment);
      }
      if (
        !Number.isFinite(arrivalUs) &&
        stock <= reorderAt &&
        t + inv.lead_days[1] * MICROS_PER_DAY < to &&
        sold > 0
      ) {
        const lead = inv.lead_days[0] + walk.next() * (inv.lead_days[1] - inv.lead_days[0]);
        // Deliveries are received in the afternoon (14–20 h UTC).
        const day = Math.floor((t + lead * MICROS_PER_DAY) / MICROS_PER_DAY);
        arrivalUs = Math.max(
          t + 1,
          day * MICROS_PER_DAY + Math.floor((14 + 6 * walk.next()) * MICROS_PER_HOUR),
        );
        arrivalQty = coverQty();
      }
    }
    if (arrivalUs < to) emit(arrivalUs, arrivalQty, MOVE.restock);
  }
  return { ...csr(planned, opening, window.days), perDay, restocks };
}

function csr(
  planned: {
    day: number[];
    timeUs: number[];
    product: number[];
    quantity: number[];
    type: number[];
    serial: number[];
  },
  opening: { day: number[]; product: number[]; stock: number[] },
  days: number,
): Pick<InventoryPlan, 'planned' | 'opening'> {
  const byDay = (day: number[]) => {
    const first = new Int32Array(days + 1);
    for (const d of day) first[d + 1]!++;
    for (let i = 0; i < days; i++) first[i + 1]! += first[i]!;
    return first;
  };
  // Planned: by day, then (time, rank, serial).
  const pOrder = Uint32Array.from(planned.day.keys()).sort(
    (a, b) =>
      planned.day[a]! - planned.day[b]! ||
      planned.timeUs[a]! - planned.timeUs[b]! ||
      RANK_OF_TYPE[planned.type[a]!]! - RANK_OF_TYPE[planned.type[b]!]! ||
      planned.serial[a]! - planned.serial[b]!,
  );
  // Opening stock: by day, products ascending (the walk went product by product: a stable sort by day).
  const oOrder = Uint32Array.from(opening.day.keys()).sort(
    (a, b) => opening.day[a]! - opening.day[b]! || a - b,
  );
  return {
    planned: {
      dayFirst: byDay(planned.day),
      timeUs: Float64Array.from(pOrder, (k) => planned.timeUs[k]!),
      product: Int32Array.from(pOrder, (k) => planned.product[k]!),
      quantity: Int32Array.from(pOrder, (k) => planned.quantity[k]!),
      type: Uint8Array.from(pOrder, (k) => planned.type[k]!),
      serial: Int32Array.from(pOrder, (k) => planned.serial[k]!),
    },
    opening: {
      dayFirst: byDay(opening.day),
      product: Int32Array.from(oOrder, (k) => opening.product[k]!),
      stock: Int32Array.from(oOrder, (k) => opening.stock[k]!),
    },
  };
}
