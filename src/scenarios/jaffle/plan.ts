/**
 * The jaffle pack's main-thread plan: the customers who signed up before the window, the ads and
 * their costs, the shop simulated day by day, its records arranged as the tables hold them, each
 * fact table's day shards, raw_customers, and the expected answers (the campaigns' true effect).
 */

import type { Batch } from '../../generate/batch.js';
import { shareArrays } from '../../generate/shareArrays.js';
import type { Steps } from '../../generate/steps.js';
import { dayShards, type FactShardPlan } from '../../plan/shards.js';
import type { PlanRequest, ScenarioPlan } from '../../scenario/scenarioPack.js';
import type { Config } from './config.js';
import { buildAdCatalog } from './generate/adCatalog.js';
import { Basket } from './generate/basket.js';
import { DayCurve } from './generate/dayCurve.js';
import { FIRST_NAMES } from './generate/names.js';
import { arrange, perDay } from './plan/arrange.js';
import { planChanges } from './plan/changes.js';
import { CustomerBook } from './plan/customerBook.js';
import { dailyCounts } from './plan/dailyCounts.js';
import { expectedAnswers } from './plan/expected.js';
import { signUpHistory } from './plan/history.js';
import { liveAds } from './plan/liveAds.js';
import { simulate } from './plan/simulate.js';
import type { JaffleShared } from './shared.js';
import { PLATFORMS } from './vocabulary.js';
import { windowOf } from './window.js';

export function* planJaffle({
  config,
  seed,
  scale,
  tables,
}: PlanRequest<Config>): Steps<ScenarioPlan<JaffleShared>> {
  const window = windowOf(config);
  const { startDay, endDay, days } = window;
  const customers = new CustomerBook(config, FIRST_NAMES.length);
  signUpHistory(config, seed, scale, startDay, new DayCurve(config.rhythm.session_hours_utc), customers);
  yield;
  // The day after the window too: its orders are decided on the last day, with visits on it.
  const catalog = buildAdCatalog(config, seed, scale, startDay, endDay + 1);
  const live = liveAds(catalog, startDay, days + 1);
  const counts = dailyCounts(config, scale, startDay, days);
  const sim = yield* simulate(config, seed, startDay, days, customers, catalog, live, counts);
  const arranged = arrange(sim, catalog, live, seed, startDay, days);
  yield;

  const m = config.orders.lifecycle_hours;
  const shared: JaffleShared = {
    seed,
    endUs: window.endUs,
    startUs: window.startUs,
    lifecycle: {
      ship: m.ship,
      deliver: m.deliver,
      returnAfter: m.return_after,
      refundAfter: m.refund_after,
      returnShare: config.orders.return_share,
    },
    sessionMinutes: config.sessions.minutes,
    campaigns: config.ads.campaigns.map((c) => c.name),
    firstNames: FIRST_NAMES,
    customers: shareArrays({
      signupUs: customers.signupUs.toArray(),
      first: customers.first.toArray(),
      initial: customers.initial.toArray(),
      style: customers.style.toArray(),
      domain: customers.domain.toArray(),
    }),
    orders: shareArrays(arranged.orders),
    payments: shareArrays(arranged.payments),
    sessions: arranged.sessions.map((s) => shareArrays(s)),
    ads: arranged.ads.map((a) => shareArrays(a)),
    changes: {},
  };

  const shardRows = config.shard_rows;
  const orderDays = perDay(arranged.orders.time, startDay, days);
  const paymentDays = new Int32Array(days);
  for (let d = 0, k = 0; d < days; d++)
    for (let j = 0; j < orderDays[d]!; j++, k++)
      paymentDays[d]! += arranged.orders.paymentFirst[k + 1]! - arranged.orders.paymentFirst[k]!;
  const byDay = (table: string, perDayRows: Int32Array, firstDay = startDay): FactShardPlan[] =>
    dayShards(table, perDayRows, firstDay, shardRows, seed, 'chunk');
  const perTable: Record<string, () => FactShardPlan[]> = {
    raw_signups: () =>
      byDay(
        'raw_signups',
        perDay(shared.customers.signupUs, window.openDay, endDay - window.openDay + 1),
        window.openDay,
      ),
    raw_orders: () => byDay('raw_orders', orderDays),
    raw_payments: () => byDay('raw_payments', paymentDays),
    website_sessions: () => byDay('website_sessions', perDay(arranged.sessions[0]!.start, startDay, days)),
    app_sessions: () => byDay('app_sessions', perDay(arranged.sessions[1]!.start, startDay, days)),
    ...Object.fromEntries(
      PLATFORMS.map((p, i) => [
        `${p}_ads`,
        () => {
          const rows = new Int32Array(days);
          for (const day of arranged.ads[i]!.day) rows[day - startDay]!++;
          return byDay(`${p}_ads`, rows);
        },
      ]),
    ),
  };
  const facts = new Map<string, FactShardPlan[]>();
  for (const [table, make] of Object.entries(perTable)) if (tables.includes(table)) facts.set(table, make());

  const n = customers.count;
  const first = customers.first.view();
  const initial = customers.initial.view();
  const customerRows: Batch = {
    table: 'raw_customers',
    rows: n,
    columns: {
      id: Int32Array.from({ length: n }, (_, i) => i + 1),
      first_name: Array.from(first, (f) => FIRST_NAMES[f]!),
      last_name: Array.from(initial, (c) => `${String.fromCharCode(c)}.`),
    },
    validity: {},
  };
  const logs = planChanges({
    tables,
    window,
    shared,
    orderShards: perTable.raw_orders!,
    customers: customerRows,
    seed,
    shardRows,
  });
  for (const [table, shards] of logs.facts) facts.set(table, shards);
  return {
    dimensions: [customerRows],
    shared: { ...shared, ...logs.shared },
    facts,
    expected: expectedAnswers(config, window, n, sim, arranged, new Basket(config)),
  };
}
