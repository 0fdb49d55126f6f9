/** `_manifest.json`: run parameters and every file with rows, bytes and sha256; `_SUCCESS` comes after it. */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExpectedAnswers } from '../scenario/scenarioPack.js';
import type { FileResult } from './factShard.js';
import { fsError } from './fsErrors.js';
import type { RunParams } from './runParams.js';

export const MANIFEST = '_manifest.json';
export const SUCCESS = '_SUCCESS';

/** The run's parameters (what decides the bytes), what the design implies, and every file. */
export interface Manifest extends RunParams {
  /** What the design implies: exact fact row counts, then the pack's expected answers. */
  readonly expected: { readonly rows: Readonly<Record<string, number>> } & ExpectedAnswers;
  readonly files: readonly FileResult[];
}

/** Writes `path` whole or not at all: a failed write (a full disk) leaves neither `path` changed nor its `.tmp`. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  try {
    await writeFile(`${path}.tmp`, text);
    await rename(`${path}.tmp`, path);
  } catch (err) {
    await rm(`${path}.tmp`, { force: true }).catch(() => {});
    throw fsError('write', path, err);
  }
}

export async function writeManifest(outDir: string, manifest: Manifest): Promise<void> {
  const files = [...manifest.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  await writeAtomic(join(outDir, MANIFEST), `${JSON.stringify({ ...manifest, files }, null, 2)}\n`);
}

export async function readManifest(outDir: string): Promise<Manifest> {
  const path = join(outDir, MANIFEST);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw fsError('read', path, err);
  }
  try {
    return JSON.parse(text) as Manifest;
  } catch (err) {
    throw new Error(`cannot read ${path}: not valid JSON (${(err as Error).message})`);
  }
}
