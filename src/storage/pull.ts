/**
 * Lays the part of a bucket's dataset that a command needs into a local staging folder, so that the
 * engine works on it as on any output folder (its checks, its resume, its deletion rules unchanged).
 * Our small files (manifest, `_SUCCESS`, journals, part records, Iceberg metadata) are downloaded; a
 * data object is downloaded when a listing the command reads names it with the object's size and
 * sha256 (a finished upload), and otherwise stands as an empty placeholder: the engine then sees a
 * file it must prove its own (else it refuses, naming it) or replace (a stale or half upload).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { isMetadataPath } from '../run/icebergRecord.js';
import { JOURNAL, readJournal } from '../run/journal.js';
import { LOCK } from '../run/lock.js';
import { MANIFEST, readManifest } from '../run/manifest.js';
import { isDataPath, some } from '../run/outputDir.js';
import { PARTS_DIR } from '../run/partRecord.js';
import { TEMP_DIR } from '../run/temporaries.js';
import type { Bucket } from './bucket.js';

/**
 * What a local file was when it matched its object (or stood for it: an empty placeholder): unchanged
 * since (same size and mtime), it need not go up again; removed by the engine, its object goes.
 */
export interface Known {
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * Which objects to download: `all` (validate, load), or the data files named by the listings (paths
 * of the manifest, a journal or a part record) that `reads` accepts.
 */
export type PullMode = 'all' | { readonly reads: (listing: string) => boolean };

/** Never ours to carry between machines: locks are per host, temporaries per writer. */
export const isLocalOnly = (path: string) =>
  path === LOCK ||
  path.startsWith(`${TEMP_DIR}/`) ||
  path.endsWith('.tmp') ||
  path.endsWith('.lock') ||
  path.startsWith('.tmp-');

const isSmallOwn = (path: string) => path.startsWith('_') || isMetadataPath(path);

export async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Runs `task` over `items`, `width` at a time. */
export async function eachLimited<T>(items: readonly T[], width: number, task: (t: T) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/** The files the listings `reads` accepts name, by path: size and sha256. */
async function listed(dir: string, paths: readonly string[], reads: (l: string) => boolean) {
  const named = new Map<string, { bytes: number; sha256: string }>();
  const add = (files: readonly { path: string; bytes: number; sha256: string }[] | undefined) => {
    for (const f of files ?? []) if (isDataPath(f?.path)) named.set(f.path, f);
  };
  if (reads(MANIFEST) && paths.includes(MANIFEST))
    add((await readManifest(dir).catch(() => undefined))?.files);
  for (const p of paths.filter(reads)) {
    if (p === JOURNAL || p.endsWith('.progress.jsonl')) add(readJournal(dir, p)?.files);
    else if (p.startsWith(`${PARTS_DIR}/`) && p.endsWith('.json'))
      add(JSON.parse(await readFile(join(dir, p), 'utf8').catch(() => '{}')).files);
  }
  return named;
}

export async function pull(bucket: Bucket, dir: string, mode: PullMode): Promise<Map<string, Known>> {
  const objects = [...(await bucket.list())].filter(([p]) => !isLocalOnly(p));
  // A key no folder can hold (`a//b`, `../x`) is no file we wrote, and must not land outside staging.
  const odd = objects
    .map(([p]) => p)
    .filter((p) => p.split('/').some((s) => s === '' || s === '.' || s === '..'));
  if (odd.length)
    throw new UsageError(
      `--out ${bucket.location.url}: holds objects gen-parquet did not write (${some(odd)}); move them out of the prefix, or choose another --out`,
    );
  const known = new Map<string, Known>();
  const fetch = async (path: string) => {
    const file = join(dir, path);
    await bucket.download(path, file);
    const s = await stat(file);
    known.set(path, { size: s.size, mtimeMs: s.mtimeMs });
  };
  const stand = async (path: string) => {
    const file = join(dir, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, '');
    known.set(path, { size: 0, mtimeMs: (await stat(file)).mtimeMs });
  };
  if (mode === 'all') {
    await eachLimited(objects, 8, ([p]) => fetch(p));
    return known;
  }
  const small = objects.filter(([p]) => isSmallOwn(p)).map(([p]) => p);
  await eachLimited(small, 8, fetch);
  const named = await listed(dir, small, mode.reads);
  const rest = objects.filter(([p]) => !isSmallOwn(p));
  await eachLimited(rest, 8, async ([p, o]) => {
    const want = named.get(p);
    const ok = want && o.size === want.bytes && (await bucket.sha256(p)) === want.sha256;
    await (ok ? fetch(p) : stand(p));
  });
  return known;
}
