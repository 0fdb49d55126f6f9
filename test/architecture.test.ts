/**
 * The dependency rule of ARCHITECTURE.md, read from the import graph (TypeScript's own parser, so
 * re-exports and literal dynamic imports count): no engine file reaches a scenario pack, directly or
 * through other files. Only the composition roots (the CLI entry and the public API) import the
 * registry (the CLI also the catalog, for its help), and nothing outside src/scenarios/ imports a pack past them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const PACKS = 'src/scenarios/';
const REGISTRY = 'src/scenarios/registry.ts';
const CATALOG = 'src/scenarios/catalog.ts';
const COMPOSITION_ROOTS = new Set(['src/cli.ts', 'src/index.ts']);

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

/** file → the project files it imports (relative specifiers only; `.js` in a specifier is the `.ts` source). */
function importGraph(files: ReadonlyMap<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of files) {
    const imported = ts
      .preProcessFile(text, true, true)
      .importedFiles.map((f) => f.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => join(dirname(file), spec).replace(/\.js$/, '.ts'));
    graph.set(file, imported);
  }
  return graph;
}

/** The first chain of imports from `start` to a file under src/scenarios/, if any. */
function pathToPack(graph: ReadonlyMap<string, readonly string[]>, start: string): string[] | undefined {
  const seen = new Set<string>([start]);
  const queue: string[][] = [[start]];
  while (queue.length) {
    const chain = queue.shift()!;
    for (const next of graph.get(chain.at(-1)!) ?? []) {
      if (next.startsWith(PACKS)) return [...chain, next];
      if (!seen.has(next)) {
        seen.add(next);
        queue.push([...chain, next]);
      }
    }
  }
  return undefined;
}

const engineFiles = (graph: ReadonlyMap<string, unknown>) =>
  [...graph.keys()].filter((f) => !f.startsWith(PACKS) && !COMPOSITION_ROOTS.has(f));

describe('the dependency rule', () => {
  const files = new Map(
    [...sources('src'), ...sources('workers')].map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]),
  );
  const graph = importGraph(files);

  it('reads a real graph (the CLI reaches the TapFlow pack through the catalog and the registry)', () => {
    expect(graph.get('src/cli.ts')).toContain(REGISTRY);
    expect(pathToPack(graph, 'src/cli.ts')).toEqual(['src/cli.ts', CATALOG]);
    expect(graph.get(REGISTRY)).toContain('src/scenarios/tapflow/index.ts');
    expect(engineFiles(graph).length).toBeGreaterThan(30);
  });

  it('no engine or worker file imports a pack, directly or transitively', () => {
    const offenders = engineFiles(graph).flatMap((f) => pathToPack(graph, f)?.join(' → ') ?? []);
    expect(offenders).toEqual([]);
  });

  it('outside src/scenarios/, only the composition roots import scenarios, and only the registry or catalog', () => {
    const importers = [...graph].flatMap(([file, imports]) =>
      file.startsWith(PACKS) ? [] : imports.filter((i) => i.startsWith(PACKS)).map((i) => `${file} → ${i}`),
    );
    expect([...new Set(importers)].sort()).toEqual([
      `src/cli.ts → ${CATALOG}`,
      `src/cli.ts → ${REGISTRY}`,
      `src/index.ts → ${REGISTRY}`,
    ]);
  });

  it('catches a planted violation two imports away, and a re-export', () => {
    const planted = importGraph(
      new Map([
        ['src/run/a.ts', "import { b } from './b.js';"],
        ['src/run/b.ts', "export { plan } from '../scenarios/tapflow/plan.js';"],
        ['src/scenarios/tapflow/plan.ts', 'export const plan = 1;'],
      ]),
    );
    expect(pathToPack(planted, 'src/run/a.ts')).toEqual([
      'src/run/a.ts',
      'src/run/b.ts',
      'src/scenarios/tapflow/plan.ts',
    ]);
  });
});
