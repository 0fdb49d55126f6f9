/** The jaffle pack's own check groups, run after the engine's generic ones. */
import type { PackChecks } from '../../../scenario/scenarioPack.js';

export const CHECK_GROUPS: PackChecks['groups'] = [];
