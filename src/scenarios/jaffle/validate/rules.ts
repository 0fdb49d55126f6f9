/** The jaffle pack's rules that the engine runs in its own scans. */
import type { PackChecks } from '../../../scenario/scenarioPack.js';

export const DENORMALISED: PackChecks['denormalised'] = [];
export const ORDERING: PackChecks['ordering'] = [];
