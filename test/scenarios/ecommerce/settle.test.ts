/**
 * When an ecommerce order is final: its last possible stage (shipping within 10 days plus a Sunday,
 * transit within 20, a return within return_days.max) bounds the days after which an append keeps
 * its files (test/run/appendEcommerce.test.ts checks the kept bytes against a backfill).
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { parseOverride } from '../../../src/config/overrides.js';
import { configSchema } from '../../../src/scenarios/ecommerce/config.js';
import { ordersSettleDays } from '../../../src/scenarios/ecommerce/generate/orderTerms.js';
import ecommerce from '../../../src/scenarios/ecommerce/index.js';

describe('ecommerce orders settle', () => {
  it('77 days after the order with the configured 45-day returns, 33 with 1-day returns', () => {
    const { config } = loadConfig('config/ecommerce.yaml', configSchema);
    expect(config.orders.return_days.max).toBe(45);
    expect(ordersSettleDays(config)).toBe(77);
    const quick = loadConfig('config/ecommerce.yaml', configSchema, [
      parseOverride('orders.return_days.max=1'),
    ]).config;
    expect(ordersSettleDays(quick)).toBe(33);
    expect(ecommerce.window.settleDays?.(config)).toEqual({ orders: 77, order_items: 77 });
  });
});
