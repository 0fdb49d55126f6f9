/** The orders as the simulation decides them (in that order): time, customer, value, cause and payments. */

import { f64, i32, u8 } from '../../../generate/growable.js';
import type { Stream } from '../../../rng/stream.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { Basket } from '../generate/basket.js';

export class OrderLog {
  readonly time = f64();
  readonly customer = i32();
  readonly value = i32();
  /** Campaign that caused it, or −1; and whether through a click (else view-through or none). */
  readonly cause = i32();
  readonly clicked = u8();
  /** Whether the visit it converted from was on its UTC day (else the day before). */
  readonly sameDay = u8();
  readonly payments = u8();
  readonly method0 = u8();
  readonly method1 = u8();
  readonly cents0 = i32();
  readonly cents1 = i32();

  add(
    us: number,
    visitUs: number,
    customer: number,
    cause: number,
    clicked: boolean,
    basket: Basket,
    rng: Stream,
  ): void {
    const value = basket.value(rng, us);
    const pay = basket.pay(rng, value);
    this.time.push(us);
    this.customer.push(customer);
    this.value.push(value);
    this.cause.push(cause);
    this.clicked.push(clicked ? 1 : 0);
    this.sameDay.push(Math.floor(us / MICROS_PER_DAY) === Math.floor(visitUs / MICROS_PER_DAY) ? 1 : 0);
    this.payments.push(pay.count);
    this.method0.push(pay.method[0]);
    this.method1.push(pay.count === 2 ? pay.method[1] : 0);
    this.cents0.push(pay.cents[0]);
    this.cents1.push(pay.count === 2 ? pay.cents[1] : 0);
  }
}
