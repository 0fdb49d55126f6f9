/** `_manifest.json`: run parameters and every file with rows, bytes and sha256; `_SUCCESS` comes after it. */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GroundTruth } from '../quality/groundTruth.js';
import type { ExpectedAnswers } from '../scenario/scenarioPack.js';
import type { DateWindow } from '../time/window.js';
import type { FileResult } from './factShard.js';
import { fsError } from './fsErrors.js';
import type { RunParams } from './runParams.js';

export const MANIFEST = '_manifest.json';
export const SUCCESS = '_SUCCESS';

/** One run or append: the window it brought, and which files it added and replaced. */
export interface Increment {
  /** 0: the first run; 1, 2, …: each append. */
  readonly number: number;
  readonly window: DateWindow;
  /** Paths of files that did not exist before this increment. */
  readonly added: readonly string[];
  /** Paths of mutable tables' files written anew (their earlier bytes are gone). */
  readonly replaced: readonly string[];
  /** Paths of mutable tables' files the new snapshot no longer has. */
  readonly removed: readonly string[];
  /** Rows each table's added and replaced files hold. */
  readonly rows: Readonly<Record<string, number>>;
}

/** The run's parameters (what decides the bytes), what the design implies, and every file. */
export interface Manifest extends RunParams {
  /** What the design implies: exact fact row counts, then the pack's expected answers. */
  readonly expected: { readonly rows: Readonly<Record<string, number>> } & ExpectedAnswers;
  readonly files: readonly FileResult[];
  /** The dataset's history, oldest first. */
  readonly increments: readonly Increment[];
  /** A spoiled dataset (`--quality`): its planted issues by kind and every clean file's digest. */
  readonly ground_truth?: GroundTruth;
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
