/**
 * The progress journal of an unfinished run (`_progress.jsonl`): the run's parameters, then one line
 * per completed file. A re-run with the same parameters reuses a journaled file only if its size and
 * sha256 still match; everything else is generated again (generation is deterministic).
 */
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileResult } from './factShard.js';
import type { RunParams } from './runParams.js';

export const JOURNAL = '_progress.jsonl';

export class Journal {
  private constructor(private readonly path: string) {}

  /** Starts a journal (replacing any) with the run's parameters. */
  static start(outDir: string, params: RunParams, carried: readonly FileResult[] = []): Journal {
    const path = join(outDir, JOURNAL);
    writeFileSync(
      path,
      `${[JSON.stringify({ params }), ...carried.map((r) => JSON.stringify(r))].join('\n')}\n`,
    );
    return new Journal(path);
  }

  record(results: readonly FileResult[]): void {
    if (!results.length) return;
    try {
      appendFileSync(this.path, `${results.map((r) => JSON.stringify(r)).join('\n')}\n`);
    } catch (err) {
      throw new Error(`cannot write ${this.path}: ${(err as Error).message}`);
    }
  }
}

export function readJournal(outDir: string): { params: RunParams; files: FileResult[] } | undefined {
  let text: string;
  try {
    text = readFileSync(join(outDir, JOURNAL), 'utf8');
  } catch {
    return undefined;
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
  if (!head?.params) return undefined;
  return { params: head.params, files: parsed.slice(1) as FileResult[] };
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
