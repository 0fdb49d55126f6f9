/**
 * The shop, a day at a time from the day before the window (which only decides the first day's
 * orders) to its last day. Each day: the ads' clicks bring visits, some by new visitors who sign up;
 * organic newcomers sign up; visits convert into orders 1–24 hours later (today or tomorrow);
 * existing customers browse; and tomorrow's organic orders are decided, each with the visit it
 * converts from (today or tomorrow, so today's visits are complete at the end of today). A day
 * draws only from its own stream and reads only what the days before it left (customers so far,
 * orders already decided for it), so a later end never changes an earlier day.
 */

import { f64, i32, u8 } from '../../../generate/growable.js';
import type { Steps } from '../../../generate/steps.js';
import { baseState, Stream, shardStates } from '../../../rng/stream.js';
import { MICROS_PER_DAY } from '../../../time/calendar.js';
import type { Config } from '../config.js';
import type { AdCatalog } from '../generate/adCatalog.js';
import { Basket } from '../generate/basket.js';
import { DayCurve } from '../generate/dayCurve.js';
import { pickIn, poisson } from '../generate/draws.js';
import { PLATFORMS } from '../vocabulary.js';
import type { CustomerBook } from './customerBook.js';
import type { DailyCounts } from './dailyCounts.js';
import type { LiveAds } from './liveAds.js';
import { OrderLog } from './orderLog.js';
import { Timing } from './timing.js';
import { Visits } from './visits.js';

const SLOT = {
  ads: 0,
  newcomers: 1,
  traits: 2,
  clicks: 3,
  convert: 4,
  browse: 5,
  organic: 6,
  basket: 7,
  paid: 8,
};

export interface Simulation {
  readonly visits: Visits;
  readonly orders: OrderLog;
  /** Per ad grid row: visits that name the ad, and clicks that did not land. */
  readonly named: Int32Array;
  readonly unlanded: Int32Array;
}

