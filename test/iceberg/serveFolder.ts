/**
 * A static file server on 127.0.0.1 for the Iceberg readers under test: GET and HEAD of files under
 * one folder, with byte ranges (hyparquet reads footers and column chunks by range). It answers at
 * most MAX_REQUESTS requests, then 503, so a reader caught in a loop cannot run on; `close` ends it.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize, sep } from 'node:path';

const MAX_REQUESTS = 200_000;

export interface FolderServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly requests: () => number;
  readonly close: () => Promise<void>;
}

export async function serveFolder(root: string): Promise<FolderServer> {
  let requests = 0;
  const server = createServer(async (req, res): Promise<void> => {
    const fail = (status: number, headers = {}) => void res.writeHead(status, headers).end();
    requests++;
    if (requests > MAX_REQUESTS) return fail(503);
    const rel = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const path = join(root, rel);
    if (!path.startsWith(root + sep)) return fail(403);
    const size = await stat(path).then(
      (s) => (s.isFile() ? s.size : -1),
      () => -1,
    );
    if (size < 0) return fail(404);
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    let [start, end] = [0, size - 1];
    if (range) {
      if (range[1] === '') start = Math.max(0, size - Number(range[2]));
      else
        [start, end] = [Number(range[1]), range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1)];
      if (start > end) return fail(416, { 'Content-Range': `bytes */${size}` });
    }
    res.writeHead(range ? 206 : 200, {
      'Content-Length': end - start + 1,
      'Accept-Ranges': 'bytes',
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (req.method === 'HEAD' || size === 0) res.end();
    else createReadStream(path, { start, end }).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
