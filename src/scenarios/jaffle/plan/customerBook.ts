/**
 * The customers as the simulation grows them, in signup order (index + 1 is the id): when each signed
 * up, their kind and how often they order or browse (cumulative weights, to pick a customer among
 * those who existed by a time), the channel they prefer, and what their name and email are made of.
 */

import { f64, i32, u8 } from '../../../generate/growable.js';
import type { Config } from '../config.js';
import { pickIn, spread, type Uniform } from '../generate/draws.js';
import { DOMAIN_CUMULATIVE, EMAIL_STYLES } from '../generate/email.js';
import { initialOf } from '../generate/names.js';
import { APP, KINDS, WEBSITE } from '../vocabulary.js';

export class CustomerBook {
  readonly signupUs = f64();
  readonly kind = u8();
  readonly channel = u8();
  readonly first = i32();
  readonly initial = u8();
  readonly style = u8();
  readonly domain = u8();
  /** Running sums of the order weight and of the browse weight, over ids. */
  readonly cumOrder = f64();
  readonly cumBrowse = f64();
  private readonly cumKinds: Float64Array;

  constructor(
    private readonly config: Readonly<Config>,
    private readonly poolSize: number,
  ) {
    let acc = 0;
    this.cumKinds = Float64Array.from(KINDS, (k) => (acc += config.customers.kinds[k]));
  }

  get count(): number {
    return this.signupUs.length;
  }

  /** A new customer signed up at `us` (ascending with the calls); returns its index. */
  add(us: number, rng: Uniform): number {
    const c = this.config.customers;
    const kind = pickIn(this.cumKinds, KINDS.length, rng.next());
    const weight = c.order_weight[KINDS[kind]!] * spread(rng, c.weight_sigma);
    const n = this.count;
    this.cumOrder.push((n ? this.cumOrder.get(n - 1) : 0) + weight);
    this.cumBrowse.push((n ? this.cumBrowse.get(n - 1) : 0) + weight + c.browse_weight);
    this.kind.push(kind);
    this.channel.push(rng.next() < c.app_share ? APP : WEBSITE);
    this.first.push(Math.floor(rng.next() * this.poolSize));
    this.initial.push(initialOf(rng.next()));
    this.style.push(Math.floor(rng.next() * EMAIL_STYLES));
    this.domain.push(pickIn(DOMAIN_CUMULATIVE, DOMAIN_CUMULATIVE.length, rng.next()));
    return this.signupUs.push(us);
  }

  /** The channel of one of the customer's own visits: their preferred one, mostly. */
  visitChannel(customer: number, rng: Uniform): number {
    const preferred = this.channel.get(customer);
    return rng.next() < this.config.customers.loyalty ? preferred : 1 - preferred;
  }
}
