/** The generative models every thread builds alike from the config, the seed and the shared views. */
import type { Config } from '../config.js';
import { BasketMaker } from './basket.js';
import type { CustomerView } from './customers.js';
import { OrderTerms } from './orderTerms.js';
import { ProductPicker } from './pick.js';
import type { ProductView } from './products.js';
import { SessionModel } from './session.js';
import { ShopCalendar, windowOf } from './shopCalendar.js';

export interface Models {
  readonly calendar: ShopCalendar;
  readonly picker: ProductPicker;
  readonly baskets: BasketMaker;
  readonly terms: OrderTerms;
  readonly sessions: SessionModel;
}

export function buildModels(
  config: Readonly<Config>,
  seed: number,
  customers: CustomerView,
  products: ProductView,
  sessionDayFirst: Int32Array,
): Models {
  const calendar = new ShopCalendar(config, windowOf(config));
  const picker = new ProductPicker(products, config);
  const baskets = new BasketMaker(config, seed, products, customers, picker, calendar);
  const terms = new OrderTerms(config, seed, products, calendar.window.endUs);
  const sessions = new SessionModel(config, seed, calendar, sessionDayFirst, customers, picker, baskets);
  return { calendar, picker, baskets, terms, sessions };
}