export function* simulate(
  config: Readonly<Config>,
  seed: number,
  startDay: number,
  days: number,
  customers: CustomerBook,
  catalog: AdCatalog,
  live: LiveAds,
  counts: DailyCounts,
): Steps<Simulation> {
  const campaigns = config.ads.campaigns;
  const orderCurve = new DayCurve(config.rhythm.order_hours_utc);
  const visitCurve = new DayCurve(config.rhythm.session_hours_utc);
  const timing = new Timing(orderCurve, visitCurve, config.orders.same_day);
  const basket = new Basket(config);
  const visits = new Visits(config, catalog, live, startDay);
  const orders = new OrderLog();
  const named = visits.named;
  const unlanded = new Int32Array(named.length);
  // Step k decides day k − 1 and tomorrow's organic orders; step 0 only the first day's orders.
  const states = shardStates(baseState(seed, 'jaffle.days'), days + 1);
  const land = config.ads.land_rate;
  const P = PLATFORMS.length;
  const clickAd = i32();
  const clickNew = u8();
  const newTimes = f64();
  const viewThrough = i32();

  /** A visit at `us` that converts with probability `p` into an order (caused by `cause`). */
  const maybeOrder = (
    us: number,
    customer: number,
    p: number,
    cause: number,
    rng: Stream,
    basketRng: Stream,
  ) => {
    if (!(rng.next() < p)) return;
    const at = timing.orderAfter(us, rng);
    if (!Number.isNaN(at)) orders.add(at, us, customer, cause, cause >= 0, basket, basketRng);
  };

  for (let step = 0; step <= days; step++) {
    yield;
    const d = step - 1;
    const s = (slot: number) => new Stream(states[step]!, slot);
    const existing = customers.count;
    const basketRng = s(SLOT.basket);
    viewThrough.length = 0;
    if (d >= 0) {
      const dayUs = (startDay + d) * MICROS_PER_DAY;
      const rAds = s(SLOT.ads);
      const rNew = s(SLOT.newcomers);
      const rTraits = s(SLOT.traits);
      const rClicks = s(SLOT.clicks);
      const rConvert = s(SLOT.convert);
      const rBrowse = s(SLOT.browse);
      clickAd.length = 0;
      clickNew.length = 0;
      // The ads' clicks: visits that name the ad (new visitors among them), lost clicks, and
      // orders the ad causes without a click.
      for (let b = d * P; b < (d + 1) * P; b++)
        for (let j = live.first[b]!; j < live.first[b + 1]!; j++) {
          const a = live.ads[j]!;
          const row = catalog.grid[a]! + startDay + d - catalog.first[a]!;
          const c = campaigns[catalog.campaign[a]!]!;
          const n = poisson(rAds, catalog.clicksExpected[row]! * land);
          unlanded[row] = poisson(rAds, catalog.clicksExpected[row]! * (1 - land));
          for (let k = 0; k < n; k++) {
            clickAd.push(a);
            clickNew.push(rAds.next() < c.new_share ? 1 : 0);
          }
          const vt = poisson(rAds, catalog.cost[row]! * c.view_through);
          for (let k = 0; k < vt; k++) viewThrough.push(catalog.campaign[a]!);
        }
      // Newcomers sign up at the start of their first visit, in time order (ids ascend with it).
      let fromAds = 0;
      for (let k = 0; k < clickAd.length; k++) fromAds += clickNew.get(k);
      const newcomers = fromAds + counts.newcomers[d]!;
      newTimes.length = 0;
      for (let k = 0; k < newcomers; k++) newTimes.push(dayUs + visitCurve.draw(rNew.next()));
      const times = newTimes.view().sort();
      for (let k = 0; k < newcomers; k++) customers.add(times[k]!, rTraits);
      // Which newcomers the ads brought: a shuffle of their clicks among them.
      const role = new Int32Array(newcomers).fill(-1);
      for (let k = 0, r = 0; k < clickAd.length; k++) if (clickNew.get(k)) role[r++] = clickAd.get(k);
      for (let k = newcomers - 1; k > 0; k--) {
        const j = Math.floor(rNew.next() * (k + 1));
        const t = role[k]!;
        role[k] = role[j]!;
        role[j] = t;
      }
      for (let k = 0; k < newcomers; k++) {
        const c = existing + k;
        const us = times[k]!;
        const a = role[k]!;
        if (a >= 0) {
          visits.add(us, c, visits.adChannel(a, c, customers), a);
          maybeOrder(
            us,
            c,
            campaigns[catalog.campaign[a]!]!.conversion,
            catalog.campaign[a]!,
            rConvert,
            basketRng,
          );
        } else {
          visits.add(us, c, customers.channel.get(c), -1);
          maybeOrder(us, c, config.customers.first_order, -1, rConvert, basketRng);
        }
      }
      // Existing customers' clicks (anyone may click; regulars browse more).
      const cumBrowse = customers.cumBrowse.view();
      for (let k = 0; k < clickAd.length; k++) {
        if (clickNew.get(k) || existing === 0) continue;
        const a = clickAd.get(k);
        const c = pickIn(cumBrowse, existing, rClicks.next());
        const us = dayUs + visitCurve.draw(rClicks.next());
        visits.add(us, c, visits.adChannel(a, c, customers), a);
        maybeOrder(
          us,
          c,
          campaigns[catalog.campaign[a]!]!.conversion,
          catalog.campaign[a]!,
          rConvert,
          basketRng,
        );
      }
      // Visits that buy nothing.
      for (let k = existing ? counts.browse[d]! : 0; k > 0; k--) {
        const c = pickIn(cumBrowse, existing, rBrowse.next());
        visits.add(dayUs + visitCurve.draw(rBrowse.next()), c, customers.visitChannel(c, rBrowse), -1);
      }
    }
    // Tomorrow's organic and view-through orders, by customers who existed this morning, and the
    // visits they convert from (today or tomorrow; the window's first day has no day before).
    if (existing > 0) {
      const rOrganic = s(SLOT.organic);
      const rPaid = s(SLOT.paid);
      const tomorrowUs = (startDay + d + 1) * MICROS_PER_DAY;
      const cumOrder = customers.cumOrder.view();
      const cumBrowse = customers.cumBrowse.view();
      const organic = cumOrder[existing - 1]! > 0 ? counts.organic[d + 1]! : 0;
      for (let k = 0; k < organic + viewThrough.length; k++) {
        const caused = k >= organic ? viewThrough.get(k - organic) : -1;
        const c = pickIn(caused >= 0 ? cumBrowse : cumOrder, existing, rOrganic.next());
        const at = tomorrowUs + orderCurve.draw(rOrganic.next());
        const visit = timing.visitBefore(at, d >= 0, rOrganic);
        if (Number.isNaN(visit)) continue;
        const channel = customers.visitChannel(c, rOrganic);
        const ad =
          caused < 0 && rPaid.next() < config.sessions.paid_click_share
            ? visits.paidClick(visit, channel, rPaid)
            : -1;
        visits.add(visit, c, channel, ad);
        orders.add(at, visit, c, caused, false, basket, basketRng);
      }
    }
  }
  return { visits, orders, named, unlanded };
}
