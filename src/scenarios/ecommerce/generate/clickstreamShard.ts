/**
 * clickstream_events: the events of a day's quarter hours [from, to). The sessions that can reach
 * into them (started up to the longest session before) are derived again, their events inside the
 * range kept and ordered by (time, session, position): ids then ascend with time across sessions.
 */
import { type Arena, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { FactShardPlan } from '../../../plan/shards.js';
import { bucketsOf } from '../plan/clickstreamShards.js';
import { BUCKET_US, BUCKETS_PER_DAY } from '../plan/sessionPlan.js';
import { SEARCH_TERMS } from './catalog.js';
import type { ShardContext } from './shardContext.js';

export function generateClickstreamShard(ctx: ShardContext, shard: FactShardPlan, arena: Arena): Batch {
  const { shared, models, urls, session: s } = ctx;
  const n = shard.rows;
  const { startUs } = models.calendar.window;
  const day = shard.day - models.calendar.window.startDay;
  const [from, to] = bucketsOf(shared.sessions.eventBuckets, day, shard.firstRow, n);
  const t0 = startUs + (day * BUCKETS_PER_DAY + from) * BUCKET_US;
  const t1 = startUs + (day * BUCKETS_PER_DAY + to) * BUCKET_US;
  // Gathered in session order, then sorted by time.
  const ts = arena.f64(n);
  const sessionOf = arena.i32(n);
  const position = arena.i32(n);
  const type = arena.u8(n);
  const product = arena.i32(n);
  const page = arena.i32(n);
  const query = arena.i32(n);
  const customer = arena.i32(n);
  const device = arena.u8(n);
  let c = 0;
  const last = models.sessions.firstAtOrAfter(t1);
  for (
    let i = models.sessions.firstAtOrAfter(t0 - shared.config.sessions.max_minutes * 60_000_000);
    i < last;
    i++
  ) {
    models.sessions.derive(i, s);
    for (let k = 0; k < s.events; k++) {
      const t = s.startUs + s.offsetUs[k]!;
      if (t < t0 || t >= t1) continue;
      if (c === n) throw new Error(`clickstream shard ${shard.index}: more events than the ${n} planned`);
      ts[c] = t;
      sessionOf[c] = i;
      position[c] = k + 1;
      type[c] = s.type[k]!;
      product[c] = s.product[k]!;
      page[c] = s.page[k]!;
      query[c] = s.query[k]!;
      customer[c] = s.customer;
      device[c] = s.device;
      c++;
    }
  }
  if (c !== n) throw new Error(`clickstream shard ${shard.index}: ${c} events, ${n} planned`);
  const order = arena.i32(n);
  for (let k = 0; k < n; k++) order[k] = k;
  order.sort((a, b) => ts[a]! - ts[b]! || sessionOf[a]! - sessionOf[b]! || position[a]! - position[b]!);

  const ids = arena.i64(n);
  const sessionIds = arena.i64(n);
  const eventTs = arena.i64(n);
  const customerOut = arena.i32(n);
  const customerOk = arena.u8(n);
  const typeOut = arena.u8(n);
  const productOut = arena.i32(n);
  const productOk = arena.u8(n);
  const queryOk = arena.u8(n);
  const positionOut = arena.i32(n);
  const deviceOut = arena.u8(n);
  const urlOut = new Array<string>(n);
  const queryOut = new Array<string>(n);
  const [idView, sessionView, tsView] = [ids, sessionIds, eventTs].map(int32Pairs) as [
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  for (let k = 0; k < n; k++) {
    const e = order[k]!;
    setInt64(idView, k, shard.firstId + k);
    setInt64(sessionView, k, sessionOf[e]! + 1);
    setInt64(tsView, k, ts[e]!);
    if (customer[e]! >= 0) {
      customerOut[k] = customer[e]! + 1;
      customerOk[k] = 1;
    }
    typeOut[k] = type[e]!;
    if (product[e]! >= 0) {
      productOut[k] = product[e]! + 1;
      productOk[k] = 1;
    }
    urlOut[k] = urls[page[e]!]!;
    if (query[e]! >= 0) {
      queryOut[k] = SEARCH_TERMS[query[e]!]!.text;
      queryOk[k] = 1;
    } else queryOut[k] = '';
    positionOut[k] = position[e]!;
    deviceOut[k] = device[e]!;
  }
  return {
    table: 'clickstream_events',
    rows: n,
    columns: {
      event_id: ids,
      session_id: sessionIds,
      customer_id: customerOut,
      event_ts: eventTs,
      event_type: typeOut,
      page_url: urlOut,
      product_id: productOut,
      search_query: queryOut,
      position: positionOut,
      device_type: deviceOut,
    },
    validity: { customer_id: customerOk, product_id: productOk, search_query: queryOk },
  };
}
