/** The jaffle tests' one clean output (0.2x, 30 days, 2 workers, validated), made once per test process. */
import { join } from 'node:path';
import { expect } from 'vitest';
import { runCli, tempDir } from '../../helpers.js';

export const JAFFLE_ARGS = ['--scenario', 'jaffle', '--scale', '0.2x', '--days', '30', '--end', '2024-06-30'];

let made: { out: string; stderr: string } | undefined;

export function jaffleOutput(): { out: string; stderr: string } {
  if (!made) {
    const out = join(tempDir('jaffle-clean'), 'out');
    const run = runCli([...JAFFLE_ARGS, '--out', out, '--workers', '2'], { TZ: 'UTC' });
    expect(run.status, run.stderr).toBe(0);
    made = { out, stderr: run.stderr };
  }
  return made;
}
