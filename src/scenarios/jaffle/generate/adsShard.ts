/** google_ads, facebook_ads, instagram_ads: one row per ad and day, in (date, ad number) order. */

import type { Arena } from '../../../generate/arena.js';
import type { Batch } from '../../../generate/batch.js';
import type { FactShardPlan } from '../../../plan/shards.js';
import type { JaffleShared } from '../shared.js';
import { AD_PREFIX, PLATFORMS } from '../vocabulary.js';
import { firstRowOf } from './shardRows.js';

export function generateAdsShard(
  shared: JaffleShared,
  platform: number,
  shard: FactShardPlan,
  arena: Arena,
): Batch {
  const r = shared.ads[platform]!;
  const n = shard.rows;
  const from = firstRowOf(shard);
  const adId = new Array<string>(n);
  const date = arena.i32(n);
  const medium = arena.u8(n);
  const campaign = new Array<string>(n);
  const cost = arena.i32(n);
  const impressions = arena.i32(n);
  const clicks = arena.i32(n);
  for (let k = 0; k < n; k++) {
    const i = from + k;
    adId[k] = `${AD_PREFIX[platform]}${r.number[i]}`;
    date[k] = r.day[i]!;
    medium[k] = r.medium[i]!;
    campaign[k] = shared.campaigns[r.campaign[i]!]!;
    cost[k] = r.cost[i]!;
    impressions[k] = r.impressions[i]!;
    clicks[k] = r.clicks[i]!;
  }
  return {
    table: `${PLATFORMS[platform]}_ads`,
    rows: n,
    columns: { ad_id: adId, date, utm_medium: medium, utm_campain: campaign, cost, impressions, clicks },
    validity: {},
  };
}
