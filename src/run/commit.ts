/**
 * `gen-parquet commit`: turns the n parts of a partitioned run into the finished dataset. Under the
 * folder's lock, with no part running, it checks that all n records are there, agree on every
 * parameter and on the plan's expected answers, tile the plan's files with no gap or overlap and add
 * up to the expected rows, and that every file they list is in place at its size; then it writes the
 * manifest a single run would have written, the caller's `beforeSuccess` (Iceberg metadata), and
 * `_SUCCESS`, and removes `_parts/` and the temporaries. Every step can be run again: a commit
 * stopped anywhere is finished by the next one.
 */
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import type { FileResult } from './factShard.js';
import { isMetadataPath, readIcebergRecord } from './icebergRecord.js';
import { acquireLock, LOCK, lockHeld } from './lock.js';
import { MANIFEST, type Manifest, readManifest, SUCCESS, writeAtomic, writeManifest } from './manifest.js';
import { scan, some } from './outputDir.js';
import {
  listParts,
  PARTS_DIR,
  type PartEntry,
  type PartRecord,
  partDifferences,
  readPartRecord,
} from './partRecord.js';
import { incrementOf } from './runPlan.js';
import { TEMP_DIR } from './temporaries.js';

export interface CommitOptions {
  /** The last part's own commit: parts missing or running mean "not yet", not an error. */
  readonly auto?: boolean;
  /** Runs after the manifest, before `_SUCCESS` (the Iceberg metadata, when the parts ask for it). */
  readonly beforeSuccess?: (manifest: Manifest, parts: PartRecord) => Promise<void>;
}

export type CommitResult =
  | { readonly kind: 'committed'; readonly manifest: Manifest; readonly parts: number }
  /** The folder already holds the finished dataset, with no parts left. */
  | { readonly kind: 'finished'; readonly manifest: Manifest }
  /** Only with `auto`: why the dataset cannot be committed yet (another process will). */
  | { readonly kind: 'waiting'; readonly why: string };

const list = (ks: readonly number[]) =>
  ks.length > 8 ? `${ks.slice(0, 8).join(', ')} and ${ks.length - 8} more` : ks.join(', ');

/** The n every entry is of, or a refusal naming the mix. */
function partsCount(outDir: string, entries: readonly PartEntry[]): number {
  const ns = [...new Set(entries.map((e) => e.n))].sort((a, b) => a - b);
  if (ns.length > 1)
    throw new UsageError(
      `--out ${outDir}: cannot commit: holds parts of ${ns.join(' and ')} (${some(entries.map((e) => e.path))}); the parts of one dataset are all of one n: remove the wrong ones' files by re-running with --force in another folder`,
    );
  return ns[0]!;
}

/** Every file of every record in place at its size; the files' hashes are checked by the validation that follows. */
async function missingFiles(outDir: string, records: readonly PartRecord[]): Promise<string[]> {
  const bad: string[] = [];
  for (const r of records) {
    for (const f of r.files) {
      const size = await stat(join(outDir, f.path)).then(
        (s) => s.size,
        () => -1,
      );
      if (size !== f.bytes)
        bad.push(`${f.path} of part ${r.part} (${size < 0 ? 'missing' : `${size} bytes, not ${f.bytes}`})`);
    }
  }
  return bad;
}

/** Why the records do not make one dataset: differing parameters, a cut that does not tile, rows that do not add up. */
function inconsistencies(records: readonly PartRecord[]): string[] {
  const first = records[0]!;
  const found: string[] = [];
  for (const r of records.slice(1)) {
    const differ = partDifferences(first, r, [`part ${first.part}`, `part ${r.part}`]);
    if (JSON.stringify(r.expected) !== JSON.stringify(first.expected))
      differ.push("the plan's expected answers");
    if (differ.length) found.push(`part ${r.part} differs from part ${first.part} in ${differ.join('; ')}`);
  }
  if (found.length) return found;
  let next = 0;
  for (const r of records) {
    if (r.cut.units !== first.cut.units || r.cut.first !== next || r.files.length !== r.cut.end - r.cut.first)
      found.push(
        `part ${r.part} holds units ${r.cut.first}-${r.cut.end} (${r.files.length} files), expected from ${next}`,
      );
    next = r.cut.end;
  }
  if (next !== first.cut.units) found.push(`the parts end at unit ${next} of ${first.cut.units}`);
  const rows: Record<string, number> = {};
  const paths = new Set<string>();
  for (const f of records.flatMap((r) => r.files)) {
    rows[f.table] = (rows[f.table] ?? 0) + f.rows;
    if (paths.has(f.path)) found.push(`${f.path} is listed twice`);
    paths.add(f.path);
  }
  for (const [table, expected] of Object.entries(first.expected.rows))
    if (rows[table] !== expected) found.push(`${table} has ${rows[table] ?? 0} rows, the plan ${expected}`);
  return found;
}

