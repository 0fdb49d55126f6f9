/** The package's name and version, read from the nearest package.json above this module. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageJson(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the gen-parquet sources');
    dir = parent;
  }
  return join(dir, 'package.json');
}

export const PACKAGE_ROOT = dirname(findPackageJson());
const pkg = JSON.parse(readFileSync(findPackageJson(), 'utf8')) as { name: string; version: string };
export const GENERATOR = Object.freeze({ name: pkg.name, version: pkg.version });
