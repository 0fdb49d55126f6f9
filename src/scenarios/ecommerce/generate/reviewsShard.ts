/**
 * reviews: rows [firstRow, firstRow + rows) of a day of the review index. A verified review's
 * product and author come from its order's line, its stars from the kept or returned distribution;
 * an unverified one's from its serial. Text follows the stars; helpful votes are those of the
 * review's first months, so a review never changes once written.
 */

import { type Arena, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { FactShardPlan } from '../../../plan/shards.js';
import { MICROS_PER_DAY, monthOf } from '../../../time/calendar.js';
import { reviewKey } from '../plan/orderPass.js';
import { unverifiedReview } from '../plan/reviewPlan.js';
import { CATEGORIES } from '../vocabulary.js';
import { cumulative, Keyed } from './keyed.js';
import type { ReviewText } from './reviewText.js';
import type { ShardContext } from './shardContext.js';

export class ReviewDraws {
  readonly unverified: Keyed;
  readonly text: Keyed;
  readonly kept: Float64Array;
  readonly returned: Float64Array;
  readonly other: Float64Array;

  constructor(
    ctx: ShardContext,
    readonly words: ReviewText,
  ) {
    const { seed, config } = ctx.shared;
    this.unverified = new Keyed(seed, 'review.unverified');
    this.text = new Keyed(seed, 'review.text');
    this.kept = cumulative(config.reviews.ratings.kept);
    this.returned = cumulative(config.reviews.ratings.returned);
    this.other = cumulative(config.reviews.ratings.unverified);
  }
}

export function generateReviewsShard(
  ctx: ShardContext,
  draws: ReviewDraws,
  shard: FactShardPlan,
  arena: Arena,
): Batch {
  const { shared, models, book } = ctx;
  const reviews = shared.reviews;
  const n = shard.rows;
  const first = reviews.dayFirst[shard.day - models.calendar.window.startDay]! + shard.firstRow;
  const ids = arena.i64(n);
  const product = arena.i32(n);
  const customer = arena.i32(n);
  const orderIds = arena.i64(n);
  const orderOk = arena.u8(n);
  const rating = arena.i32(n);
  const created = arena.i64(n);
  const verified = arena.u8(n);
  const helpful = arena.i32(n);
  const titles = new Array<string>(n);
  const bodies = new Array<string>(n);
  const [idView, orderView, createdView] = [ids, orderIds, created].map(int32Pairs) as [
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  for (let k = 0; k < n; k++) {
    const r = first + k;
    const t = reviews.timeUs[r]!;
    const o = reviews.order[r]!;
    let p: number;
    let dist: Float64Array;
    if (o >= 0) {
      const j = reviews.ref[r]!;
      book.load(o);
      p = book.basket.product[j]!;
      customer[k] = shared.orders.customer[o]! + 1;
      setInt64(orderView, k, o + 1);
      orderOk[k] = 1;
      verified[k] = 1;
      dist = book.life.willReturn[j] ? draws.returned : draws.kept;
      draws.text.at(reviewKey(shared.orders.key[o]!, j));
    } else {
      const who = unverifiedReview(
        draws.unverified,
        reviews.ref[r]!,
        t,
        shared.customers,
        models.picker,
        monthOf(Math.floor(t / MICROS_PER_DAY)),
      );
      p = who.product;
      customer[k] = who.customer + 1;
      dist = draws.other;
      draws.text.at(2 ** 40 + reviews.ref[r]!);
    }
    const rng = draws.text;
    const stars = rng.pick(dist) + 1;
    setInt64(idView, k, r + 1);
    product[k] = p + 1;
    rating[k] = stars;
    setInt64(createdView, k, t);
    const c = shared.products.category[p]!;
    const tOptions = draws.words.titles[stars - 1]!;
    titles[k] = tOptions[rng.int(0, tOptions.length - 1)]!;
    const bOptions = draws.words.bodies[(stars - 1) * CATEGORIES.length + c]!;
    bodies[k] = bOptions[rng.int(0, bOptions.length - 1)]!;
    const extreme = stars === 1 || stars === 5 ? 1.4 : 1;
    helpful[k] = Math.max(0, Math.floor(rng.logNormal(1.8, 1.2) * extreme) - 1);
  }
  return {
    table: 'reviews',
    rows: n,
    columns: {
      review_id: ids,
      product_id: product,
      customer_id: customer,
      order_id: orderIds,
      rating,
      title: titles,
      body: bodies,
      created_at: created,
      verified_purchase: verified,
      helpful_votes: helpful,
    },
    validity: { order_id: orderOk },
  };
}
