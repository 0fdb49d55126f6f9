/** What decides a dataset's bytes: a folder made with other parameters is never silently mixed or replaced. */
import { UsageError } from '../errors.js';
import type { DateWindow } from '../time/window.js';

export interface RunParams {
  readonly generator: { readonly name: string; readonly version: string };
  /** The scenario pack that made the folder. */
  readonly scenario: string;
  readonly seed: number;
  readonly scale: number;
  /** sha256 of the config file's text and of the `--set` overrides after it. */
  readonly config_sha256: string;
  /** The `--set` overrides, when any were given. */
  readonly config_set?: readonly string[];
  /** The business window (first and last day, UTC): the config's, or as `--days`/`--end`/`append` set it. */
  readonly window: DateWindow;
  readonly tables: readonly string[];
  readonly compression: string;
  readonly row_group_rows: number;
  readonly partition_by: string;
  /** The `--quality` profile (its name or file, and its sha256), when the dataset is spoiled on purpose. */
  readonly quality?: { readonly profile: string; readonly sha256: string };
  /** `--sources 3`: the entity table also written as three conflicting sources and their map. */
  readonly sources?: number;
  /** `--changes`: the mutable tables' change logs are among the tables (recorded only when true). */
  readonly changes?: true;
}

/** Whose the two values are: the folder's and this command's, unless told (two parts). */
export type Labels = readonly [string, string];

function describe(key: string, a: unknown, b: unknown, [x, y]: Labels = ['folder', 'now']): string {
  const show = (v: unknown) => {
    if (key === 'config_sha256') return String(v).slice(0, 12);
    if (key === 'changes') return v ? '--changes' : 'without --changes';
    if (key !== 'quality') return JSON.stringify(v);
    const q = v as RunParams['quality'];
    return q ? `${q.profile} ${q.sha256.slice(0, 12)}` : 'none (clean)';
  };
  return `${key} (${x}: ${show(a)}, ${y}: ${show(b)})`;
}

const SAME_DATASET = [
  'scenario',
  'seed',
  'scale',
  'config_sha256',
  'config_set',
  'tables',
  'compression',
  'row_group_rows',
  'partition_by',
  'quality',
  'sources',
  'changes',
] as const;

/** What differs between two datasets' parameters, the window aside. */
export function differences(folder: RunParams, now: RunParams, labels?: Labels): string[] {
  const found: string[] = [];
  if (folder.generator?.version !== now.generator?.version)
    found.push(describe('generator version', folder.generator?.version, now.generator?.version, labels));
  for (const key of SAME_DATASET) {
    if (JSON.stringify(folder[key]) !== JSON.stringify(now[key]))
      found.push(describe(key, folder[key], now[key], labels));
  }
  return found;
}

/** Throws a UsageError naming every parameter that differs. */
export function requireSameParams(outDir: string, folder: RunParams, now: RunParams): void {
  const found = differences(folder, now);
  if (JSON.stringify(folder.window) !== JSON.stringify(now.window))
    found.push(describe('window', folder.window, now.window));
  if (found.length) {
    throw new UsageError(
      `--out ${outDir}: made with other parameters: ${found.join('; ')}; pass --force to replace it, or choose another --out`,
    );
  }
}