/** Files a reader would see in the finished folder that no record lists (the Iceberg metadata of a stopped commit aside). */
async function unlisted(outDir: string, files: readonly FileResult[]): Promise<string[]> {
  const found = await scan(outDir);
  const listed = new Set(files.map((f) => f.path));
  for (const f of (await readIcebergRecord(outDir).catch(() => undefined))?.files ?? [])
    if (isMetadataPath(f?.path)) listed.add(f.path);
  return [...found.foreign, ...found.files.filter((f) => !listed.has(f))];
}

/** The parts' records, journals and locks (nothing else is there: checked) and the temporaries. */
async function removeParts(outDir: string): Promise<void> {
  await rm(join(outDir, PARTS_DIR), { recursive: true, force: true });
  await rm(join(outDir, TEMP_DIR), { recursive: true, force: true });
  await rm(join(outDir, `${MANIFEST}.tmp`), { force: true });
}

export async function commitParts(outDir: string, opts: CommitOptions = {}): Promise<CommitResult> {
  const finished = async (): Promise<CommitResult | undefined> => {
    try {
      await stat(join(outDir, SUCCESS));
      return { kind: 'finished', manifest: await readManifest(outDir) };
    } catch {
      return undefined;
    }
  };
  const wait = (why: string): CommitResult => {
    if (opts.auto) return { kind: 'waiting', why };
    throw new UsageError(`--out ${outDir}: cannot commit: ${why}`);
  };
  if (!(await listParts(outDir)).entries.length) {
    const done = await finished();
    if (done) return done;
    throw new UsageError(
      `--out ${outDir}: no parts to commit (no ${PARTS_DIR}/ records); commit finishes a run made with --part k/n`,
    );
  }
  let release: () => void;
  try {
    release = acquireLock(outDir);
  } catch (err) {
    // Two parts finishing together both commit: the one that takes the lock does it.
    if (opts.auto && err instanceof UsageError)
      return {
        kind: 'waiting',
        why: `${lockHeld(join(outDir, LOCK)) ?? 'its lock is taken'}, committing it`,
      };
    throw err;
  }
  try {
    // Under the lock, no new part starts; one that started before shows its lock.
    const { entries, foreign } = await listParts(outDir);
    if (foreign.length)
      throw new UsageError(
        `--out ${outDir}: holds files gen-parquet did not write (${some(foreign)}); move them out of the folder`,
      );
    if (!entries.length) return (await finished()) ?? wait('no parts');
    // _SUCCESS beside parts: a commit stopped while removing them (parts never start beside _SUCCESS).
    const done = await finished();
    if (done) {
      await removeParts(outDir);
      return done;
    }
    const n = partsCount(outDir, entries);
    const running = [];
    for (const e of entries.filter((x) => x.kind === 'lock')) {
      const held = lockHeld(join(outDir, e.path), true);
      if (held) running.push(`part ${e.k}/${e.n}: ${held}`);
    }
    if (running.length) return wait(`${running.join('; ')}; commit when it has finished`);
    const recorded = new Set(entries.filter((e) => e.kind === 'record').map((e) => e.k));
    const missing = Array.from({ length: n }, (_, i) => i + 1).filter((k) => !recorded.has(k));
    if (missing.length) {
      const stopped = entries.filter((e) => e.kind === 'journal' && !recorded.has(e.k)).map((e) => e.k);
      return wait(
        `missing part${missing.length > 1 ? 's' : ''} ${list(missing)} of ${n}${stopped.length ? ` (${list(stopped)} stopped before finishing)` : ''}; run each with --part k/${n}, then commit`,
      );
    }
    const records: PartRecord[] = [];
    for (let k = 1; k <= n; k++) records.push(await readPartRecord(outDir, { k, n }));
    const wrong = inconsistencies(records);
    if (wrong.length)
      throw new UsageError(
        `--out ${outDir}: cannot commit: ${wrong.slice(0, 3).join('; ')}${wrong.length > 3 ? `; and ${wrong.length - 3} more` : ''}`,
      );
    const bad = await missingFiles(outDir, records);
    if (bad.length)
      throw new UsageError(
        `--out ${outDir}: cannot commit: ${some(bad)}; re-run those parts with --part k/${n} (they write what is missing), then commit`,
      );
    const files: FileResult[] = records.flatMap((r) => r.files);
    const unknown = await unlisted(outDir, files);
    if (unknown.length)
      throw new UsageError(
        `--out ${outDir}: cannot commit: holds files no part wrote (${some(unknown)}); move them out of the folder (gen-parquet never deletes them), then commit`,
      );
    const first = records[0]!;
    // The manifest a single run writes: its parameters, the plan's answers, every file, one increment.
    const manifest: Manifest = {
      ...first.params,
      expected: first.expected,
      files,
      increments: [incrementOf(0, first.params.window, files, [], [])],
    };
    await writeManifest(outDir, manifest);
    await opts.beforeSuccess?.(manifest, first);
    await writeAtomic(join(outDir, SUCCESS), '');
    await removeParts(outDir);
    return { kind: 'committed', manifest: await readManifest(outDir), parts: n };
  } finally {
    release();
  }
}
