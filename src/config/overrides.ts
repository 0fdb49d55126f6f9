/**
 * `--set key.path=value`: one config value from the command line. The value is read as YAML (so
 * `3`, `true`, `[a, b]` and `"text"` mean what they mean in the file) and put into the parsed file
 * before validation, so it is checked exactly like the file.
 */
import { parse } from 'yaml';
import { UsageError } from '../errors.js';

export interface Override {
  /** As given: `key.path=value`. */
  readonly text: string;
  readonly key: string;
  readonly value: unknown;
}

const KEY = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

export function parseOverride(text: string): Override {
  const eq = text.indexOf('=');
  const key = eq < 0 ? '' : text.slice(0, eq).trim();
  if (!KEY.test(key)) {
    throw new UsageError(`--set ${text}: accepted: key.path=value, e.g. --set tap_events.rows=2000000`);
  }
  let value: unknown;
  try {
    value = parse(text.slice(eq + 1));
  } catch (err) {
    throw new UsageError(
      `--set ${text}: the value is not valid YAML (${String((err as Error).message).split('\n')[0]})`,
    );
  }
  return { text, key, value };
}

/** A copy of `raw` with each override's value at its key path; the path's parents must be maps. */
export function applyOverrides(raw: unknown, overrides: readonly Override[]): unknown {
  if (!overrides.length) return raw;
  const root = structuredClone(raw) as Record<string, unknown>;
  for (const o of overrides) {
    const parts = o.key.split('.');
    let node: unknown = root;
    for (let i = 0; i < parts.length - 1; i++) {
      node = (node as Record<string, unknown> | undefined)?.[parts[i]!];
      if (node === null || typeof node !== 'object' || Array.isArray(node)) {
        throw new UsageError(
          `--set ${o.text}: ${parts.slice(0, i + 1).join('.')} is not a section of the config; name an existing key`,
        );
      }
    }
    (node as Record<string, unknown>)[parts.at(-1)!] = o.value;
  }
  return root;
}
