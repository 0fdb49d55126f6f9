/**
 * `--out s3://bucket/prefix`: where a dataset lives in object storage. The prefix is a folder: every
 * object of the dataset is `<prefix>/<path relative to the dataset>`, as in a local output folder.
 */
import { UsageError } from '../errors.js';

export interface S3Location {
  readonly bucket: string;
  /** Without leading or trailing `/`; empty for the bucket's root. */
  readonly prefix: string;
  /** As the user wrote it, normalized: `s3://bucket/prefix`. */
  readonly url: string;
}

export const isS3Url = (out: string) => out.toLowerCase().startsWith('s3://');

// S3's own rule for bucket names (3-63 lowercase letters, digits, dots, hyphens), which path-style stores share.
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function parseS3Url(out: string): S3Location {
  const rest = out.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const prefix = (slash < 0 ? '' : rest.slice(slash + 1)).replace(/^\/+|\/+$/g, '');
  if (!out.startsWith('s3://') || !BUCKET.test(bucket))
    throw new UsageError(
      `--out ${out}: not an S3 location; accepted: s3://bucket/prefix (a bucket name of 3-63 lowercase letters, digits, dots and hyphens)`,
    );
  if (prefix.split('/').some((s) => s === '' || s === '.' || s === '..'))
    throw new UsageError(
      `--out ${out}: its prefix has an empty, . or .. segment; accepted: s3://bucket/a/b (folder names separated by single slashes)`,
    );
  return { bucket, prefix, url: `s3://${bucket}${prefix ? `/${prefix}` : ''}` };
}
