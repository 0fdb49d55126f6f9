/** `_manifest.json`: run parameters and every file with rows, bytes and sha256; `_SUCCESS` comes after it. */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExpectedAnswers } from '../scenario/scenarioPack.js';
import type { FileResult } from './factShard.js';
import type { RunParams } from './runParams.js';

export const MANIFEST = '_manifest.json';
export const SUCCESS = '_SUCCESS';

/** The run's parameters (what decides the bytes), what the design implies, and every file. */
export interface Manifest extends RunParams {
  /** What the design implies: exact fact row counts, then the pack's expected answers. */
  readonly expected: { readonly rows: Readonly<Record<string, number>> } & ExpectedAnswers;
  readonly files: readonly FileResult[];
}

export async function writeAtomic(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

export async function writeManifest(outDir: string, manifest: Manifest): Promise<void> {
  const files = [...manifest.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  await writeAtomic(join(outDir, MANIFEST), `${JSON.stringify({ ...manifest, files }, null, 2)}\n`);
}

export async function readManifest(outDir: string): Promise<Manifest> {
  return JSON.parse(await readFile(join(outDir, MANIFEST), 'utf8')) as Manifest;
}
