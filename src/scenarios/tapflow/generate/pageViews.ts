/**
 * One day of page_views: the pages of the day's sessions (sessions.ts, shared with feature_usage),
 * ordered by time so ids ascend with viewed_at. A session's first view has an external referrer or
 * none (direct); later views' referrer is the previous page.
 */

import { type Alloc, HEAP, int32Pairs } from '../../../generate/arena.js';
import { type Batch, setInt64 } from '../../../generate/batch.js';
import type { DayShard } from '../../../generate/dayShard.js';
import { orderByTime } from '../../../generate/sortByTime.js';
import { type DaySessions, daySessions, type SessionContext } from './sessions.js';
import { sessionState, type UsageDays } from './usageDays.js';
import type { UserView } from './userView.js';

export interface PageContext extends SessionContext {
  readonly days: UsageDays;
}

export function generatePageViews(
  ctx: PageContext,
  users: UserView,
  shard: DayShard,
  alloc: Alloc = HEAP,
): Batch {
  const { day } = shard;
  const s: DaySessions = daySessions(ctx, users, day, shard.dayRows, sessionState(ctx.days, day), alloc);
  const order = orderByTime(s.time, s.views);
  const rows = shard.rows;
  const ids = alloc.i64(rows);
  const ts = alloc.i64(rows);
  const sessionIds = alloc.i64(rows);
  const idView = int32Pairs(ids);
  const tsView = int32Pairs(ts);
  const sessionView = int32Pairs(sessionIds);
  const out = {
    seq: alloc.i32(rows),
    user: alloc.i32(rows),
    account: alloc.i32(rows),
    page: alloc.u8(rows),
    entity: alloc.i32(rows),
    entityValid: alloc.u8(rows),
    referrer: alloc.u8(rows),
    referrerValid: alloc.u8(rows),
    duration: alloc.i32(rows),
  };
  for (let j = 0; j < rows; j++) {
    const k = order[shard.firstRow + j]!;
    setInt64(idView, j, shard.firstId + j);
    setInt64(tsView, j, Math.floor(s.time[k]!));
    setInt64(sessionView, j, day * 1_000_000 + s.session[k]!);
    out.seq[j] = s.seq[k]!;
    out.user[j] = s.user[k]! + 1;
    out.account[j] = users.accountId[s.user[k]!]!;
    out.page[j] = s.page[k]!;
    out.entity[j] = s.entity[k]!;
    out.entityValid[j] = s.entity[k]! > 0 ? 1 : 0;
    out.referrer[j] = s.referrer[k]!;
    out.referrerValid[j] = s.referrerValid[k]!;
    out.duration[j] = s.duration[k]!;
  }
  return {
    table: 'page_views',
    rows,
    columns: {
      page_view_id: ids,
      viewed_at: ts,
      session_id: sessionIds,
      session_seq: out.seq,
      user_id: out.user,
      account_id: out.account,
      page_path: out.page,
      entity_id: out.entity,
      referrer: out.referrer,
      duration_ms: out.duration,
    },
    validity: { entity_id: out.entityValid, referrer: out.referrerValid },
  };
}
