/** What the main thread hands every worker once (typed arrays in SharedArrayBuffers: shared, not copied). */
import type { Batch } from '../../generate/batch.js';
import type { ChangeList } from '../../generate/changeList.js';

export interface JaffleShared {
  readonly seed: number;
  /** End of the window (µs, exclusive): "now" for order statuses. */
  readonly endUs: number;
  /** Start of the window (µs): the first change day's. */
  readonly startUs: number;
  /** Lifecycle bounds in hours ([min, max] of each stage) and the share of completed orders returned. */
  readonly lifecycle: {
    readonly ship: readonly [number, number];
    readonly deliver: readonly [number, number];
    readonly returnAfter: readonly [number, number];
    readonly refundAfter: readonly [number, number];
    readonly returnShare: number;
  };
  readonly sessionMinutes: { readonly median: number; readonly sigma: number; readonly max: number };
  /** Campaign names (utm_campain), in config order. */
  readonly campaigns: readonly string[];
  /** First names the customers' indices point into. */
  readonly firstNames: readonly string[];
  /** Customers in id order (index + 1): signup time and what their email is made of. */
  readonly customers: {
    readonly signupUs: Float64Array;
    readonly first: Int32Array;
    readonly initial: Uint8Array;
    readonly style: Uint8Array;
    readonly domain: Uint8Array;
  };
  /** Orders in id order (index + 1), and their payments (in id order: each order's in turn). */
  readonly orders: {
    readonly time: Float64Array;
    readonly customer: Int32Array;
    readonly paymentFirst: Int32Array;
  };
  readonly payments: { readonly order: Int32Array; readonly method: Uint8Array; readonly cents: Int32Array };
  /** website_sessions then app_sessions, each in session_id order. */
  readonly sessions: readonly SessionRows[];
  /** google_ads, facebook_ads, instagram_ads rows, each in (date, ad number) order. */
  readonly ads: readonly AdRows[];
  /** `--changes`: each requested change log's changes, and raw_customers' rows for its own. */
  readonly changes: Readonly<Record<string, ChangeList>>;
  readonly customerRows?: Batch;
}

export interface SessionRows {
  readonly start: Float64Array;
  readonly customer: Int32Array;
  /** Index into the table's utm_source members, or −1 (an organic visit: no utm_source, no ad). */
  readonly source: Int8Array;
  /** The ad's number within its platform (the platform is the source). */
  readonly adNumber: Int32Array;
}

export interface AdRows {
  readonly day: Int32Array;
  readonly number: Int32Array;
  readonly campaign: Uint8Array;
  readonly medium: Uint8Array;
  readonly cost: Int32Array;
  readonly impressions: Int32Array;
  readonly clicks: Int32Array;
}
