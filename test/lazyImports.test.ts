/**
 * `gen-parquet --help` and `scenarios` must not load what only running a pack needs (DuckDB, Arrow,
 * Piscina, faker, the planners): the modules a child process loads are recorded by a loader hook.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const CLI = join(import.meta.dirname, '..', 'dist', 'src', 'cli.js');
const dir = tempDir('lazy');
const hooks = join(dir, 'hooks.mjs');
writeFileSync(
  hooks,
  `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.LOADED_LOG, url + '\\n');
  return next(url, context);
}
`,
);
const register = join(dir, 'register.mjs');
writeFileSync(
  register,
  `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
);

function loaded(args: readonly string[]): string[] {
  const log = join(dir, `${args.join('_')}.log`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, LOADED_LOG: log },
  });
  expect(r.status).toBe(0);
  return readFileSync(log, 'utf8').trim().split('\n');
}

const HEAVY =
  /node_modules\/(@duckdb|apache-arrow|piscina|@faker-js|pg|avsc|yaml)\/|\/scenarios\/\w+\/(index|plan)\.js/;

describe('the CLI imports a command only when it runs', () => {
  it.each([['--help'], ['scenarios'], ['plan', '--help']])(
    '%s loads no engine, pack planner or their libraries',
    (...args) => {
      const urls = loaded(args);
      expect(urls.some((u) => u.endsWith('/dist/src/cli.js'))).toBe(true);
      expect(urls.filter((u) => HEAVY.test(u))).toEqual([]);
    },
  );

  it('scenarios reads the tables without a config parser, a random stream or a generator', () => {
    const urls = loaded(['scenarios']);
    expect(urls.some((u) => /\/scenarios\/jaffle\/tables\.js$/.test(u))).toBe(true);
    expect(
      urls.filter((u) => /node_modules\/(zod|pure-rand)\/|\/scenarios\/\w+\/config\.js$/.test(u)),
    ).toEqual([]);
  });

  it('a command that runs a pack does load them (the hook sees real imports)', () => {
    const urls = loaded(['schema', '--scenario', 'ecommerce', '--format', 'sql']);
    expect(urls.some((u) => /\/scenarios\/ecommerce\/index\.js$/.test(u))).toBe(true);
    expect(urls.some((u) => u.includes('/node_modules/@faker-js/'))).toBe(true);
  });
});
