/** The jaffle pack's own check groups (contract rules 1–5 and the shop's rhythm), run after the engine's generic ones. */
import type { PackChecks } from '../../../scenario/scenarioPack.js';
import { adChecks } from './adChecks.js';
import { customerChecks } from './customerChecks.js';
import { orderChecks } from './orderChecks.js';
import { paymentChecks } from './paymentChecks.js';
import { rhythmChecks } from './rhythmChecks.js';
import { sessionChecks } from './sessionChecks.js';

export const CHECK_GROUPS: PackChecks['groups'] = [
  customerChecks,
  orderChecks,
  paymentChecks,
  sessionChecks,
  adChecks,
  rhythmChecks,
];
