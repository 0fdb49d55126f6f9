/** The catalog the CLI's help reads describes the same packs, in the same order, as the registry. */
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/scenarios/catalog.js';
import { SCENARIOS } from '../../src/scenarios/registry.js';

describe('the scenario catalog', () => {
  it('names every registered pack, in order, with its description and its very tables', async () => {
    expect(CATALOG.map((p) => p.name)).toEqual(SCENARIOS.map((p) => p.name));
    for (const [i, pack] of SCENARIOS.entries()) {
      expect(CATALOG[i]!.description).toBe(pack.description);
      expect(await CATALOG[i]!.tables()).toBe(pack.tables);
    }
  });
});
