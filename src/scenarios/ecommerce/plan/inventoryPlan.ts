/**
 * Main thread: each product's stock through the window. Its sales, releases and returns (from the
 * order pass) and a few damages and cycle-count adjustments are walked in time order; an opening
 * restock comes first, a purchase order goes out when stock falls to the reorder point and arrives
 * after a lead time, and should demand outrun it the order is expedited to just before the sale, so
 * stock never goes negative. Every decision reads only what came before it: demand is a prior from
 * the product's popularity, then an exponentially weighted average of its own sales, and damages and
 * counts are Poisson processes run forward from the window start; so a longer window (same start)
 * keeps every earlier movement. Out come the planned movements and, per day, the stock each moving
 * product starts the day with: an inventory shard needs nothing else to write its day's running stock.
 */
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { Keyed } from '../generate/keyed.js';
import type { ProductView } from '../generate/products.js';
import type { Window } from '../generate/shopCalendar.js';
import { type MovementEvents, RANK } from './orderPass.js';
import { priorDemand } from './priorDemand.js';

export const MOVE = { restock: 0, sale: 1, return: 2, adjustment: 3, damage: 4 } as const;
/** A damage or adjustment candidate's quantity is decided in the walk; a write-off empties the shelf. */
const WRITE_OFF = 1;
const YEAR_US = 365 * MICROS_PER_DAY;

