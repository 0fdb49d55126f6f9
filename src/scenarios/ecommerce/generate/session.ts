/**
 * One web session and its clickstream, recomputed from the session's index alone: device, browser,
 * source, campaign, whether it converts (by source × device × season), who it is (a converting
 * session is always signed in), how far down the funnel it gets, and its events in order with
 * their times. A converting session's cart is its order's basket (same key), bought at its last
 * event. The plan, the sessions generator and the clickstream generator all call `derive`.
 */

import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import { CATEGORIES, DEVICES, EVENT_TYPES, FUNNEL_STEPS, PAID_SOURCES, SOURCES, WEB } from '../vocabulary.js';
import { Basket, type BasketMaker } from './basket.js';
import { campaignOf } from './campaigns.js';
import { SUBCATEGORIES } from './catalog.js';
import type { CustomerView } from './customers.js';
import { countAtMost, cumulative, Keyed } from './keyed.js';
import { customerAt, type ProductPicker } from './pick.js';
import { PLACES } from './places.js';
import { platformOf } from './platforms.js';
import { Intraday, type ShopCalendar } from './shopCalendar.js';
import { CATEGORY_PAGE, PAGE, PRODUCT_PAGE, SEARCH_PAGE, SUB_PAGE, TERM_START } from './urls.js';

export const EV = { page: 0, search: 1, product: 2, add: 3, remove: 4, checkout: 5, purchase: 6 } as const;
export const MAX_EVENTS = 256;
const MOBILE = DEVICES.indexOf('mobile');
const STEP = { bounce: 0, browse: 1, product: 2, cart: 3, checkout: 4, purchase: 5 } as const;
const SECOND = 1_000_000;

/** Landing page kind weights by source: home, category, product, deals, search. */
const LANDING: Readonly<Record<(typeof SOURCES)[number], readonly number[]>> = {
  organic_search: [0.25, 0.3, 0.35, 0.05, 0.05],
  paid_search: [0.1, 0.3, 0.55, 0.05, 0],
  direct: [0.75, 0.1, 0.1, 0.05, 0],
  email: [0.15, 0.25, 0.25, 0.35, 0],
  social: [0.15, 0.15, 0.6, 0.1, 0],
  paid_social: [0.05, 0.15, 0.7, 0.1, 0],
  referral: [0.3, 0.2, 0.5, 0, 0],
  affiliate: [0.1, 0.1, 0.6, 0.2, 0],
  display: [0.3, 0.2, 0.3, 0.2, 0],
};

/** One session, reused: valid until the next `derive`. */
export class Session {
  index = 0;
  startUs = 0;
  durationS = 0;
  device = 0;
  browser = 0;
  os = 0;
  source = 0;
  /** Index into CAMPAIGNS, −1 when not paid. */
  campaign = -1;
  /** −1 for an anonymous visitor. */
  customer = -1;
  place = 0;
  converted = false;
  pageViews = 0;
  events = 0;
  readonly type = new Uint8Array(MAX_EVENTS);
  /** µs after the start. */
  readonly offsetUs = new Float64Array(MAX_EVENTS);
  /** −1 unless a product event. */
  readonly product = new Int32Array(MAX_EVENTS);
  readonly page = new Int32Array(MAX_EVENTS);
  /** Index into SEARCH_TERMS, −1 unless a search. */
  readonly query = new Int32Array(MAX_EVENTS);
  readonly basket = new Basket();

  get endUs(): number {
    return this.startUs + this.durationS * SECOND;
  }

  /** The purchase time of a converting session: its last event. */
  get purchaseUs(): number {
    return this.startUs + this.offsetUs[this.events - 1]!;
  }
}

export class SessionModel {
  private readonly jitter: Keyed;
  private readonly rng: Keyed;
  private readonly hours: Intraday;
  private readonly deviceCum: Float64Array;
  private readonly sourceCum: Float64Array;
  private readonly landingCum: Float64Array[];
  private readonly funnelCum: Float64Array[];
  private readonly conversion: Float64Array;
  private readonly loggedIn: Float64Array;
  private readonly deviceConversion: Float64Array;
  private readonly shipCum: Float64Array;
  private readonly abroadCum: Float64Array;
  private readonly dwell: Float64Array;
  private readonly paid: Uint8Array;
  private readonly subStart: Int32Array;

