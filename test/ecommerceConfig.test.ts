/** config/ecommerce.yaml and its schema: the shipped design loads, and each bad value is one line naming its key. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../src/config/load.js';
import { parseOverride } from '../src/config/overrides.js';
import { configSchema } from '../src/scenarios/ecommerce/config.js';

const text = readFileSync('config/ecommerce.yaml', 'utf8');

describe('ecommerce config', () => {
  it('loads the shipped design: the contract’s 1x volumes', () => {
    const { config } = loadConfig('config/ecommerce.yaml', configSchema);
    expect([
      config.customers.count,
      config.products.count,
      config.sessions.per_day,
      config.time.days,
    ]).toEqual([10_000, 5000, 1000, 365]);
    expect(config.orders.per_year).toBe(50_000);
  });

  it.each([
    ['sessions.funnel.bounce=0.9', /^config\/ecommerce\.yaml: sessions\.funnel: shares must sum to 1$/],
    ['time.end=2023-02-30', /^--set time\.end=2023-02-30: time\.end: 2023-02-30 is not a real date$/],
    [
      'customers.segments.vip_min_orders=2',
      /^--set customers\.segments\.vip_min_orders=2: customers\.segments\.vip_min_orders must be above customers\.segments\.regular_min_orders$/,
    ],
    ['sessions.per_dya=3', /^--set sessions\.per_dya=3: sessions: unknown key per_dya$/],
    [
      'orders.payment.app.paypal=0.5',
      /^config\/ecommerce\.yaml: orders\.payment\.app: shares must sum to 1$/,
    ],
    [
      'inventory.lead_days=[9, 3]',
      /^--set inventory\.lead_days=\[9, 3\]: inventory\.lead_days: range must be \[min, max\]/,
    ],
  ])(
    'refuses --set %s in one line naming the key (a rule over a whole map names the map)',
    (set, message) => {
      expect(() => parseConfig(text, 'config/ecommerce.yaml', configSchema, [parseOverride(set)])).toThrow(
        message,
      );
    },
  );
});
