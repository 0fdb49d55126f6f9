/**
 * The progress journal of an unfinished run (`_progress.jsonl`): the run's parameters, then a line
 * naming the files a write is about to make (`{"writing": [...]}`) and one line per completed file.
 * A re-run with the same parameters reuses a journaled file only if its size and sha256 still match;
 * everything else is generated again (generation is deterministic). The `writing` lines are how a
 * re-run knows that a file a crash left unjournaled is ours to replace, not a user's.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileResult } from './factShard.js';
import { fsError } from './fsErrors.js';
import type { RunParams } from './runParams.js';

export const JOURNAL = '_progress.jsonl';

export class Journal {
  private constructor(private readonly path: string) {}

  /**
   * Starts a journal (replacing any) with the run's parameters: `outDir`'s own, or `name` in it (a
   * part's), whose first line also carries `head` (what else identifies the writer).
   */
  static start(
    outDir: string,
    params: RunParams,
    carried: readonly FileResult[] = [],
    name = JOURNAL,
    head: object = {},
  ): Journal {
    const path = join(outDir, name);
    try {
      writeFileSync(
        path,
        `${[JSON.stringify({ params, ...head }), ...carried.map((r) => JSON.stringify(r))].join('\n')}\n`,
      );
    } catch (err) {
      throw fsError('write', path, err);
    }
    return new Journal(path);
  }

  /** Notes the files about to be written (relative paths), before any of them exists. */
  intend(paths: readonly string[]): void {
    if (paths.length) this.append(JSON.stringify({ writing: paths }));
  }

  record(results: readonly FileResult[]): void {
    if (results.length) this.append(results.map((r) => JSON.stringify(r)).join('\n'));
  }

  private append(lines: string): void {
    try {
      appendFileSync(this.path, `${lines}\n`);
    } catch (err) {
      throw fsError('write', this.path, err);
    }
  }
}

export interface JournalContents {
  readonly params: RunParams;
  /** The whole first line: the parameters and whatever else the writer put there. */
  readonly head: Readonly<Record<string, unknown>>;
  /** Completed files, as journaled. */
  readonly files: FileResult[];
  /** Every path a write was started for, completed or not. */
  readonly writing: string[];
}

/** The journal of an unfinished run (or `name`, a part's), or undefined if there is none (or its first line is cut short). */
export function readJournal(outDir: string, name = JOURNAL): JournalContents | undefined {
  const path = join(outDir, name);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fsError('read', path, err);
  }
  const lines = text.split('\n').filter(Boolean);
  const parsed: unknown[] = [];
  // A crash can cut the last line short: everything up to it still counts.
  for (const line of lines) {
    try {
      parsed.push(JSON.parse(line));
    } catch {
      break;
    }
  }
  const head = parsed[0] as { params?: RunParams } | undefined;
  if (!head?.params || typeof head.params !== 'object') return undefined;
  const files: FileResult[] = [];
  const writing: string[] = [];
  for (const line of parsed.slice(1) as ({ writing: string[] } | FileResult)[]) {
    if ('writing' in line) writing.push(...line.writing);
    else files.push(line);
  }
  return { params: head.params, head, files, writing };
}

/** The journaled files whose bytes on disk still match, by path. */
export async function verifiedFiles(
  outDir: string,
  files: readonly FileResult[],
): Promise<Map<string, FileResult>> {
  const ok = new Map<string, FileResult>();
  for (const f of files) {
    try {
      if ((await stat(join(outDir, f.path))).size !== f.bytes) continue;
      const sha = createHash('sha256')
        .update(await readFile(join(outDir, f.path)))
        .digest('hex');
      if (sha === f.sha256) ok.set(f.path, f);
    } catch {
      // missing or unreadable: generate it again
    }
  }
  return ok;
}
