import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tapflow from '../src/scenarios/tapflow/index.js';
import { TABLES } from '../src/scenarios/tapflow/tables.js';
import { markdownDictionary, sqlDdl } from '../src/schema/dictionary.js';
import { decimalCol } from '../src/schema/tableSpec.js';
import { testTable } from './helpers.js';

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

  it('declares dates as DATE and a decimal of its own precision as DECIMAL(p,2)', () => {
    const t = testTable([
      { name: 'id', type: 'int32', nullable: false, description: '' },
      { name: 'born', type: 'date', nullable: true, description: '' },
      decimalCol('total', '', 12),
      decimalCol('price', ''),
    ]);
    expect(sqlDdl([t])).toContain(
      '  born DATE,\n  total DECIMAL(12,2) NOT NULL,\n  price DECIMAL(10,2) NOT NULL,',
    );
    const md = markdownDictionary({ name: 't', tables: [t] });
    expect(md).toContain('| born | date (UTC) | yes |');
    expect(md).toContain('| total | decimal(12,2) | no |');
    expect(md).toContain('| price | decimal | no |');
  });
});
