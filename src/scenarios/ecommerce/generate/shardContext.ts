/** What a worker builds once from the shared setup and hands every table generator. */
import type { EcommerceShared } from '../shared.js';
import { COUNTRIES } from '../tables.js';
import type { Models } from './models.js';
import type { OrderBook } from './orderBook.js';
import { PLACES } from './places.js';
import type { Session } from './session.js';

export interface ShardContext {
  readonly shared: EcommerceShared;
  readonly models: Models;
  readonly book: OrderBook;
  /** URL of every page index. */
  readonly urls: readonly string[];
  /** Reused scratch session. */
  readonly session: Session;
}

/** COUNTRIES index of each place. */
export const PLACE_COUNTRY = Uint8Array.from(PLACES, (p) =>
  COUNTRIES.indexOf(p.country as (typeof COUNTRIES)[number]),
);
