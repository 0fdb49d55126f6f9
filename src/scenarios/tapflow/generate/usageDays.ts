/** Per-day figures of the product-usage tables, planned on the main thread and shared with the workers. */
import type { StreamState } from '../../../rng/stream.js';

/** Per day of the history: page views, API calls, all feature rows, and the day's 'sessions' stream state. */
export interface UsageDays {
  readonly firstDay: number;
  readonly pageRows: Int32Array;
  readonly apiRows: Int32Array;
  readonly featureRows: Int32Array;
  /** 4 int32 per day. */
  readonly sessionStates: Int32Array;
}

export function sessionState(days: UsageDays, day: number): StreamState {
  const i = 4 * (day - days.firstDay);
  const s = days.sessionStates;
  return [s[i]!, s[i + 1]!, s[i + 2]!, s[i + 3]!];
}
