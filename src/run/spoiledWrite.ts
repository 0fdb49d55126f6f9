/**
 * Writing files of a spoiled run (worker and main thread alike), in two passes over one sink: the clean
 * shards are generated and fed to DuckDB for their digest, each spoiled as it is made (kept in memory,
 * a task's rows at most); then the spoiled shards are written. What a file contributes to the ground
 * truth comes back as its note.
 */
import { toRecordBatch } from '../arrow/toRecordBatch.js';
import type { Batch } from '../generate/batch.js';
import { digestSql } from '../quality/digest.js';
import { driftBatch, driftedSpec, driftIssues, driftsAt, versionAt } from '../quality/drift.js';
import type { FileNote, IssueRow } from '../quality/issues.js';
import type { ShardSpoil } from '../quality/select.js';
import type { TableSlots } from '../quality/slots.js';
import { spoilBatch, spoiledSpec } from '../quality/spoil.js';
import type { TableSpec } from '../schema/tableSpec.js';
import { type ParquetSink, ready, type WrittenFile } from '../sink/parquetSink.js';

export interface SpoiledFile {
  /** Relative to the output folder, and where it goes. */
  readonly path: string;
  readonly dest: string;
  readonly partition: string | null;
  /** A fact file's first day (its schema version's); undefined for a dimension. */
  readonly day?: number;
  readonly shards: readonly {
    readonly rows: number;
    readonly spoil: ShardSpoil;
    /** The clean shard (it may live in an arena the next call reuses). */
    readonly make: () => Batch;
  }[];
}

export interface SpoiledResult {
  /** Written files, by index into the request (a file that lost every row is not written). */
  readonly written: ReadonlyMap<number, WrittenFile & { rows: number }>;
  readonly notes: FileNote[];
}

export async function writeSpoiled(
  sink: ParquetSink,
  spec: TableSpec,
  slots: TableSlots,
  files: readonly SpoiledFile[],
): Promise<SpoiledResult> {
  const made = files.map((f) =>
    f.shards.map(() => ({ batch: undefined as Batch | undefined, issues: [] as IssueRow[] })),
  );
  const digests = await sink.aggregate(
    files.map((file, i) => {
      // Parts are made once each, in file order: a shard's first row is known when it is made.
      let firstRow = 0;
      const version = versionAt(slots, file.day);
      return {
        parts: file.shards.map((shard, j) => ({
          rows: shard.rows,
          make: () => {
            const clean = shard.make();
            const place = { file: file.path, partition: file.partition, firstRow, version };
            const spoiled = spoilBatch(spec, slots, clean, shard.spoil, place);
            firstRow += spoiled.batch.rows;
            made[i]![j] = spoiled;
            return toRecordBatch(spec, clean);
          },
        })),
      };
    }),
    digestSql(spec),
  );
  const dirtySpec = spoiledSpec(spec, slots.text);
  const toWrite = files.flatMap((file, i) => {
    const drifts = driftsAt(slots, file.day);
    const fileSpec = driftedSpec(dirtySpec, drifts);
    const parts = made[i]!.filter((m) => m.batch!.rows > 0).map((m) =>
      ready(toRecordBatch(fileSpec, driftBatch(dirtySpec, m.batch!, drifts))),
    );
    if (!parts.length) return [];
    // A drifted file lists its schema's changes first: the mapping back to the clean schema.
    made[i]![0]!.issues.unshift(
      ...driftIssues(spec, drifts, file.path, file.partition, versionAt(slots, file.day)),
    );
    return [{ index: i, version: versionAt(slots, file.day), file: { parts, path: file.dest } }];
  });
  // One sink call per schema version: a call's files share one schema.
  const written = new Map<number, WrittenFile>();
  for (const version of [...new Set(toWrite.map((w) => w.version))]) {
    const group = toWrite.filter((w) => w.version === version);
    const out = await sink.write(group.map((w) => w.file));
    group.forEach((w, k) => {
      written.set(w.index, out[k]!);
    });
  }
  return {
    written: new Map(
      toWrite.map((w) => [
        w.index,
        { ...written.get(w.index)!, rows: made[w.index]!.reduce((a, m) => a + m.batch!.rows, 0) },
      ]),
    ),
    notes: files.map((file, i) => ({
      file: file.path,
      table: spec.name,
      clean_rows: digests[i]!.rows,
      clean_digest: digests[i]!.value,
      issues: made[i]!.flatMap((m) => m.issues),
    })),
  };
}
