/**
 * The visits (website and app sessions) as the simulation records them, in the order they are
 * decided, and the ad side of a visit: which channel an ad's click lands in (google: the website,
 * instagram: the app, facebook: where the customer prefers), the paid click a customer's own visit
 * may come through, and how many visits name each ad on each day.
 */

import { f64, i32, u8 } from '../../../generate/growable.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import type { AdCatalog } from '../generate/adCatalog.js';
import { pickIn, type Uniform } from '../generate/draws.js';
import { APP, PLATFORMS, WEBSITE } from '../vocabulary.js';
import type { CustomerBook } from './customerBook.js';
import type { LiveAds } from './liveAds.js';

const GOOGLE = PLATFORMS.indexOf('google');
const FACEBOOK = PLATFORMS.indexOf('facebook');
const INSTAGRAM = PLATFORMS.indexOf('instagram');

export class Visits {
  readonly start = f64();
  readonly customer = i32();
  readonly channel = u8();
  /** The ad (catalog index) the visit came through, or −1. */
  readonly ad = i32();
  /** Per ad grid row: visits that name the ad that day. */
  readonly named: Int32Array;

  constructor(
    private readonly config: Readonly<Config>,
    private readonly catalog: AdCatalog,
    private readonly live: LiveAds,
    private readonly startDay: number,
  ) {
    this.named = new Int32Array(catalog.grid[catalog.count]!);
  }

  add(us: number, customer: number, channel: number, ad: number): void {
    this.start.push(us);
    this.customer.push(customer);
    this.channel.push(channel);
    this.ad.push(ad);
    if (ad >= 0)
      this.named[this.catalog.grid[ad]! + Math.floor(us / MICROS_PER_DAY) - this.catalog.first[ad]!]!++;
  }

  /** Where a click on ad `a` lands for customer `c`. */
  adChannel(a: number, c: number, customers: CustomerBook): number {
    const p = this.catalog.platform[a]!;
    return p === GOOGLE ? WEBSITE : p === INSTAGRAM ? APP : customers.channel.get(c);
  }

  /** A live ad of a platform the channel carries, by spend, on the day of `us`; −1 if none runs. */
  paidClick(us: number, channel: number, rng: Uniform): number {
    const shares = this.config.sessions.paid_click_platforms;
    const [a, b, shareA] =
      channel === WEBSITE
        ? [GOOGLE, FACEBOOK, shares.website.google]
        : [FACEBOOK, INSTAGRAM, shares.app.facebook];
    const u = rng.next();
    const v = rng.next();
    const day = Math.floor(us / MICROS_PER_DAY) - this.startDay;
    for (const p of u < shareA ? [a, b] : [b, a]) {
      const block = day * PLATFORMS.length + p;
      const from = this.live.first[block]!;
      const n = this.live.first[block + 1]! - from;
      if (n > 0) return this.live.ads[from + pickIn(this.live.cumCost.subarray(from, from + n), n, v)]!;
    }
    return -1;
  }
}
