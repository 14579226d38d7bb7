import { describe, expect, it } from 'vitest';
import { cellAddress, locateCell, rowHeader } from '../../../../src/core/tables.ts';
import { chunkPassages } from '../../../../src/ingest/chunk-passages.ts';
import { parseHtml } from '../../../../src/ingest/parse-html.ts';

// arXiv's LaTeXML layout: <figure class="ltx_table"> with a <figcaption>, a two-level header
// (colspan above, metrics below), a group row spanning the table and a bold best value.
const arxivHtml = `<!DOCTYPE html><html><head><title>T</title></head><body>
<article class="ltx_document"><h1 class="ltx_title ltx_title_document">Transfer Results</h1>
<section class="ltx_section" id="S1"><h2 class="ltx_title ltx_title_section"><span class="ltx_tag ltx_tag_section">1 </span>Results</h2>
<div class="ltx_para"><p class="ltx_p">Intermediate training helps on XNLI, as Table 2 shows in detail.</p></div>
<figure class="ltx_table" id="S1.T2">
<figcaption class="ltx_caption"><span class="ltx_tag ltx_tag_table">Table 2: </span>Accuracy (%) on target tasks.</figcaption>
<table class="ltx_tabular">
<thead class="ltx_thead">
<tr class="ltx_tr"><th class="ltx_td" rowspan="2">Model</th><th class="ltx_td" colspan="2">XNLI</th><th class="ltx_td" colspan="2">PAWS-X</th></tr>
<tr class="ltx_tr"><th class="ltx_td">Acc.</th><th class="ltx_td">F1</th><th class="ltx_td">Acc.</th><th class="ltx_td">F1</th></tr>
</thead>
<tbody class="ltx_tbody">
<tr class="ltx_tr"><td class="ltx_td" colspan="5"><span class="ltx_text ltx_font_italic">Intermediate: SQuAD</span></td></tr>
<tr class="ltx_tr"><th class="ltx_td">RoBERTa</th><td class="ltx_td">71.8 ± 0.4</td><td class="ltx_td">70.2</td><td class="ltx_td"><span class="ltx_text ltx_font_bold">83.2</span></td><td class="ltx_td">–</td></tr>
<tr class="ltx_tr"><th class="ltx_td">XLM-R</th><td class="ltx_td"><span class="ltx_text ltx_font_bold">74.0</span></td><td class="ltx_td">73.1</td><td class="ltx_td">82.9</td><td class="ltx_td">81.0</td></tr>
<tr class="ltx_tr"><td class="ltx_td" colspan="5">Intermediate: MNLI</td></tr>
<tr class="ltx_tr"><th class="ltx_td">RoBERTa</th><td class="ltx_td">72.5</td><td class="ltx_td">71.0</td><td class="ltx_td">80.1</td><td class="ltx_td">79.4</td></tr>
</tbody></table></figure>
<div class="ltx_para"><p class="ltx_p">Neither SQuAD nor MNLI led to improved transfer on PAWS-X.</p></div>
</section></article></body></html>`;

describe('HTML tables as data', () => {
  const doc = parseHtml(arxivHtml, { name: 'arxiv.html' });
  const table = doc.resultTables![0]!;

  it('reads label, caption and a header path per column from a two-level header', () => {
    expect(doc.resultTables).toHaveLength(1);
    expect(table).toMatchObject({ ordinal: 1, label: 'Table 2', source: 'html', rowHeaderColumns: 1 });
    expect(table.caption).toBe('Table 2: Accuracy (%) on target tasks.');
    expect(table.columnHeaders).toEqual([
      ['Model'],
      ['XNLI', 'Acc.'],
      ['XNLI', 'F1'],
      ['PAWS-X', 'Acc.'],
      ['PAWS-X', 'F1'],
    ]);
  });

  it('reads group rows, row headers, ± spreads and bold best values', () => {
    expect(table.rows).toHaveLength(3);
    expect(rowHeader(table, 0)).toEqual(['Intermediate: SQuAD', 'RoBERTa']);
    expect(rowHeader(table, 2)).toEqual(['Intermediate: MNLI', 'RoBERTa']);
    expect(table.rows[0]!.cells[1]).toMatchObject({ text: '71.8 ± 0.4', value: 71.8, plusMinus: 0.4, bold: false });
    expect(table.rows[0]!.cells[3]).toMatchObject({ value: 83.2, bold: true });
    expect(table.rows[0]!.cells[4]).toMatchObject({ text: '–', value: null });
    expect(table.rows[1]!.cells[1]).toMatchObject({ value: 74, bold: true });
    expect(cellAddress(table, 1, 2)).toBe('Table 2, row Intermediate: SQuAD > XLM-R, column XNLI > F1: 73.1');
  });

  it('locates the table in the full text, and every cell is printed inside that range', () => {
    const block = doc.fullText.slice(table.charStart!, table.charEnd!);
    expect(block.startsWith('Table 2: Accuracy')).toBe(true);
    for (const row of table.rows) for (const cell of row.cells) expect(block).toContain(cell.text);
  });

  it('locates a cell verbatim on its row’s line, so it can be quoted', () => {
    const span = locateCell(doc.fullText, table, 2, 1)!;
    expect(doc.fullText.slice(span.start, span.end)).toBe('72.5');
    const line = doc.fullText.slice(
      doc.fullText.lastIndexOf('\n', span.start) + 1,
      doc.fullText.indexOf('\n', span.end),
    );
    expect(line).toBe('RoBERTa | 72.5 | 71.0 | 80.1 | 79.4');
  });

  it('cuts the table out as its own passage: prose passages never carry its rows', async () => {
    const passages = await chunkPassages(doc);
    const prose = passages.filter((p) => p.kind === 'prose').map((p) => doc.fullText.slice(p.charStart, p.charEnd));
    const tables = passages.filter((p) => p.kind === 'table');
    expect(tables.length).toBeGreaterThan(0);
    expect(prose.join('\n')).toContain('Neither SQuAD nor MNLI led to improved transfer');
    for (const text of prose) {
      expect(text).not.toContain('71.8 ± 0.4');
      expect(text).not.toContain('Accuracy (%) on target tasks');
    }
    for (const passage of tables) {
      expect(passage.charStart).toBeGreaterThanOrEqual(table.charStart!);
      expect(passage.charEnd).toBeLessThanOrEqual(table.charEnd!);
    }
  });
});
