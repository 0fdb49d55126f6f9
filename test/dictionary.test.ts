import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tapflow from '../src/scenarios/tapflow/index.js';
import { TABLES } from '../src/scenarios/tapflow/tables.js';
import { markdownDictionary, sqlDdl } from '../src/schema/dictionary.js';

describe('data dictionary', () => {
  it('docs/data-dictionary.md is exactly what the schema generates (run gen-parquet schema > docs/data-dictionary.md)', () => {
    expect(readFileSync('docs/data-dictionary.md', 'utf8')).toBe(markdownDictionary(tapflow));
  });

  it('documents every column of every table, and the DDL declares them', () => {
    const md = markdownDictionary(tapflow);
    const ddl = sqlDdl(TABLES);
    for (const t of TABLES) {
      expect(md).toContain(`## ${t.name}`);
      for (const c of t.columns) {
        expect(md).toContain(`| ${c.name} |`);
        expect(ddl).toMatch(new RegExp(`\\n  ${c.name} [A-Z]`));
      }
    }
  });
});
