/**
 * The objects under one `s3://bucket/prefix`, by path relative to the prefix (as files are relative to
 * an output folder). AWS SDK v3 with the standard credential chain; an endpoint (`--s3-endpoint`, or
 * `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL`) means an S3-compatible store, which gets path-style
 * addressing as MinIO and its kin expect. Each object we write carries its sha256 in its metadata,
 * so that a resumed writer can tell an uploaded file from a stale one without reading it back.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Location } from './s3Location.js';

export interface StoredObject {
  readonly size: number;
}

/** `--s3-endpoint`, else the SDK's environment variables for one. */
export const endpointOf = (flag: string | undefined) =>
  flag ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;

// Parts of 16 MiB, four at a time: a file under 16 MiB is one PUT, a larger one a multipart upload.
const PART_SIZE = 16 * 1024 * 1024;

export class Bucket {
  private readonly client: S3Client;

  constructor(
    readonly location: S3Location,
    endpoint: string | undefined,
  ) {
    const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    this.client = new S3Client({
      ...(endpoint === undefined ? {} : { endpoint, forcePathStyle: true }),
      // An S3-compatible store rarely cares about the region, but the request signature needs one.
      ...(region === undefined && endpoint !== undefined ? { region: 'us-east-1' } : {}),
    });
  }

  private key(path: string): string {
    return this.location.prefix ? `${this.location.prefix}/${path}` : path;
  }

  /** Every object under the prefix, by relative path (folder markers, keys ending in `/`, aside). */
  async list(): Promise<Map<string, StoredObject>> {
    const found = new Map<string, StoredObject>();
    const prefix = this.location.prefix ? `${this.location.prefix}/` : '';
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.location.bucket,
          Prefix: prefix,
          ...(token ? { ContinuationToken: token } : {}),
        }),
      );
      for (const o of page.Contents ?? [])
        if (o.Key && !o.Key.endsWith('/')) found.set(o.Key.slice(prefix.length), { size: o.Size ?? 0 });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found;
  }

  /** The sha256 we stored with the object, or undefined (not ours, or gone). */
  async sha256(path: string): Promise<string | undefined> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.location.bucket, Key: this.key(path) }),
      );
      return head.Metadata?.sha256;
    } catch {
      return undefined;
    }
  }

  async download(path: string, file: string): Promise<void> {
    const got = await this.client.send(
      new GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(path) }),
    );
    await mkdir(dirname(file), { recursive: true });
    await pipeline(got.Body as Readable, createWriteStream(file));
  }

  /** Uploads `file` as `path` (multipart when large), its sha256 in the metadata. */
  async upload(path: string, file: string, sha256: string): Promise<void> {
    await new Upload({
      client: this.client,
      partSize: PART_SIZE,
      queueSize: 4,
      params: {
        Bucket: this.location.bucket,
        Key: this.key(path),
        Body: createReadStream(file),
        Metadata: { sha256 },
      },
    }).done();
  }

  async remove(path: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.key(path) }));
  }

  destroy(): void {
    this.client.destroy();
  }
}
