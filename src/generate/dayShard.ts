/** What every per-day fact generator receives: one day's plan slice and its stream. */
import type { StreamState } from '../rng/stream.js';

export interface DayShard {
  readonly day: number;
  /** Rows of this shard: rows [firstRow, firstRow + rows) of the day's `dayRows`. */
  readonly rows: number;
  readonly dayRows: number;
  readonly firstRow: number;
  /** Sequence id of the shard's first row. */
  readonly firstId: number;
  readonly state: StreamState;
}
