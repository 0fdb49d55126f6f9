/**
 * A private S3-compatible server for tests: @20minutes/s3rver (a maintained fork of s3rver) on a free
 * local port, its objects in a temporary folder, one bucket. Its v4 signature check canonicalizes a
 * bucket-level path without the trailing slash the AWS SDK signs (ListObjectsV2), so it is told to
 * accept well-formed signatures that differ: the requests are real, only the HMAC goes unchecked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from '@20minutes/s3rver';

export interface S3Server {
  readonly endpoint: string;
  readonly bucket: string;
  /** Where the server keeps the bucket's objects (`<key>._S3rver_object`). */
  readonly dir: string;
  /** The environment a CLI process needs to reach it: endpoint and credentials. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startS3Server(bucket = 'datasets'): Promise<S3Server> {
  const root = mkdtempSync(join(tmpdir(), 'gen-parquet-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: root,
    allowMismatchedSignatures: true,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    dir: join(root, bucket),
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_REGION: 'us-east-1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    async stop() {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
