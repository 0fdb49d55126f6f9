/**
 * `<out>/_parts/`: the parts of a partitioned run (`--part k/n`) writing into one folder. Each part
 * has its lock (`k-of-n.lock`) and, while it writes, its journal (`k-of-n.progress.jsonl`); when
 * its files are all written, its record (`k-of-n.json`: its parameters, its range of the cut, the
 * plan's expected answers and every file it wrote), from which `commit` makes the manifest.
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PartRef, UnitRange } from '../plan/parts.js';
import type { FileResult } from './factShard.js';
import { fsError } from './fsErrors.js';
import type { Manifest } from './manifest.js';
import { differences, type Labels, type RunParams } from './runParams.js';
import { tempRoot } from './temporaries.js';

export const PARTS_DIR = '_parts';

/** What a part is, besides the dataset's parameters: which part, and how the commit finishes the dataset. */
export interface PartIdentity {
  readonly part: number;
  readonly parts: number;
  /** `none` or `iceberg`: the commit writes the Iceberg metadata when it is `iceberg`. */
  readonly table_format: string;
  /** `--table-location`, when given (else the commit's folder's default). */
  readonly table_location?: string;
}

export interface PartRecord extends PartIdentity {
  readonly params: RunParams;
  /** The part's units `[first, end)` of the plan's `units`: the commit checks that the parts tile them. */
  readonly cut: UnitRange & { readonly units: number };
  /** The plan's expected answers (the whole dataset's): every part computes them, the manifest takes them. */
  readonly expected: Manifest['expected'];
  /** In the plan's order. */
  readonly files: readonly FileResult[];
}

export const partName = (p: PartRef) => `${p.k}-of-${p.n}`;
export const partOf = (id: PartIdentity): PartRef => ({ k: id.part, n: id.parts });
export const recordPath = (outDir: string, p: PartRef) => join(outDir, PARTS_DIR, `${partName(p)}.json`);
/** The part's journal, relative to the output folder (as `Journal.start` takes it). */
export const journalName = (p: PartRef) => `${PARTS_DIR}/${partName(p)}.progress.jsonl`;
export const lockPath = (outDir: string, p: PartRef) => join(outDir, PARTS_DIR, `${partName(p)}.lock`);
/** The part's temporaries: its own folder in `<out>/_tmp/`, which other parts never touch. */
export const partTempDir = (outDir: string, p: PartRef) => join(tempRoot(outDir), `part-${partName(p)}`);

export interface PartEntry extends PartRef {
  readonly kind: 'record' | 'journal' | 'lock';
  /** Relative to the output folder. */
  readonly path: string;
}

const ENTRY = /^([1-9]\d*)-of-([1-9]\d*)\.(json|progress\.jsonl|lock)$/;
const KINDS = { json: 'record', 'progress.jsonl': 'journal', lock: 'lock' } as const;

/** The entries of `_parts/` (none when it does not exist), and any name there that is not one of ours. */
export async function listParts(outDir: string): Promise<{ entries: PartEntry[]; foreign: string[] }> {
  const dir = join(outDir, PARTS_DIR);
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (err) {
    if (['ENOENT', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? ''))
      return { entries: [], foreign: [] };
    throw fsError('read', dir, err);
  }
  const entries: PartEntry[] = [];
  const foreign: string[] = [];
  for (const name of names) {
    const m = ENTRY.exec(name);
    const k = Number(m?.[1]);
    const n = Number(m?.[2]);
    if (!m || k > n) foreign.push(`${PARTS_DIR}/${name}`);
    else entries.push({ k, n, kind: KINDS[m[3] as keyof typeof KINDS], path: `${PARTS_DIR}/${name}` });
  }
  return { entries, foreign };
}

export async function readPartRecord(outDir: string, p: PartRef): Promise<PartRecord> {
  const path = recordPath(outDir, p);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw fsError('read', path, err);
  }
  try {
    const record = JSON.parse(text) as PartRecord;
    if (!Array.isArray(record.files) || typeof record.params !== 'object' || record.part !== p.k)
      throw new Error('not a part record');
    return record;
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
}

/** Writes the record whole or not at all: made in the part's temporaries' folder, then renamed into `_parts/`. */
export async function writePartRecord(outDir: string, record: PartRecord): Promise<void> {
  const p = partOf(record);
  const temp = join(partTempDir(outDir, p), 'record.json');
  const path = recordPath(outDir, p);
  try {
    await mkdir(partTempDir(outDir, p), { recursive: true });
    await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`);
    await rename(temp, path);
  } catch (err) {
    throw fsError('write', path, err);
  }
}

/** What differs between two parts' parameters (the part number aside): the dataset's, its window, n, the table format. */
export function partDifferences(
  a: PartIdentity & { readonly params: RunParams },
  b: PartIdentity & { readonly params: RunParams },
  labels: Labels,
): string[] {
  const found = differences(a.params, b.params, labels);
  const show = (key: string, x: unknown, y: unknown) =>
    `${key} (${labels[0]}: ${JSON.stringify(x) ?? 'none'}, ${labels[1]}: ${JSON.stringify(y) ?? 'none'})`;
  if (JSON.stringify(a.params.window) !== JSON.stringify(b.params.window))
    found.push(show('window', a.params.window, b.params.window));
  if (a.parts !== b.parts) found.push(show('number of parts', a.parts, b.parts));
  if (a.table_format !== b.table_format) found.push(show('table format', a.table_format, b.table_format));
  if (a.table_location !== b.table_location)
    found.push(show('table location', a.table_location, b.table_location));
  return found;
}
