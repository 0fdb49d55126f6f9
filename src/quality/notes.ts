/**
 * `_quality.jsonl`: while a spoiled run writes, one line per file with its clean digest and its issues,
 * appended before the file is journaled, so every file a resume keeps has its line. A file written
 * again (after a stop) gets a later line; the latest line of each file counts. The ground truth is
 * made from it at the end (groundTruth.ts), and it goes with the journal. Kept on disk, not in
 * memory: ~100 bytes per issue, a million issues at 1x.
 */
import {
  appendFileSync,
  closeSync,
  existsSync,
  openSync,
  readSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { FileNote } from './issues.js';

export const NOTES = '_quality.jsonl';

/** Bytes of `path` up to and including its last newline (read backwards, a block at a time). */
function completeLines(path: string): number {
  const fd = openSync(path, 'r');
  try {
    const block = Buffer.alloc(1 << 16);
    for (let end = statSync(path).size; end > 0; end -= block.length) {
      const start = Math.max(0, end - block.length);
      const n = readSync(fd, block, 0, end - start, start);
      const at = block.subarray(0, n).lastIndexOf(10);
      if (at >= 0) return start + at + 1;
    }
    return 0;
  } finally {
    closeSync(fd);
  }
}

export class NoteLog {
  private constructor(readonly path: string) {}

  /** `fresh`: a write that keeps no file starts an empty log; otherwise a line a crash cut short goes. */
  static open(outDir: string, fresh: boolean): NoteLog {
    const path = join(outDir, NOTES);
    if (fresh || !existsSync(path)) writeFileSync(path, '');
    else truncateSync(path, completeLines(path));
    return new NoteLog(path);
  }

  append(notes: readonly FileNote[]): void {
    if (notes.length) appendFileSync(this.path, `${notes.map((n) => JSON.stringify(n)).join('\n')}\n`);
  }
}
