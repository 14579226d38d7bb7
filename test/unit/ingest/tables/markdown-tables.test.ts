import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellAddress } from '../../../../src/core/tables.ts';
import { ingestDocument } from '../../../../src/ingest/ingest-document.ts';
import { repoRoot } from '../../../support/shared-data.ts';

describe('Markdown pipe tables as data', () => {
  it('reads the header row, the body cells and the caption label, and keeps the rows out of prose', async () => {
    const bytes = new Uint8Array(readFileSync(join(repoRoot, 'test', 'fixtures', 'markdown', 'paper.md')));
    const { parsed, passages } = await ingestDocument({ name: 'paper.md', bytes, kind: 'markdown' });
    const [table] = parsed.resultTables ?? [];
    expect(table).toMatchObject({
      ordinal: 1,
      label: 'Table 2',
      caption: 'Table 2: Accuracy of counting models.',
      source: 'markdown',
    });
    expect(table!.columnHeaders).toEqual([['Model'], ['Params'], ['Accuracy']]);
    expect(table!.rows[1]!.cells[1]).toMatchObject({ text: '10M', value: 10, unit: 'M' });
    expect(cellAddress(table!, 0, 2)).toBe('Table 2, row Tiny, column Accuracy: 99.1');
    const prose = passages.filter((p) => p.kind === 'prose').map((p) => parsed.fullText.slice(p.charStart, p.charEnd));
    expect(prose.some((text) => text.includes('Tiny | 1M'))).toBe(false);
    expect(
      passages.some((p) => p.kind === 'table' && parsed.fullText.slice(p.charStart, p.charEnd).includes('Tiny | 1M')),
    ).toBe(true);
  });
});
