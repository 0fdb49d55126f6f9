/** `_manifest.json`: run parameters and every file with rows, bytes and sha256; `_SUCCESS` comes after it. */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ShardResult } from './factShard.js';

export const MANIFEST = '_manifest.json';
export const SUCCESS = '_SUCCESS';

export interface Manifest {
  readonly generator: { readonly name: string; readonly version: string };
  readonly seed: number;
  readonly scale: number;
  readonly config_sha256: string;
  readonly tables: readonly string[];
  /** What the design implies, from the config alone (fact tables' exact row counts). */
  readonly expected: { readonly rows: Readonly<Record<string, number>> };
  readonly files: readonly ShardResult[];
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
