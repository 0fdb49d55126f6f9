/** Reads a pack's config file, applies `--set` overrides, validates and freezes it; every problem is one `UsageError` line. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { ZodType } from 'zod';
import { UsageError } from '../errors.js';
import { applyOverrides, type Override } from './overrides.js';

export interface LoadedConfig<Config = unknown> {
  readonly config: Readonly<Config>;
  /** sha256 of the file's text, and of the overrides after it when there are any. */
  readonly sha256: string;
  readonly path: string;
  /** The `--set` overrides applied, as given (`key.path=value`). */
  readonly overrides: readonly string[];
  /**
   * The file's `quality:` section (named data-quality profiles, src/quality/profile.ts), as parsed:
   * not the pack's to validate, and no part of any plan.
   */
  readonly quality?: unknown;
}

/** Splits the engine's `quality:` section off a parsed config. */
function withoutQuality(raw: unknown): { rest: unknown; quality?: unknown } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !('quality' in raw)) return { rest: raw };
  const { quality, ...rest } = raw as Record<string, unknown>;
  return { rest, quality };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export function parseConfig<Config>(
  text: string,
  path: string,
  schema: ZodType<Config>,
  overrides: readonly Override[] = [],
): Readonly<Config> {
  return parseSections(text, path, schema, overrides).config;
}

function parseSections<Config>(
  text: string,
  path: string,
  schema: ZodType<Config>,
  overrides: readonly Override[],
): { config: Readonly<Config>; quality?: unknown } {
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (err) {
    const first = String((err as Error).message).split('\n')[0];
    throw new UsageError(`${path}: not valid YAML: ${first}`);
  }
  const { rest: raw, quality } = withoutQuality(applyOverrides(parsed, overrides));
  const result = schema.safeParse(raw);
  if (!result.success) {
    // Unknown keys first: a typo'd key also shows up as the real key missing.
    const issues = result.error.issues;
    const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0]!;
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown key ${issue.keys.join(', ')}`;
    else if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) {
      message = `missing (expected ${issue.expected})`;
    }
    // A bad value given with --set is named as such: the file itself may be fine.
    const keys =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((k) => (issue.path.length ? `${where}.${k}` : k))
        : [where];
    const set = overrides.find((o) => keys.some((k) => k === o.key || k.startsWith(`${o.key}.`)));
    // A message that names its own key (a rule across keys) is printed as it is.
    const what = message.startsWith(`${where} `) ? message : `${where}: ${message}`;
    throw new UsageError(`${set ? `--set ${set.text}` : path}: ${what}`);
  }
  return { config: deepFreeze(result.data), ...(quality === undefined ? {} : { quality }) };
}

/**
 * `loaded` with `extra` overrides applied on top and checked again: how a run sets its window. The
 * hash and the recorded overrides stay the file's and the user's: the caller records what it applied.
 */
export function withOverrides<Config>(
  loaded: LoadedConfig<Config>,
  schema: ZodType<Config>,
  extra: readonly Override[],
): LoadedConfig<Config> {
  const result = schema.safeParse(applyOverrides(loaded.config, extra));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UsageError(`${extra.map((o) => o.text).join(' ')}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return { ...loaded, config: deepFreeze(result.data) };
}

/** `example`: a config to name when `path` cannot be read (the scenario's default). */
export function loadConfig<Config>(
  path: string,
  schema: ZodType<Config>,
  overrides: readonly Override[] = [],
  example = "the scenario's default config",
): LoadedConfig<Config> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code})`;
    throw new UsageError(`--config ${path}: ${why}; pass a YAML file like ${example}`);
  }
  const hash = createHash('sha256').update(text);
  // Overrides decide the bytes as much as the file does; without any, the hash is the file's own.
  for (const o of overrides) hash.update(`\n--set ${o.text}`);
  return {
    ...parseSections(text, path, schema, overrides),
    sha256: hash.digest('hex'),
    path,
    overrides: overrides.map((o) => o.text),
  };
}
