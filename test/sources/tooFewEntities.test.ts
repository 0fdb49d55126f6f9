/**
 * `--sources 3` at a scale with too few entities (TapFlow 0.05x: 8 accounts) is refused from the plan,
 * before any file is written: exit 2, one line, and nothing of the run is left (a folder it made is
 * removed, a folder that was there stays as it was). It used to be refused after every table was written.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runCliAsync, tempDir } from '../helpers.js';

const root = tempDir('sources-too-few');
const ARGS = ['--scale', '0.05x', '--sources', '3', '--no-validate', '--quiet'];

it('refuses before writing anything, in one line (exit 2)', async () => {
  const fresh = join(root, 'fresh');
  const existing = join(root, 'existing');
  mkdirSync(existing);
  const runs = await Promise.all([
    runCliAsync([...ARGS, '--out', fresh]),
    runCliAsync([...ARGS, '--out', existing]),
  ]);
  for (const run of runs) {
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      'gen-parquet: --sources: 8 entities are too few for three overlapping sources; accepted: a scale that gives at least 40',
    ]);
  }
  expect(readdirSync(root).sort()).toEqual(['existing']);
  expect(readdirSync(existing)).toEqual([]);
}, 30_000);
