/** The ecommerce pack's own check groups, run after the engine's generic ones. */
import type { PackChecks } from '../../../scenario/scenarioPack.js';
import { catalogueChecks } from './catalogueChecks.js';
import { funnelChecks } from './funnelChecks.js';
import { inventoryChecks } from './inventoryChecks.js';
import { orderChecks } from './orderChecks.js';
import { productRealism } from './productRealism.js';
import { reviewChecks } from './reviewChecks.js';
import { trafficRealism } from './trafficRealism.js';

export const CHECK_GROUPS: PackChecks['groups'] = [
  catalogueChecks,
  orderChecks,
  funnelChecks,
  inventoryChecks,
  reviewChecks,
  trafficRealism,
  productRealism,
];