/** Day-indexed lists (CSR): entries of window day i are [dayFirst[i], dayFirst[i + 1]). */
export interface InventoryPlan {
  /** Restocks, releases, adjustments and damages, by day, in (time, rank, serial) order. */
  readonly planned: {
    readonly dayFirst: Int32Array;
    readonly timeUs: Float64Array;
    readonly product: Int32Array;
    readonly quantity: Int32Array;
    readonly type: Uint8Array;
    readonly rank: Uint8Array;
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
  scale: number,
  products: ProductView,
  window: Window,
  events: MovementEvents,
): InventoryPlan {
  const inv = config.inventory;
  const dayOf = (t: number) => Math.floor(t / MICROS_PER_DAY) - window.startDay;
  // Damage and cycle-count candidates (each a Poisson process from the window start or launch, on
  // a stream of its own), and a write-off when a product is discontinued in the window.
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
  const processes = [
    [inv.damage_per_year, RANK.damage, new Keyed(seed, 'inventory.damage')],
    [inv.adjustments_per_year, RANK.adjustment, new Keyed(seed, 'inventory.count')],
  ] as const;
  const firstCandidate = events.product.length;
  for (let p = 0; p < products.count; p++) {
    const from = Math.max(window.startUs, products.createdUs[p]!);
    const to = Math.min(window.endUs, products.discontinuedUs[p]!);
    if (from >= to) continue;
    for (const [rate, rank, rng] of processes) {
      if (rate <= 0) continue;
      rng.at(p);
      let t = from + (-Math.log(1 - rng.next()) / rate) * YEAR_US;
      while (t < to) {
        addEvent(p, Math.floor(t), rank, 0);
        t += (-Math.log(1 - rng.next()) / rate) * YEAR_US;
      }
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
    rank: [] as number[],
    serial: [] as number[],
  };
  const opening = { day: [] as number[], product: [] as number[], stock: [] as number[] };
  const perDay = new Int32Array(window.days);
  let restocks = 0;
  let plannedSerial = 0;
  const walk = new Keyed(seed, 'inventory.walk');
  const prior = priorDemand(config, scale, products);
  const leadMean = (inv.lead_days[0] + inv.lead_days[1]) / 2;
  const memoryUs = inv.demand_days * MICROS_PER_DAY;
  let e = 0;
  for (let p = 0; p < products.count; p++) {
    const from = Math.max(window.startUs, products.createdUs[p]!);
    const to = Math.min(window.endUs, products.discontinuedUs[p]!);
    const start = e;
    while (e < n && events.product[order[e]!] === p) e++;
    if (from >= to && start === e) continue;
    walk.at(p);
    // Units a day: the prior, then each sale adds to an average that fades over demand_days.
    let demand = prior(p, from);
    let demandUs = from;
    const demandAt = (t: number) => demand * Math.exp((demandUs - t) / memoryUs);
    const pack = casePack(products.priceCents[p]!);
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
    const emit = (t: number, qty: number, type: number, rank: number) => {
      touch(t);
      stock += qty;
      planned.day.push(dayOf(t));
      planned.timeUs.push(t);
      planned.product.push(p);
      planned.quantity.push(qty);
      planned.type.push(type);
      planned.rank.push(rank);
      planned.serial.push(plannedSerial++);
      perDay[dayOf(t)]!++;
      if (type === MOVE.restock) restocks++;
    };
    const coverQty = (t: number) =>
      roundUp(
        demandAt(t) * (inv.cover_days[0] + walk.next() * (inv.cover_days[1] - inv.cover_days[0])),
        pack,
      );
    emit(from, roundUp(demand * inv.opening_days, pack), MOVE.restock, RANK.restock);
    for (let k = start; k < e; k++) {
      const i = order[k]!;
      const t = events.timeUs[i]!;
      const rank = events.rank[i]!;
      if (arrivalUs <= t) {
        emit(arrivalUs, arrivalQty, MOVE.restock, RANK.restock);
        arrivalUs = Number.POSITIVE_INFINITY;
      }
      if (rank === RANK.sale) {
        const q = -events.quantity[i]!;
        demand = demandAt(t) + q / inv.demand_days;
        demandUs = t;
        if (stock < q) {
          // Expedite the open purchase order (or place an emergency one) to land just before the
          // sale, on its day: a sale never moves stock on a day before it.
          const dayStart = Math.floor(t / MICROS_PER_DAY) * MICROS_PER_DAY;
          const at = Math.min(t, Math.max(lastUs, dayStart, t - (1 + walk.next() * 11) * MICROS_PER_HOUR));
          const qty = Number.isFinite(arrivalUs) ? arrivalQty : 0;
          arrivalUs = Number.POSITIVE_INFINITY;
          emit(
            Math.floor(at),
            Math.max(qty, roundUp(q - stock, pack), coverQty(t)),
            MOVE.restock,
            RANK.restock,
          );
        }
        touch(t);
        stock -= q;
      } else if (rank === RANK.return) {
        touch(t);
        stock += events.quantity[i]!;
      } else if (rank === RANK.release) {
        emit(t, events.quantity[i]!, MOVE.adjustment, RANK.release);
      } else if (rank === RANK.damage) {
        const q = 1 + (walk.next() < 0.3 ? 1 : 0);
        if (stock >= q) emit(t, -q, MOVE.damage, RANK.damage);
      } else if (candidateQty[i - firstCandidate] === WRITE_OFF) {
        if (stock > 0) emit(t, -stock, MOVE.adjustment, RANK.adjustment);
        arrivalUs = Number.POSITIVE_INFINITY;
      } else {
        const q = walk.int(1, 3);
        emit(t, walk.next() < 0.5 && stock >= q ? -q : q, MOVE.adjustment, RANK.adjustment);
      }
      // Reorder unless the product is discontinued before a purchase order could arrive.
      if (
        !Number.isFinite(arrivalUs) &&
        stock <= Math.ceil(demandAt(t) * (leadMean + inv.safety_days)) &&
        t + inv.lead_days[1] * MICROS_PER_DAY < products.discontinuedUs[p]!
      ) {
        const lead = inv.lead_days[0] + walk.next() * (inv.lead_days[1] - inv.lead_days[0]);
        // Deliveries are received in the afternoon (14–20 h UTC).
        const day = Math.floor((t + lead * MICROS_PER_DAY) / MICROS_PER_DAY);
        arrivalUs = Math.max(
          t + 1,
          day * MICROS_PER_DAY + Math.floor((14 + 6 * walk.next()) * MICROS_PER_HOUR),
        );
        arrivalQty = coverQty(t);
      }
    }
    if (arrivalUs < to) emit(arrivalUs, arrivalQty, MOVE.restock, RANK.restock);
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
    rank: number[];
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
      planned.rank[a]! - planned.rank[b]! ||
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
      rank: Uint8Array.from(pOrder, (k) => planned.rank[k]!),
      serial: Int32Array.from(pOrder, (k) => planned.serial[k]!),
    },
    opening: {
      dayFirst: byDay(opening.day),
      product: Int32Array.from(oOrder, (k) => opening.product[k]!),
      stock: Int32Array.from(oOrder, (k) => opening.stock[k]!),
    },
  };
}
