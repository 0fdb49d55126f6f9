/** The jaffle tests' clean output (0.2x, 30 days, 2 workers, validated). */
import { join } from 'node:path';
import { type CliRun, runCliAsync, tempDir } from '../../helpers.js';

export const JAFFLE_ARGS = ['--scenario', 'jaffle', '--scale', '0.2x', '--days', '30', '--end', '2024-06-30'];

/** Starts the run; its folder and the run's outcome. */
export function jaffleOutput(): { out: string; run: Promise<CliRun> } {
  const out = join(tempDir('jaffle-clean'), 'out');
  return { out, run: runCliAsync([...JAFFLE_ARGS, '--out', out, '--workers', '2'], { TZ: 'UTC' }) };
}
