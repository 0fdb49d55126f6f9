/**
 * `--out s3://…` against a real S3-compatible server (s3rver, started here): a run, four concurrent
 * parts and their commit each give the objects a local run gives as files, sha256 for sha256; a
 * bucket validates; a part killed mid-upload leaves no `_SUCCESS`, and its re-run keeps the objects
 * already uploaded (not sent again) and completes the dataset.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Bucket } from '../../src/storage/bucket.js';
import { sha256Of } from '../../src/storage/pull.js';
import { parseS3Url } from '../../src/storage/s3Location.js';
import { runCliAsync, tempDir } from '../helpers.js';
import { type S3Server, startS3Server } from './s3Server.js';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'src', 'cli.js');
// Jaffle at 0.01x, a file per month: 16 small files.
const DESIGN = [
  ...['--scenario', 'jaffle', '--scale', '0.01x', '--partition-by', 'month'],
  ...['--workers', '1', '--no-validate', '--quiet'],
];

let server: S3Server;
let reference: Map<string, string>;
let referenceDir: string;

function fileHashes(dir: string, rel = '', out = new Map<string, string>()): Map<string, string> {
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) fileHashes(dir, p, out);
    else
      out.set(
        p,
        createHash('sha256')
          .update(readFileSync(join(dir, p)))
          .digest('hex'),
      );
  }
  return out;
}

/** Every object under the prefix, read back through the S3 API. */
async function objectHashes(prefix: string): Promise<Map<string, string>> {
  const bucket = new Bucket(parseS3Url(`s3://${server.bucket}/${prefix}`), server.endpoint);
  const dir = tempDir('s3-read');
  const out = new Map<string, string>();
  try {
    for (const path of (await bucket.list()).keys()) {
      await bucket.download(path, join(dir, path));
      out.set(path, await sha256Of(join(dir, path)));
    }
  } finally {
    bucket.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  return new Map([...out].sort());
}

/** The server's own file for an object: its mtime tells whether the object was written again. */
const stored = (key: string) => join(server.dir, `${key}._S3rver_object`);

const cli = (args: readonly string[]) => runCliAsync(args, server.env);

beforeAll(async () => {
  server = await startS3Server();
  Object.assign(process.env, server.env);
  referenceDir = tempDir('s3-reference');
  const r = await runCliAsync([...DESIGN, '--out', referenceDir]);
  expect(r.status, r.stderr).toBe(0);
  reference = new Map([...fileHashes(referenceDir)].sort());
});

afterAll(async () => {
  await server?.stop();
});

describe('--out s3://bucket/prefix', () => {
  it('a run writes the objects a local run writes, byte for byte', async () => {
    const r = await cli([...DESIGN, '--out', `s3://${server.bucket}/whole`]);
    expect(r.status, r.stderr).toBe(0);
    const got = await objectHashes('whole');
    expect(got.size).toBe(reference.size);
    expect(got).toEqual(reference);
  });

  it('load of a bucket (its objects downloaded first) gives the CSV files of the local folder', async () => {
    const [fromBucket, fromFolder] = [tempDir('s3-csv'), tempDir('local-csv')];
    const loads = await Promise.all([
      cli(['load', '--out', `s3://${server.bucket}/whole`, '--to', `csv:${fromBucket}`, '--quiet']),
      cli(['load', '--out', referenceDir, '--to', `csv:${fromFolder}`, '--quiet']),
    ]);
    for (const r of loads) expect(r.status, r.stderr).toBe(0);
    const csv = (m: Map<string, string>) => new Map([...m].filter(([p]) => p.endsWith('.csv')));
    const got = csv(fileHashes(fromBucket));
    expect(got.size).toBeGreaterThan(5);
    expect(got).toEqual(csv(fileHashes(fromFolder)));
  });

  it('four parts as concurrent processes, then commit: the single run; the bucket validates', async () => {
    const url = `s3://${server.bucket}/parts`;
    const runs = await Promise.all(
      [3, 1, 4, 2].map((k) => cli([...DESIGN, '--part', `${k}/4`, '--out', url])),
    );
    for (const r of runs) expect(r.status, r.stderr).toBe(0);
    const commit = await cli(['commit', '--out', url, '--no-validate']);
    expect(commit.status, commit.stderr).toBe(0);
    expect(await objectHashes('parts')).toEqual(reference);
    // Through the fallback (no httpfs here): the objects downloaded to a temporary folder.
    const v = await cli(['validate', '--out', url]);
    expect(v.status, v.stderr).toBe(0);
    expect(v.stderr).toContain('validation passed');
  });

  it('a part killed mid-upload leaves no _SUCCESS; its re-run keeps what was uploaded and completes', async () => {
    const url = `s3://${server.bucket}/crash`;
    const child: ChildProcess = spawn(process.execPath, [CLI, ...DESIGN, '--part', '1/2', '--out', url], {
      env: { ...process.env, ...server.env },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const crash = join(server.dir, 'crash');
    const uploaded = () =>
      existsSync(crash)
        ? readdirSync(crash, { recursive: true, encoding: 'utf8' }).filter((f) =>
            f.endsWith('.parquet._S3rver_object'),
          )
        : [];
    let done = false;
    void exited.then(() => {
      done = true;
    });
    while (!uploaded().length && !done) await new Promise((r) => setTimeout(r, 5));
    expect(done, 'the part finished before a file of it was uploaded').toBe(false);
    child.kill('SIGKILL');
    await exited;
    expect(existsSync(stored('crash/_SUCCESS'))).toBe(false);
    expect(existsSync(stored('crash/_parts/1-of-2.json'))).toBe(false);
    expect(existsSync(stored('crash/_parts/1-of-2.progress.jsonl'))).toBe(true);
    const before = new Map(uploaded().map((f) => [f, statSync(join(crash, f)).mtimeMs]));

    const again = await cli([...DESIGN.filter((a) => a !== '--quiet'), '--part', '1/2', '--out', url]);
    expect(again.status, again.stderr).toBe(0);
    const kept = Number(/resuming: (\d+) files/.exec(again.stderr)?.[1] ?? 0);
    expect(kept).toBeGreaterThan(0);
    // The objects a journal line vouched for were kept, not sent again.
    const untouched = [...before].filter(([f, t]) => statSync(join(crash, f)).mtimeMs === t);
    expect(untouched.length).toBeGreaterThan(0);
    expect(existsSync(stored('crash/_SUCCESS'))).toBe(false);

    // The last part commits.
    const last = await cli([...DESIGN, '--part', '2/2', '--out', url]);
    expect(last.status, last.stderr).toBe(0);
    expect(await objectHashes('crash')).toEqual(reference);
  });

  it('a large file goes up in parts (multipart) and comes back whole', async () => {
    const dir = tempDir('s3-big');
    const file = join(dir, 'big.bin');
    // 17 MiB of varied bytes: past one 16 MiB part.
    const bytes = Buffer.alloc(17 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE((i * 2654435761) >>> 0, i);
    writeFileSync(file, bytes);
    const sha = await sha256Of(file);
    const bucket = new Bucket(parseS3Url(`s3://${server.bucket}/big`), server.endpoint);
    try {
      await bucket.upload('x/big.bin', file, sha);
      expect(await bucket.sha256('x/big.bin')).toBe(sha);
      await bucket.download('x/big.bin', join(dir, 'back.bin'));
      expect(await sha256Of(join(dir, 'back.bin'))).toBe(sha);
    } finally {
      bucket.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a malformed location and an unreachable bucket with exit 2', async () => {
    const bad = await cli([...DESIGN, '--out', 's3://No_Such/x']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('accepted: s3://bucket/prefix');
    const local = await cli(['validate', '--out', tempDir('s3-not'), '--s3-endpoint', server.endpoint]);
    expect(local.status).toBe(2);
    expect(local.stderr).toContain('only with --out s3://bucket/prefix');
    const missing = await cli(['validate', '--out', 's3://no-such-bucket/x']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot list it');
  });
});
