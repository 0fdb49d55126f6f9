/**
 * Opens the output folder for one part of a partitioned run. Other parts may be writing into it at
 * the same moment, so a part touches only what is its own: its record, its journal, the files they
 * name, and its temporaries' folder. It refuses a folder holding anything else than this dataset's
 * parts (a run without --part, an append, parts of another n or other parameters, files no part
 * names), and finds the finished dataset (nothing to do), its own finished record (nothing to write),
 * or what to write, keeping the files a crashed attempt finished.
 */
import { rm } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import type { FileResult } from './factShard.js';
import { isMetadataPath, readIcebergRecord } from './icebergRecord.js';
import { JOURNAL, readJournal, verifiedFiles } from './journal.js';
import { MANIFEST, type Manifest, readManifest, SUCCESS } from './manifest.js';
import { isDataPath, scan, some } from './outputDir.js';
import {
  listParts,
  PARTS_DIR,
  type PartIdentity,
  type PartRecord,
  partDifferences,
  partOf,
  partTempDir,
  readPartRecord,
} from './partRecord.js';
import { remove } from './removeFiles.js';
import { differences, type RunParams } from './runParams.js';

export type PartState =
  /** The folder holds the finished dataset these parts make. */
  | { readonly kind: 'complete' }
  /** This part's record is there and every file it lists has its bytes. */
  | { readonly kind: 'recorded'; readonly record: PartRecord }
  /** Files of an earlier attempt that are finished and verified, kept. */
  | { readonly kind: 'write'; readonly reuse: Map<string, FileResult> };

type Identified = PartIdentity & { readonly params: RunParams };

export async function openForPart(
  outDir: string,
  params: RunParams,
  identity: PartIdentity,
): Promise<PartState> {
  const me = partOf(identity);
  const refuse = (why: string, what = 'choose another --out') => {
    throw new UsageError(`--out ${outDir}: ${why}; ${what}`);
  };
  // Listed before any journal is read: a file another part is writing was named in its journal before it existed.
  const found = await scan(outDir);
  if (found.foreign.length) refuse(`holds files gen-parquet did not write (${some(found.foreign)})`);
  let manifest: Manifest | undefined;
  if (found.own.includes(MANIFEST)) {
    manifest = await readManifest(outDir).catch((err: Error) => refuse(err.message) as never);
    if (found.own.includes(SUCCESS)) {
      const differ = differences(manifest, params);
      if (JSON.stringify(manifest.window) !== JSON.stringify(params.window))
        differ.push(
          `window (folder: ${JSON.stringify(manifest.window)}, now: ${JSON.stringify(params.window)})`,
        );
      if (differ.length) refuse(`holds a dataset made with other parameters: ${differ.join('; ')}`);
      return { kind: 'complete' };
    }
    // A manifest without _SUCCESS beside the parts: a commit stopped midway, which the next commit finishes.
    if (!found.own.includes(PARTS_DIR))
      refuse(`holds an incomplete dataset (${MANIFEST} without ${SUCCESS})`);
  }
  if (found.own.includes(JOURNAL))
    refuse(
      `holds an unfinished run without --part (${JOURNAL})`,
      'finish it with the same command, or choose another --out',
    );
  if (found.staged.length) refuse('holds an unfinished append (_next/)');

  const { entries, foreign } = await listParts(outDir);
  if (foreign.length) refuse(`holds files gen-parquet did not write (${some(foreign)})`);
  const mine: Identified = { ...identity, params };
  const ours = new Set<string>(manifest?.files.map((f) => f.path) ?? []);
  for (const f of (await readIcebergRecord(outDir).catch(() => undefined))?.files ?? [])
    if (isMetadataPath(f?.path)) ours.add(f.path);
  let record: PartRecord | undefined;
  const journaled: FileResult[] = [];
  const started: string[] = [];
  for (const e of entries) {
    if (e.n !== me.n)
      refuse(
        `holds parts of ${e.n} (${e.path}), and this is part ${me.k}/${me.n}`,
        `the parts of one folder must all be of the same n: run --part k/${e.n}, or choose another --out`,
      );
    if (e.kind === 'lock') continue;
    let other: Identified | undefined;
    let files: readonly FileResult[] = [];
    if (e.kind === 'record') {
      const r = await readPartRecord(outDir, e).catch((err: Error) =>
        e.k === me.k ? undefined : (refuse(err.message) as never),
      );
      other = r;
      files = r?.files ?? [];
      if (r && e.k === me.k) record = r;
    } else {
      // A journal cut short before its first line names nothing yet.
      const j = readJournal(outDir, e.path);
      other = j && ({ ...j.head, params: j.params } as unknown as Identified);
      files = j?.files ?? [];
      if (j && e.k === me.k) {
        journaled.push(...j.files);
        started.push(...j.writing);
      } else for (const p of j?.writing ?? []) ours.add(p);
    }
    const differ = other ? partDifferences(other, mine, [`part ${e.k}/${e.n}`, 'this part']) : [];
    if (differ.length)
      refuse(
        `part ${e.k}/${e.n} there was made with other parameters: ${differ.join('; ')}`,
        'run every part with the same options, or choose another --out',
      );
    for (const f of files) ours.add(f.path);
  }
  for (const p of started) ours.add(p);
  const unknown = found.files.filter((f) => !ours.has(f));
  if (unknown.length)
    refuse(
      `holds files gen-parquet did not write (${some(unknown)})`,
      'move them out of the folder (gen-parquet never deletes them)',
    );

  if (record) {
    const verified = await verifiedFiles(outDir, record.files);
    if (verified.size === record.files.length) return { kind: 'recorded', record };
  }
  const reuse = await verifiedFiles(
    outDir,
    [...(record?.files ?? []), ...journaled].filter((f) => isDataPath(f.path)),
  );
  // Only this part's files, and never a folder: another part may be about to write into it.
  const present = new Set(found.files);
  const named = [...(record?.files.map((f) => f.path) ?? []), ...journaled.map((f) => f.path), ...started];
  for (const p of new Set(named))
    if (isDataPath(p) && present.has(p) && !reuse.has(p)) await remove(outDir, p);
  await rm(partTempDir(outDir, me), { recursive: true, force: true });
  return { kind: 'write', reuse };
}
