/** What the main thread hands every worker once (typed arrays in SharedArrayBuffers: shared, not copied). */
import type { Batch } from '../../generate/batch.js';
import type { Config } from './config.js';
import type { CustomerView } from './generate/customers.js';
import type { ProductView } from './generate/products.js';
import type { ChangeList } from './plan/changePlan.js';
import type { InventoryPlan } from './plan/inventoryPlan.js';
import type { OrderIndex } from './plan/orderPlan.js';
import type { ReviewIndex } from './plan/reviewPlan.js';

export interface EcommerceShared {
  readonly config: Readonly<Config>;
  readonly seed: number;
  readonly customers: CustomerView;
  readonly products: ProductView;
  readonly sessions: {
    /** First session of each window day (days + 1). */
    readonly dayFirst: Int32Array;
    /** Clickstream events per (window day, quarter hour). */
    readonly eventBuckets: Int32Array;
    /** Converting sessions, ascending, and the order each placed. */
    readonly converted: Int32Array;
    readonly convertedOrder: Int32Array;
  };
  readonly orders: OrderIndex & { readonly itemFirst: Int32Array };
  readonly inventory: Pick<InventoryPlan, 'planned' | 'opening'> & {
    /** Returned orders by (returned_at, order), and the first of each window day. */
    readonly returned: Int32Array;
    readonly returnedDayFirst: Int32Array;
  };
  readonly reviews: ReviewIndex;
  /** `--changes`: each requested change log's changes, and the dimension rows their rows start from. */
  readonly changes: Readonly<Record<string, ChangeList>>;
  readonly dimensionRows: { readonly customers?: Batch; readonly products?: Batch };
}
