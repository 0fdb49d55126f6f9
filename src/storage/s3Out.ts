/**
 * Runs a command on an `s3://bucket/prefix` as on a local folder: the objects it needs are pulled
 * into a staging folder (`pull.ts`), the command works there with the engine's own rules, and what it
 * changed goes up (`push.ts`), files as soon as they are finished, the manifest and `_SUCCESS` last.
 * There is no lock in the bucket: one writer per prefix, or per part of a partitioned run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { PARTS_DIR } from '../run/partRecord.js';
import { Bucket } from './bucket.js';
import { type PullMode, pull } from './pull.js';
import { Mirror } from './push.js';
import { parseS3Url, type S3Location } from './s3Location.js';

export interface S3Command {
  readonly mode: PullMode;
  /** Whether what the command changed goes up (validate and load of a bucket only read it). */
  readonly push: boolean;
  /** The journals to follow while it runs, relative to the folder. */
  readonly journals?: readonly string[];
}

/** The staging folder's path never shows: messages name the bucket. */
function renamed(err: unknown, dir: string, url: string): unknown {
  if (err instanceof Error && err.message.includes(dir)) err.message = err.message.split(dir).join(url);
  return err;
}

function unreachable(loc: S3Location, err: unknown): UsageError {
  const e = err as Error;
  return new UsageError(
    `--out ${loc.url}: cannot list it (${e.name}: ${e.message}); accepted: a bucket that exists and that the standard AWS credentials can read and write, --s3-endpoint URL (or AWS_ENDPOINT_URL) for an S3-compatible store`,
  );
}

export async function onS3<T>(
  out: string,
  endpoint: string | undefined,
  cmd: S3Command,
  body: (dir: string, loc: S3Location) => Promise<T>,
): Promise<T> {
  const loc = parseS3Url(out);
  const bucket = new Bucket(loc, endpoint);
  const dir = await mkdtemp(join(tmpdir(), 'gen-parquet-s3-'));
  try {
    const pulled = await pull(bucket, dir, cmd.mode).catch((err) => {
      throw err instanceof UsageError ? err : unreachable(loc, err);
    });
    const mirror = new Mirror(bucket, dir, pulled);
    if (cmd.push) mirror.follow(cmd.journals ?? []);
    let result: T;
    try {
      result = await body(dir, loc);
    } catch (err) {
      // Stopped or failed: its finished files and journal go up all the same, for the re-run to keep.
      if (cmd.push) await mirror.finish(false, cmd.journals).catch(() => {});
      throw renamed(err, dir, loc.url);
    }
    if (cmd.push) await mirror.finish(true, cmd.journals);
    return result;
  } finally {
    bucket.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Whether every part of n has its record in the bucket: then the last part to finish commits. */
export async function partsRecorded(out: string, endpoint: string | undefined, n: number): Promise<boolean> {
  const bucket = new Bucket(parseS3Url(out), endpoint);
  try {
    const names = new Set((await bucket.list()).keys());
    return Array.from({ length: n }, (_, i) => `${PARTS_DIR}/${i + 1}-of-${n}.json`).every((p) =>
      names.has(p),
    );
  } finally {
    bucket.destroy();
  }
}
