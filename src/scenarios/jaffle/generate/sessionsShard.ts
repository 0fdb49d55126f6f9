/** website_sessions and app_sessions: visits in started_at order, each one's length drawn from the shard's stream. */

import type { Arena } from '../../../generate/arena.js';
import { int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { FactShardPlan } from '../../../plan/shards.js';
import { Stream } from '../../../rng/stream.js';
import type { JaffleShared } from '../shared.js';
import { AD_PREFIX, CHANNEL_SOURCES, PLATFORMS } from '../vocabulary.js';
import { spread } from './draws.js';
import { firstRowOf } from './shardRows.js';

const SECOND = 1_000_000;

export function generateSessionsShard(
  shared: JaffleShared,
  channel: number,
  shard: FactShardPlan,
  arena: Arena,
): Batch {
  const s = shared.sessions[channel]!;
  const m = shared.sessionMinutes;
  const prefix = channel === 0 ? 'w' : 'a';
  const adPrefix = CHANNEL_SOURCES[channel]!.map((p) => AD_PREFIX[PLATFORMS.indexOf(p)]!);
  const n = shard.rows;
  const from = firstRowOf(shard);
  const id = new Array<string>(n);
  const customer = arena.i32(n);
  const started = arena.i64(n);
  const ended = arena.i64(n);
  const source = arena.u8(n);
  const sourceOk = arena.u8(n);
  const ad = new Array<string>(n);
  const [startView, endView] = [int32Pairs(started), int32Pairs(ended)] as [Int32Array, Int32Array];
  const rng = new Stream(shard.state, 0);
  for (let k = 0; k < n; k++) {
    const i = from + k;
    const start = s.start[i]!;
    id[k] = `${prefix}${i + 1}`;
    customer[k] = s.customer[i]!;
    setInt64(startView, k, start);
    const seconds = Math.max(1, Math.min(m.max * 60, Math.round(m.median * 60 * spread(rng, m.sigma))));
    setInt64(endView, k, start + seconds * SECOND);
    const src = s.source[i]!;
    if (src >= 0) {
      source[k] = src;
      sourceOk[k] = 1;
      ad[k] = `${adPrefix[src]}${s.adNumber[i]}`;
    }
  }
  return {
    table: channel === 0 ? 'website_sessions' : 'app_sessions',
    rows: n,
    columns: {
      session_id: id,
      customer_id: customer,
      started_at: started,
      ended_at: ended,
      utm_source: source,
      ad_id: ad,
    },
    validity: { utm_source: sourceOk, ad_id: sourceOk },
  };
}
