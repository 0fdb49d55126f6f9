// One writer in a process of its own, so its peak RSS is its own (bench/writers.mjs spawns one per
// candidate). Usage: node bench/writers/child.mjs ID ROWS FILE_ROWS OUT_DIR. Prints one JSON line:
// { ok, stage?, error?, files, writeSeconds, rssBeforeMb, peakRssMb }.

import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CANDIDATES } from './candidates.mjs';
import { makeBatch, sliceBatch } from './data.mjs';

const [id, rowsArg, fileRowsArg, outDir] = process.argv.slice(2);
const rows = Number(rowsArg);
const fileRows = Number(fileRowsArg);
const candidate = CANDIDATES.find((c) => c.id === id);
const mb = (bytes) => bytes / 1024 / 1024;
const say = (result) => process.stdout.write(`${JSON.stringify(result)}\n`);
const failed = (stage, err) => say({ ok: false, stage, error: String(err?.message ?? err).split('\n')[0] });

// Load the writer before the data: its code and native or wasm parts count in its peak.
let writer;
try {
  writer = await candidate.open(outDir);
} catch (err) {
  failed('load', err);
  process.exit(0);
}
const { batch } = makeBatch(rows);
const files = [];
for (let start = 0, k = 0; start < rows; start += fileRows, k++)
  files.push({
    batch: sliceBatch(batch, start, Math.min(rows, start + fileRows)),
    path: join(outDir, `part-${String(k).padStart(5, '0')}.parquet`),
  });
const rssBeforeMb = mb(process.memoryUsage().rss);
try {
  const t0 = performance.now();
  await writer.write(files);
  const writeSeconds = (performance.now() - t0) / 1000;
  writer.close();
  // maxRSS is in KiB on Linux.
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  say({ ok: true, files: files.length, writeSeconds, rssBeforeMb, peakRssMb });
} catch (err) {
  failed('write', err);
}
