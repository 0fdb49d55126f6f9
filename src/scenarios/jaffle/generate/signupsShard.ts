/** raw_signups: one row per customer in id order, its email built from the name and a password hash of the seed. */
import { createHash } from 'node:crypto';
import type { Arena } from '../../../generate/arena.js';
import { int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { FactShardPlan } from '../../../plan/shards.js';
import type { JaffleShared } from '../shared.js';
import { emailOf } from './email.js';
import { firstRowOf } from './shardRows.js';

export function generateSignupsShard(
  shared: JaffleShared,
  folded: readonly string[],
  shard: FactShardPlan,
  arena: Arena,
): Batch {
  const c = shared.customers;
  const n = shard.rows;
  const from = firstRowOf(shard);
  const id = arena.i32(n);
  const signup = arena.i64(n);
  const view = int32Pairs(signup);
  const email = new Array<string>(n);
  const password = new Array<string>(n);
  for (let k = 0; k < n; k++) {
    const i = from + k;
    id[k] = i + 1;
    setInt64(view, k, c.signupUs[i]!);
    email[k] = emailOf(folded[c.first[i]!]!, c.initial[i]!, i + 1, c.style[i]!, c.domain[i]!);
    password[k] = createHash('sha256')
      .update(`jaffle:${shared.seed}:${i + 1}`)
      .digest('hex');
  }
  return {
    table: 'raw_signups',
    rows: n,
    columns: { id, user_id: id, user_email: email, hashed_password: password, signup_date: signup },
    validity: {},
  };
}
