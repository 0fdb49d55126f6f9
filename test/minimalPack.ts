/**
 * The minimal test pack (test/packs/minimal.ts) as built code, and a run of it through the public
 * API: generation's worker threads import the pack from dist, so tests use the built modules too.
 */
import type * as Api from '../src/index.js';
import type { Progress } from '../src/run/progress.js';
import type { ScenarioPack } from '../src/scenario/scenarioPack.js';

// A string path, so the type checker does not follow it into dist.
const built = (path: string) => import(new URL(`../dist/${path}`, import.meta.url).href);

export const api = (await built('src/index.js')) as typeof Api;
export const minimal = ((await built('test/packs/minimal.js')) as { default: ScenarioPack }).default;

/** Progress that reports nothing and calls `onAdvance` after each finished task (to interrupt a run at a known point). */
export function quietProgress(onAdvance = () => {}): Progress {
  return { start() {}, advance: onAdvance, finish() {}, line() {} } as unknown as Progress;
}

/** Generates the minimal pack at 1x, seed 7, day files into `outDir`. */
export function generateMinimal(
  outDir: string,
  opts: {
    workers?: number;
    signal?: AbortSignal;
    onAdvance?: () => void;
    window?: { start: string; end: string };
  } = {},
) {
  return api.generate({
    pack: minimal,
    loaded: api.loadConfig(minimal.configFile, minimal.configSchema),
    scale: 1,
    seed: 7,
    window: opts.window,
    outDir,
    workers: opts.workers ?? 2,
    tables: minimal.tables.map((t) => t.name),
    force: false,
    compression: 'zstd',
    rowGroupRows: 122_880,
    partitionBy: 'day',
    progress: quietProgress(opts.onAdvance),
    signal: opts.signal,
  });
}

/** Extends a finished minimal-pack dataset in `outDir` to `end`. */
export async function appendMinimal(
  outDir: string,
  end: string,
  opts: { workers?: number; signal?: AbortSignal; onAdvance?: () => void; set?: string[] } = {},
) {
  const manifest = await api.readManifest(outDir);
  return api.append({
    pack: minimal,
    loaded: api.loadConfig(minimal.configFile, minimal.configSchema, (opts.set ?? []).map(api.parseOverride)),
    manifest,
    window: { start: manifest.window.start, end },
    outDir,
    workers: opts.workers ?? 2,
    progress: quietProgress(opts.onAdvance),
    signal: opts.signal,
  });
}
