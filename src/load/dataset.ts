/**
 * The folder `gen-parquet load` reads: a complete gen-parquet output (`_SUCCESS`, the manifest, every
 * file it lists at its recorded size), its pack's TableSpecs, and each table's files and rows.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { MANIFEST, type Manifest, readManifest, SUCCESS } from '../run/manifest.js';
import type { ScenarioPack } from '../scenario/scenarioPack.js';
import type { TableSpec } from '../schema/tableSpec.js';
import type { PackFinder } from '../validate/validate.js';

export interface DatasetTable {
  readonly spec: TableSpec;
  /** Paths relative to the folder, from the manifest (never a glob). */
  readonly files: readonly string[];
  readonly rows: number;
}

export interface Dataset {
  readonly outDir: string;
  readonly manifest: Manifest;
  readonly pack: ScenarioPack;
  /** The tables in the folder, in the pack's order. */
  readonly tables: readonly DatasetTable[];
}

export async function openDataset(outDir: string, findPack: PackFinder): Promise<Dataset> {
  const notComplete = (why: string) =>
    new UsageError(
      `--out ${outDir}: not a complete gen-parquet output (${why}); generate it with gen-parquet --out ${outDir}`,
    );
  if (!existsSync(join(outDir, MANIFEST))) throw notComplete(`no ${MANIFEST}`);
  if (!existsSync(join(outDir, SUCCESS))) throw notComplete(`no ${SUCCESS}: the run did not finish`);
  let manifest: Manifest;
  try {
    manifest = await readManifest(outDir);
  } catch (err) {
    throw notComplete(`unreadable ${MANIFEST}: ${(err as Error).message.split('\n')[0]}`);
  }
  const pack = findPack(manifest.scenario);
  for (const file of manifest.files) {
    const size = await stat(join(outDir, file.path)).then(
      (s) => s.size,
      () => -1,
    );
    if (size !== file.bytes)
      throw notComplete(`${file.path} ${size < 0 ? 'is missing' : `has ${size} bytes, not ${file.bytes}`}`);
  }
  const tables = pack.tables
    .filter((spec) => manifest.tables.includes(spec.name))
    .map((spec) => {
      const files = manifest.files.filter((f) => f.table === spec.name);
      return { spec, files: files.map((f) => f.path), rows: files.reduce((a, f) => a + f.rows, 0) };
    });
  return { outDir, manifest, pack, tables };
}
