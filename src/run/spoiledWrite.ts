/**
 * Writing files of a spoiled run (worker and main thread alike), in two passes over one sink: the clean
 * shards are generated and fed to DuckDB for their digest, each spoiled as it is made (kept in memory,
 * a task's rows at most); then the spoiled shards are written. What a file contributes to the ground
 * truth comes back as its note.
 */
import { toRecordBatch } from '../arrow/toRecordBatch.js';
import type { Batch } from '../generate/batch.js';
import { digestSql } from '../quality/digest.js';
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
      let firstRow = 0;
      return {
        parts: file.shards.map((shard, j) => {
          const place = { file: file.path, partition: file.partition, firstRow };
          firstRow += shard.spoil.rows;
          return {
            rows: shard.rows,
            make: () => {
              const clean = shard.make();
              const spoiled = spoilBatch(spec, slots, clean, shard.spoil, place);
              made[i]![j] = spoiled;
              return toRecordBatch(spec, clean);
            },
          };
        }),
      };
    }),
    digestSql(spec),
  );
  const dirtySpec = spoiledSpec(spec, slots.text);
  const toWrite = files.flatMap((file, i) => {
    const parts = made[i]!.filter((m) => m.batch!.rows > 0).map((m) =>
      ready(toRecordBatch(dirtySpec, m.batch!)),
    );
    return parts.length ? [{ index: i, file: { parts, path: file.dest } }] : [];
  });
  const written = await sink.write(toWrite.map((w) => w.file));
  return {
    written: new Map(
      toWrite.map((w, k) => [
        w.index,
        { ...written[k]!, rows: made[w.index]!.reduce((a, m) => a + m.batch!.rows, 0) },
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
