/** Parsing and checking of command-line values; every failure is one UsageError line saying what is accepted. */
import { availableParallelism } from 'node:os';
import type { LoadedConfig } from './config/load.js';
import { UsageError } from './errors.js';
import { MAX_PARTS, type PartRef } from './plan/parts.js';
import { configProfiles, type QualitySetup, resolveProfile } from './quality/profile.js';
import type { ScenarioPack } from './scenario/scenarioPack.js';
import { withChanges } from './schema/changeLog.js';
import { PARTITION_BY, type PartitionBy } from './schema/partitioning.js';
import type { TableSpec } from './schema/tableSpec.js';
import { COMPRESSIONS, type Compression } from './sink/parquetSink.js';

export const MAX_SCALE = 1000;

/**
 * `1x`, `0.01x`, `10`, `2.5x`, `1e-3x`: a number from the scenario's `minScale` (below it some table
 * would get no rows) to MAX_SCALE, optionally followed by `x`.
 */
export function parseScale(text: string, minScale: number): number {
  const accepted = `accepted: ${minScale}x to ${MAX_SCALE}x`;
  const m = /^\s*((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)x?\s*$/i.exec(text);
  const value = m ? Number(m[1]) : Number.NaN;
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new UsageError(
      `--scale ${text}: not a positive number; use e.g. 0.01x, 1x, 10x or a bare number like 2.5`,
    );
  }
  if (value < minScale) {
    throw new UsageError(`--scale ${text}: too small for every table to get rows; ${accepted}`);
  }
  if (value > MAX_SCALE) throw new UsageError(`--scale ${text}: too large; ${accepted}`);
  return value;
}

export function parseWorkers(text: string): number {
  const max = Math.max(4, 4 * availableParallelism());
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 1 && value <= max)) {
    throw new UsageError(
      `--workers ${text}: accepted: a whole number from 1 to ${max} (this machine has ${availableParallelism()} CPUs)`,
    );
  }
  return value;
}

export function parseSeed(text: string): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 0 && value <= Number.MAX_SAFE_INTEGER)) {
    throw new UsageError(`--seed ${text}: accepted: a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`);
  }
  return value;
}

/** `--tables a,b`: a subset of `tableNames` (the scenario's), in the scenario's order; an empty list (`''`, `,`, `' '`) is refused rather than read as "all tables". */
export function parseTables(text: string, tableNames: readonly string[]): string[] {
  const names = text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  if (!names.length) {
    throw new UsageError(
      `--tables '${text}': names no table; accepted: a comma-separated list of ${tableNames.join(', ')} (leave --tables out for all)`,
    );
  }
  const unknown = names.filter((n) => !tableNames.includes(n));
  if (unknown.length) {
    throw new UsageError(`--tables ${text}: unknown table ${unknown[0]}; accepted: ${tableNames.join(', ')}`);
  }
  return tableNames.filter((t) => names.includes(t));
}

/** `--changes`: the run's tables with the change logs of its mutable ones; refused for a pack that writes none. */
export function parseChanges(pack: ScenarioPack, chosen: readonly string[], changes: boolean): string[] {
  const tables = withChanges(pack.tables, chosen, changes);
  if (changes && tables.length === chosen.length) {
    const logs = pack.tables.filter((t) => t.changesOf).map((t) => t.changesOf);
    throw new UsageError(
      logs.length
        ? `--changes: none of the chosen tables is mutable; accepted: --tables with one of ${logs.join(', ')}`
        : `--changes: the ${pack.name} scenario writes no change logs yet; accepted: --changes with a scenario that has mutable tables (see gen-parquet scenarios)`,
    );
  }
  return tables;
}

export function parseCompression(text: string): Compression {
  const value = text.trim().toLowerCase() === 'none' ? 'uncompressed' : text.trim().toLowerCase();
  if (!(COMPRESSIONS as readonly string[]).includes(value)) {
    throw new UsageError(`--compression ${text}: accepted: zstd, snappy, gzip, none`);
  }
  return value as Compression;
}

export function parseRowGroup(text: string): number {
  const value = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 2048 && value <= 10_000_000)) {
    throw new UsageError(`--row-group-rows ${text}: accepted: a whole number from 2048 to 10000000`);
  }
  return value;
}

export function parsePartitionBy(text: string): PartitionBy {
  const value = text.trim().toLowerCase();
  if (!(PARTITION_BY as readonly string[]).includes(value)) {
    throw new UsageError(`--partition-by ${text}: accepted: ${PARTITION_BY.join(', ')}`);
  }
  return value as PartitionBy;
}

export const TABLE_FORMATS = ['none', 'iceberg'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export function parseTableFormat(text: string): TableFormat {
  const value = text.trim().toLowerCase();
  if (!(TABLE_FORMATS as readonly string[]).includes(value)) {
    throw new UsageError(`--table-format ${text}: accepted: ${TABLE_FORMATS.join(', ')}`);
  }
  return value as TableFormat;
}

/** `--part k/n`: part k of n, 1 ≤ k ≤ n ≤ MAX_PARTS, whole numbers. */
export function parsePart(text: string): PartRef {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const accepted = `accepted: k/n with whole numbers 1 ≤ k ≤ n ≤ ${MAX_PARTS}, e.g. 1/4`;
  if (!m) throw new UsageError(`--part ${text}: not of the form k/n; ${accepted}`);
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > MAX_PARTS) throw new UsageError(`--part ${text}: ${n} parts; ${accepted}`);
  if (k < 1 || k > n) throw new UsageError(`--part ${text}: there is no part ${k} of ${n}; ${accepted}`);
  return { k, n };
}

/** `--quality PROFILE`: a profile named in the config's `quality:` section, a built-in one (`typical`), or a YAML file. */
export function parseQuality(text: string, loaded: LoadedConfig): QualitySetup {
  return resolveProfile(text.trim(), configProfiles(loaded.quality, loaded.path));
}

/**
 * `--sources 3`: the pack's entity table (the one that declares `entity` roles), which must be among
 * the tables written: its extracts are made from the clean file.
 */
export function parseSources(
  text: string,
  scenario: string,
  tables: readonly TableSpec[],
  written: readonly string[],
): TableSpec {
  if (text.trim() !== '3') throw new UsageError(`--sources ${text}: accepted: 3 (the seed's three sources)`);
  const spec = tables.find((t) => t.entity);
  if (!spec)
    throw new UsageError(
      `--sources: scenario ${scenario} declares no entity table; accepted: a scenario that does`,
    );
  if (!written.includes(spec.name))
    throw new UsageError(
      `--sources: table ${spec.name} is not written; accepted: a --tables list with ${spec.name}`,
    );
  return spec;
}
