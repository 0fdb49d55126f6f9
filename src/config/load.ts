/** Reads, validates and freezes a config file; every problem becomes one exact `UsageError` line. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { UsageError } from '../errors.js';
import { parseIsoDay } from '../time/calendar.js';
import { type Config, configSchema } from './schema.js';

export interface LoadedConfig {
  readonly config: Readonly<Config>;
  readonly sha256: string;
  readonly path: string;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export function parseConfig(text: string, path: string): Readonly<Config> {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    const first = String((err as Error).message).split('\n')[0];
    throw new UsageError(`${path}: not valid YAML: ${first}`);
  }
  const result = configSchema.safeParse(raw);
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
    throw new UsageError(`${path}: ${where}: ${message}`);
  }
  const config = result.data;
  const start = parseIsoDay(config.time.start);
  const end = parseIsoDay(config.time.end);
  if (start === undefined)
    throw new UsageError(`${path}: time.start: ${config.time.start} is not a real date`);
  if (end === undefined) throw new UsageError(`${path}: time.end: ${config.time.end} is not a real date`);
  if (end < start) {
    throw new UsageError(
      `${path}: time.end (${config.time.end}) is before time.start (${config.time.start})`,
    );
  }
  return deepFreeze(config);
}

export function loadConfig(path: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code})`;
    throw new UsageError(`--config ${path}: ${why}; pass a YAML file like config/tapflow.yaml`);
  }
  const sha256 = createHash('sha256').update(text).digest('hex');
  return { config: parseConfig(text, path), sha256, path };
}
