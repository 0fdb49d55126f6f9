/**
 * `_iceberg.json`: the Iceberg metadata files gen-parquet wrote into an output folder. It is the
 * proof that lets `--force` (and a resume) delete them, and only them, like `_manifest.json` for the
 * Parquet files. Kept apart from the manifest: the metadata depends on `--table-location`, which is
 * not a parameter of the dataset, and adding it to a finished dataset must not rewrite the manifest.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fsError } from './fsErrors.js';
import { writeAtomic } from './manifest.js';

export const ICEBERG_RECORD = '_iceberg.json';

export interface RecordedFile {
  /** Relative to the output folder, `/`-separated: `<table>/metadata/<name>`. */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface IcebergRecord {
  readonly format_version: 2;
  /** The base location: table `t` lives at `<table_location>/t`. */
  readonly table_location: string;
  /**
   * False while files are being put in place: then `files` also names every file about to be
   * written or replaced, some of which may be missing or stale.
   */
  readonly complete: boolean;
  /** Each table's current metadata file and snapshot. */
  readonly tables: readonly {
    readonly table: string;
    readonly metadata: string;
    readonly snapshot_id: number;
  }[];
  readonly files: readonly RecordedFile[];
}

/** A path the record may vouch for: a file in a table folder's `metadata/` folder, never elsewhere. */
export const isMetadataPath = (p: unknown): p is string => {
  if (typeof p !== 'string') return false;
  const parts = p.split('/');
  return (
    parts.length === 3 &&
    parts[1] === 'metadata' &&
    parts.every((s) => s !== '' && s !== '.' && s !== '..' && !s.includes('\\'))
  );
};

/**
 * The order metadata files go into place: Avro files (manifests, manifest lists) first, then each
 * `vN.metadata.json`, then `version-hint.text`, so a version appears only once all it references is there.
 */
export const placingRank = (path: string) =>
  path.endsWith('/version-hint.text') ? 2 : path.endsWith('.metadata.json') ? 1 : 0;

/** The folder's record, or undefined when there is none; a record that cannot be read is an error. */
export async function readIcebergRecord(outDir: string): Promise<IcebergRecord | undefined> {
  const path = join(outDir, ICEBERG_RECORD);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw fsError('read', path, err);
  }
  try {
    const record = JSON.parse(text) as IcebergRecord;
    if (!Array.isArray(record.files)) throw new Error('no file list');
    return record;
  } catch (err) {
    throw new Error(`cannot read ${path}: ${(err as Error).message}`);
  }
}

export async function writeIcebergRecord(outDir: string, record: IcebergRecord): Promise<void> {
  await writeAtomic(join(outDir, ICEBERG_RECORD), `${JSON.stringify(record, null, 2)}\n`);
}
