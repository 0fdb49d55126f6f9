/** The ads live on each day of the grid, per platform, in id order, with their running costs (to pick one by spend). */

import type { AdCatalog } from '../generate/adCatalog.js';
import { PLATFORMS } from '../vocabulary.js';

export interface LiveAds {
  /** Block (day index × platforms + platform) b holds ads[first[b] .. first[b + 1]). */
  readonly first: Int32Array;
  readonly ads: Int32Array;
  /** Running cost within each block. */
  readonly cumCost: Float64Array;
}

export function liveAds(catalog: AdCatalog, startDay: number, days: number): LiveAds {
  const P = PLATFORMS.length;
  const first = new Int32Array(days * P + 1);
  for (let a = 0; a < catalog.count; a++)
    for (let day = catalog.first[a]!; day <= catalog.last[a]!; day++)
      first[(day - startDay) * P + catalog.platform[a]! + 1]!++;
  for (let b = 0; b < days * P; b++) first[b + 1]! += first[b]!;
  const fill = first.slice(0, days * P);
  const ads = new Int32Array(first[days * P]!);
  const cumCost = new Float64Array(ads.length);
  // Ads are in id order within each platform, so each block fills in id order.
  for (let a = 0; a < catalog.count; a++)
    for (let day = catalog.first[a]!; day <= catalog.last[a]!; day++) {
      const b = (day - startDay) * P + catalog.platform[a]!;
      const at = fill[b]!++;
      ads[at] = a;
      const cost = catalog.cost[catalog.grid[a]! + day - catalog.first[a]!]!;
      cumCost[at] = (at > first[b]! ? cumCost[at - 1]! : 0) + cost;
    }
  return { first, ads, cumCost };
}
