import { describe, expect, it } from 'vitest';
import type { ResultTable, TableCell } from '../../../src/core/tables.ts';
import { renderTables } from '../../../src/serve/tables-section.ts';

const cell = (text: string, bold = false): TableCell => ({
  text,
  value: Number.parseFloat(text) || null,
  unit: null,
  plusMinus: null,
  bold,
});

describe('renderTables', () => {
  it('renders header paths, row groups and cells, escaping every string', () => {
    const table: ResultTable = {
      paperId: 'arxiv:2401.00001v1',
      ordinal: 1,
      label: 'Table 2',
      caption: 'Accuracy <b>by</b> target',
      page: 4,
      charStart: 100,
      charEnd: 300,
      rowHeaderColumns: 1,
      columnHeaders: [['Model'], ['XNLI', 'Acc.'], ['XNLI', 'F1']],
      rows: [
        { cells: [cell('RoBERTa'), cell('71.8', true), cell('70.1')], group: 'Intermediate <tasks>' },
        { cells: [cell('<script>x</script>'), cell('69.0'), cell('68.2')], group: 'Intermediate <tasks>' },
      ],
      source: 'html',
    };
    const html = renderTables([table]);
    expect(html).toContain('<strong>Table 2</strong> Accuracy &lt;b&gt;by&lt;/b&gt; target');
    expect(html).toContain('<tr><th scope="col">Model</th><th scope="col">XNLI</th><th scope="col">XNLI</th></tr>');
    expect(html).toContain('<tr><th scope="col"></th><th scope="col">Acc.</th><th scope="col">F1</th></tr>');
    expect(html.match(/scope="rowgroup"/g)).toHaveLength(1);
    expect(html).toContain('Intermediate &lt;tasks&gt;');
    expect(html).toContain('<td class="num"><strong>71.8</strong></td>');
    expect(html).toContain('<th scope="row">&lt;script&gt;x&lt;/script&gt;</th>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('/papers/arxiv%3A2401.00001v1/passage?start=100&amp;end=300#hl');
  });
});

describe('tablesSection over the store', () => {
  it('renders the tables stored for a paper, and nothing for a paper without any', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openStore } = await import('../../../src/store/open-store.ts');
    const { ingestDocument } = await import('../../../src/ingest/ingest-document.ts');
    const { tablesSection } = await import('../../../src/serve/tables-section.ts');
    const dir = mkdtempSync(join(tmpdir(), 'litmus-serve-tables-'));
    const store = await openStore(join(dir, 'litmus.db'));
    try {
      const markdown = '# Results\n\n| Model | Java |\n|---|---|\n| CodeBridge | 64.2 |\n\nTable 1: pass@1 on HumanEval-X.\n';
      const { parsed, passages } = await ingestDocument({ bytes: new TextEncoder().encode(markdown), name: 'r.md', kind: 'markdown' });
      const paper = { id: 'local:r', workId: 'local:r', source: 'local' as const, externalId: 'r.md', version: null, title: 'R', authors: [], published: null, updated: null, categories: [], licence: null, abstract: null };
      await store.papers.upsert(paper);
      await store.documents.insert({ paperId: paper.id, kind: 'markdown', contentHash: 'h', bytes: markdown.length, origin: 'r.md', parsed, passages });
      expect(await tablesSection(store, paper.id)).toContain('64.2');
      expect(await tablesSection(store, 'local:none')).toBeNull();
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
