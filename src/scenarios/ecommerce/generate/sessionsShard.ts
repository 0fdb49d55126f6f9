/** sessions: rows [firstRow, firstRow + rows) of a day, each derived from its index alone. */
import { type Arena, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { FactShardPlan } from '../../../plan/shards.js';
import { countAtMost } from './keyed.js';
import { PLACES } from './places.js';
import { PLACE_COUNTRY, type ShardContext } from './shardContext.js';

export function generateSessionsShard(ctx: ShardContext, shard: FactShardPlan, arena: Arena): Batch {
  const { shared, models, urls, session: s } = ctx;
  const n = shard.rows;
  const first = shared.sessions.dayFirst[shard.day - models.calendar.window.startDay]! + shard.firstRow;
  const { converted, convertedOrder } = shared.sessions;
  const ids = arena.i64(n);
  const customer = arena.i32(n);
  const customerOk = arena.u8(n);
  const started = arena.i64(n);
  const ended = arena.i64(n);
  const duration = arena.i32(n);
  const device = arena.u8(n);
  const browser = arena.u8(n);
  const os = arena.u8(n);
  const source = arena.u8(n);
  const campaign = arena.u8(n);
  const campaignOk = arena.u8(n);
  const country = arena.u8(n);
  const pageViews = arena.i32(n);
  const isConverted = arena.u8(n);
  const order = arena.i64(n);
  const orderOk = arena.u8(n);
  const landing = new Array<string>(n);
  const city = new Array<string>(n);
  const [idView, startView, endView, orderView] = [ids, started, ended, order].map(int32Pairs) as [
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  for (let k = 0; k < n; k++) {
    const index = first + k;
    models.sessions.derive(index, s);
    setInt64(idView, k, index + 1);
    if (s.customer >= 0) {
      customer[k] = s.customer + 1;
      customerOk[k] = 1;
    }
    setInt64(startView, k, s.startUs);
    setInt64(endView, k, s.endUs);
    duration[k] = s.durationS;
    device[k] = s.device;
    browser[k] = s.browser;
    os[k] = s.os;
    source[k] = s.source;
    if (s.campaign >= 0) {
      campaign[k] = s.campaign;
      campaignOk[k] = 1;
    }
    landing[k] = urls[s.page[0]!]!;
    city[k] = PLACES[s.place]!.city;
    country[k] = PLACE_COUNTRY[s.place]!;
    pageViews[k] = s.pageViews;
    if (s.converted) {
      isConverted[k] = 1;
      const at = countAtMost(converted, index) - 1;
      setInt64(orderView, k, convertedOrder[at]! + 1);
      orderOk[k] = 1;
    }
  }
  return {
    table: 'sessions',
    rows: n,
    columns: {
      session_id: ids,
      customer_id: customer,
      started_at: started,
      ended_at: ended,
      duration_s: duration,
      device_type: device,
      browser,
      os,
      traffic_source: source,
      utm_campaign: campaign,
      landing_page: landing,
      city,
      country,
      page_views: pageViews,
      converted: isConverted,
      order_id: order,
    },
    validity: { customer_id: customerOk, utm_campaign: campaignOk, order_id: orderOk },
  };
}