  constructor(
    private readonly config: Readonly<Config>,
    seed: number,
    private readonly calendar: ShopCalendar,
    /** First session index of each window day (days + 1 entries). */
    private readonly dayFirst: Int32Array,
    private readonly customers: CustomerView,
    private readonly picker: ProductPicker,
    private readonly baskets: BasketMaker,
  ) {
    const s = config.sessions;
    this.jitter = new Keyed(seed, 'session.start');
    this.rng = new Keyed(seed, 'session');
    this.hours = new Intraday(config.calendar.hourly_utc);
    this.deviceCum = cumulative(DEVICES.map((d) => s.devices[d]));
    this.sourceCum = cumulative(SOURCES.map((k) => s.sources[k].share));
    this.landingCum = SOURCES.map((k) => cumulative(LANDING[k]));
    this.funnelCum = DEVICES.map((_, d) =>
      cumulative(FUNNEL_STEPS.map((f, k) => s.funnel[f] * (d === MOBILE && k === 0 ? s.mobile_bounce : 1))),
    );
    this.conversion = Float64Array.from(SOURCES, (k) => s.sources[k].conversion);
    this.loggedIn = Float64Array.from(SOURCES, (k) => s.sources[k].logged_in);
    this.deviceConversion = Float64Array.from(DEVICES, (d) => s.device_conversion[d]);
    const us = config.customers.countries.US;
    this.shipCum = cumulative(
      PLACES.map((p) => (p.country === 'US' ? us : p.country === 'CA' ? 1 - us : 0) * p.population),
    );
    this.abroadCum = cumulative(PLACES.map((p) => (p.postal.length ? 0 : p.population)));
    this.dwell = Float64Array.from(EVENT_TYPES, (t) => s.dwell_seconds[t]);
    this.paid = Uint8Array.from(SOURCES, (k) => (PAID_SOURCES.includes(k) ? 1 : 0));
    this.subStart = new Int32Array(CATEGORIES.length + 1);
    for (const x of SUBCATEGORIES) this.subStart[x.category + 1]!++;
    for (let c = 0; c < CATEGORIES.length; c++) this.subStart[c + 1]! += this.subStart[c]!;
  }

  /** Window day index of session `s`. */
  dayOf(s: number): number {
    return countAtMost(this.dayFirst, s) - 1;
  }

  /** Start of session `s`: row r of a day at quantile (r + u) / rows of its hour curve, so starts ascend with s. */
  startUs(s: number): number {
    const i = this.dayOf(s);
    const rows = this.dayFirst[i + 1]! - this.dayFirst[i]!;
    const q = (s - this.dayFirst[i]! + this.jitter.at(s).next()) / rows;
    return (this.calendar.window.startDay + i) * MICROS_PER_DAY + this.hours.offsetUs(q);
  }

