import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../src/run/manifest.js';
import { runCli, tempDir } from './helpers.js';

function generateInto(out: string, workers: number, tz: string, seed = '42'): Manifest {
  const run = runCli(
    ['--scale', '0.003x', '--seed', seed, '--out', out, '--workers', String(workers), '--no-validate'],
    { TZ: tz },
  );
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(readFileSync(join(out, '_manifest.json'), 'utf8')) as Manifest;
}

describe('determinism', () => {
  const root = tempDir('det');
  const a = generateInto(join(root, 'a'), 1, 'UTC');
  const b = generateInto(join(root, 'b'), 2, 'America/Los_Angeles');

  it('gives byte-identical files with 1 or 2 workers, in UTC or Los Angeles', () => {
    expect(a.files.length).toBeGreaterThan(100);
    expect(b.files).toEqual(a.files);
    for (const f of a.files.slice(0, 50)) {
      expect(readFileSync(join(root, 'b', f.path)).equals(readFileSync(join(root, 'a', f.path)))).toBe(true);
    }
  });

  it('changes the data with the seed', () => {
    const c = generateInto(join(root, 'c'), 2, 'UTC', '7');
    const shaOf = (m: Manifest, table: string) => m.files.find((f) => f.table === table)!.sha256;
    expect(shaOf(c, 'accounts')).not.toBe(shaOf(a, 'accounts'));
  });
});
