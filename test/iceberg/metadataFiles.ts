import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under each table's `metadata/` folder and `_iceberg.json`, by relative path. */
export function metadataFiles(out: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>([['_iceberg.json', readFileSync(join(out, '_iceberg.json'))]]);
  for (const table of readdirSync(out)) {
    const dir = join(out, table, 'metadata');
    if (existsSync(dir))
      for (const f of readdirSync(dir)) files.set(`${table}/metadata/${f}`, readFileSync(join(dir, f)));
  }
  return files;
}