  /** First session starting at or after `t` (the session count when none does). */
  firstAtOrAfter(t: number): number {
    let lo = 0;
    let hi = this.dayFirst[this.dayFirst.length - 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.startUs(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  derive(s: number, out: Session): Session {
    const cfg = this.config.sessions;
    const day = this.dayOf(s);
    out.index = s;
    out.startUs = this.startUs(s);
    const rng = this.rng.at(s);
    const device = rng.pick(this.deviceCum);
    out.device = device;
    [out.os, out.browser] = platformOf(device, rng.next(), rng.next());
    const source = rng.pick(this.sourceCum);
    out.source = source;
    out.campaign = this.paid[source]
      ? campaignOf(source, this.calendar.special[day]!, this.calendar.window.startDay + day, rng)
      : -1;
    const p = this.conversion[source]! * this.deviceConversion[device]! * this.calendar.conversion[day]!;
    let converted = rng.next() < Math.min(0.9, p);
    const signedIn = converted || rng.next() < this.loggedIn[source]!;
    out.customer = signedIn ? customerAt(this.customers, out.startUs, rng.next()) : -1;
    if (out.customer < 0) converted = false;
    out.converted = converted;
    out.place =
      out.customer >= 0
        ? this.customers.place[out.customer]!
        : rng.next() < cfg.international_share
          ? rng.pick(this.abroadCum)
          : rng.pick(this.shipCum);
    const step = converted ? STEP.purchase : rng.pick(this.funnelCum[device]!);
    const month = this.calendar.month[day]!;
    const interest = this.picker.category(rng, month);
    const basket = out.basket;
    if (converted) this.baskets.make(s, out.startUs, out.startUs, WEB, out.customer, basket);
    else basket.lines = 0;
    this.events(rng, out, step, interest);
    this.times(rng, out, (this.calendar.window.startDay + day + 1) * MICROS_PER_DAY);
    return out;
  }

  private push(out: Session, type: number, page: number, product = -1, query = -1): void {
    const k = out.events++;
    out.type[k] = type;
    out.page[k] = page;
    out.product[k] = product;
    out.query[k] = query;
  }

  private productEvent(out: Session, type: number, product: number): void {
    this.push(out, type, PRODUCT_PAGE + product, product);
  }

  /** A subcategory of `category` (they are contiguous in SUBCATEGORIES). */
  private subOf(rng: Keyed, category: number): number {
    return this.subStart[category]! + rng.int(0, this.subStart[category + 1]! - this.subStart[category]! - 1);
  }

  private search(rng: Keyed, out: Session, interest: number): void {
    const sub = this.subOf(rng, interest);
    const q = TERM_START[sub]! + rng.int(0, TERM_START[sub + 1]! - TERM_START[sub]! - 1);
    this.push(out, EV.search, SEARCH_PAGE + q, -1, q);
  }

  private events(rng: Keyed, out: Session, step: number, interest: number): void {
    const cfg = this.config.sessions;
    const t = out.startUs;
    const basket = out.basket;
    out.events = 0;
    // Landing page.
    const landing = rng.pick(this.landingCum[out.source]!);
    if (landing === 2)
      this.productEvent(
        out,
        EV.product,
        basket.lines ? basket.product[0]! : this.picker.pick(rng, interest, t),
      );
    else if (landing === 4) this.search(rng, out, interest);
    else
      this.push(
        out,
        EV.page,
        landing === 0 ? PAGE.home : landing === 3 ? PAGE.deals : CATEGORY_PAGE + interest,
      );
    if (step === STEP.bounce) return;
    // Browsing: navigation pages (category pages, searches) mixed with product views.
    const f = out.device === MOBILE ? cfg.mobile_events : 1;
    const stepName = FUNNEL_STEPS[Math.min(step, STEP.checkout)]!;
    const pagesMean = step === STEP.purchase ? cfg.converting.pages : cfg.pages[stepName];
    const viewsMean = step === STEP.purchase ? cfg.converting.product_views : cfg.product_views[stepName];
    const room = MAX_EVENTS - 2 * (basket.lines + 2) - 8;
    let nav = Math.min(room, rng.poisson(pagesMean * f));
    let views = Math.min(room - nav, Math.max(step >= STEP.product ? 1 : 0, rng.poisson(viewsMean * f)));
    while (nav + views > 0) {
      if (rng.next() * (nav + views) < nav) {
        nav--;
        const u = rng.next();
        if (u < cfg.search_share) this.search(rng, out, interest);
        else if (u < cfg.search_share + 0.1)
          this.push(out, EV.page, rng.next() < 0.5 ? PAGE.home : PAGE.deals);
        else
          this.push(
            out,
            EV.page,
            rng.next() < 0.4 ? CATEGORY_PAGE + interest : SUB_PAGE + this.subOf(rng, interest),
          );
      } else {
        views--;
        this.productEvent(out, EV.product, this.picker.pick(rng, interest, t));
      }
    }
    if (step < STEP.cart) return;
    // Cart: view then add each line; some add one more item and take it out again.
    const lines = basket.lines || 1 + Math.min(4, rng.poisson(0.5));
    for (let j = 0; j < lines; j++) {
      const product = basket.lines ? basket.product[j]! : this.picker.pick(rng, interest, t);
      this.productEvent(out, EV.product, product);
      this.productEvent(out, EV.add, product);
    }
    if (rng.next() < cfg.remove_from_cart) {
      const extra = this.picker.pick(rng, interest, t);
      this.productEvent(out, EV.product, extra);
      this.productEvent(out, EV.add, extra);
      this.productEvent(out, EV.remove, extra);
    }
    if (step < STEP.checkout) return;
    this.push(out, EV.page, PAGE.cart);
    this.push(out, EV.checkout, PAGE.checkout);
    if (step === STEP.purchase) this.push(out, EV.purchase, PAGE.confirmation);
  }

  /**
   * Event times: dwell on each page, squeezed into the longest session and the session's UTC day
   * (`dayEndUs`), so a day's sessions and events never depend on the days after it.
   */
  private times(rng: Keyed, out: Session, dayEndUs: number): void {
    const cfg = this.config.sessions;
    const speed = out.device === MOBILE ? cfg.mobile_dwell : 1;
    let views = 0;
    out.offsetUs[0] = 0;
    for (let k = 0; k < out.events; k++) {
      if (out.type[k] !== EV.add && out.type[k] !== EV.remove) views++;
      if (k === 0) continue;
      const seconds = Math.max(1, rng.logNormal(this.dwell[out.type[k - 1]!]!, cfg.dwell_sigma) * speed);
      out.offsetUs[k] = out.offsetUs[k - 1]! + Math.round(seconds * 1000) * 1000;
    }
    out.pageViews = views;
    const limit = Math.min(cfg.max_minutes * 60, Math.floor((dayEndUs - 1 - out.startUs) / SECOND));
    const last = out.offsetUs[out.events - 1]!;
    if (last > limit * SECOND) {
      const f = (limit * SECOND) / last;
      for (let k = 1; k < out.events; k++) out.offsetUs[k] = Math.floor(out.offsetUs[k]! * f);
    }
    out.durationS = Math.ceil(out.offsetUs[out.events - 1]! / SECOND);
  }
}
