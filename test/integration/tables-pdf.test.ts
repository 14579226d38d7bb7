import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellAddress, locateCell, type ResultTable, rowHeader } from '../../src/core/tables.ts';
import type { ParsedDocument } from '../../src/core/types.ts';
import { ingestDocument, type PassageDraft } from '../../src/ingest/ingest-document.ts';
import { sharedData } from '../support/shared-data.ts';
import { compareWithOracle, markdownTables } from '../support/table-oracle.ts';

async function read(...path: string[]): Promise<{ parsed: ParsedDocument; passages: PassageDraft[] }> {
  const file = sharedData(...path);
  return ingestDocument({ name: file, bytes: new Uint8Array(readFileSync(file)), kind: 'pdf' });
}

function table(parsed: ParsedDocument, label: string): ResultTable {
  const found = parsed.resultTables?.find((t) => t.label === label);
  if (!found) throw new Error(`no ${label} among ${parsed.resultTables?.map((t) => t.label).join(', ')}`);
  return found;
}

/** The cell in the row whose row header includes `row`, under the column whose joined header is `column`. */
function cell(t: ResultTable, row: string, column: string) {
  const r = t.rows.findIndex((_, index) => rowHeader(t, index).includes(row));
  const c = t.columnHeaders.findIndex((path) => path.join(' ') === column);
  expect(r, `row ${row}`).toBeGreaterThanOrEqual(0);
  expect(c, `column ${column}`).toBeGreaterThanOrEqual(0);
  return { ...t.rows[r]!.cells[c]!, address: cellAddress(t, r, c) };
}

/** No prose passage carries three or more values of one table row: a table dump is never prose. */
function expectNoRowDumpInProse(parsed: ParsedDocument, passages: PassageDraft[]): void {
  const prose = passages.filter((p) => p.kind !== 'table').map((p) => parsed.fullText.slice(p.charStart, p.charEnd));
  for (const t of parsed.resultTables ?? []) {
    for (const row of t.rows) {
      const values = row.cells.filter((c) => c.value !== null && c.text.length >= 3).map((c) => c.text);
      if (values.length < 3) continue;
      for (const text of prose) {
        expect(values.filter((value) => text.includes(value)).length, `${t.label}: ${values.join(' ')}`).toBeLessThan(
          3,
        );
      }
    }
  }
}

describe('PDF tables against Docling’s ground truth (2305.03393 page 9)', () => {
  let parsed: ParsedDocument;
  let passages: PassageDraft[];
  beforeAll(async () => {
    ({ parsed, passages } = await read('pdfs-odd', 'docling_2305.03393v1-pg9.pdf'));
  });

  it('reads every value cell and every column header path as the ground truth has them', () => {
    const oracle = markdownTables(
      readFileSync(sharedData('pdfs-odd', 'docling_2305.03393v1-pg9.groundtruth.md'), 'utf8'),
    );
    const hpo = table(parsed, 'Table 1');
    const agreement = compareWithOracle(oracle[0]!, hpo);
    // Measured: 56/56 value cells and 8/8 text cells ("OTSL", "HTML") agree with Docling's ground truth.
    expect(agreement.values).toEqual({ matched: 56, total: 56 });
    expect(agreement.labels).toEqual({ matched: 8, total: 8 });
    const truth = oracle[0]!.rows.slice(0, 2);
    const paths = truth[0]!.map((top, c) => [...new Set([top.text, truth[1]![c]!.text])].join(' '));
    expect(hpo.columnHeaders.map((path) => path.join(' '))).toEqual(paths);
  });

  it('addresses a cell by its headers, with the multirow layer counts repeated on the HTML line', () => {
    expect(hpo().rows).toHaveLength(8);
    expect(
      hpo()
        .rows[1]!.cells.slice(0, 3)
        .map((c) => c.text),
    ).toEqual(['6', '6', 'HTML']);
    expect(cellAddress(hpo(), 1, 3)).toBe('Table 1, row 2, column TEDs > simple: 0.969');
    expect(hpo().page).toBe(1);
    const span = locateCell(parsed.fullText, hpo(), 1, 3)!;
    expect(parsed.fullText.slice(span.start, span.end)).toBe('0.969');
    expect(parsed.fullText.slice(span.start - 5, span.end)).toBe('HTML 0.969');
    expect(hpo().caption).toMatch(/^Table 1\. HPO performed in OTSL and HTML representation/);
    expectNoRowDumpInProse(parsed, passages);
  });
  const hpo = () => table(parsed, 'Table 1');
});

describe('PDF tables against marker’s Markdown (1804.07821)', () => {
  it('agrees with marker on the values and labels of its four results tables', async () => {
    const { parsed, passages } = await read('pdfs', '1804.07821v1.pdf');
    const oracle = markdownTables(
      readFileSync(sharedData('pdfs', 'reference-extractions', '1804.07821v1.marker.md'), 'utf8'),
    );
    let values = 0;
    let valueTotal = 0;
    let labels = 0;
    let labelTotal = 0;
    ['Table 1', 'Table 2', 'Table 3', 'Table 4'].forEach((label, index) => {
      const agreement = compareWithOracle(oracle[index]!, table(parsed, label));
      values += agreement.values.matched;
      valueTotal += agreement.values.total;
      labels += agreement.labels.matched;
      labelTotal += agreement.labels.total;
    });
    // Measured: 101/101 value cells, 29/30 labels ("[13] + RGB Norm + Filters from [14]" is read as "[13] + RGB").
    expect(valueTotal).toBe(101);
    expect(values).toBe(101);
    expect(labelTotal).toBe(30);
    expect(labels).toBeGreaterThanOrEqual(29);
    expect(cell(table(parsed, 'Table 2'), '[15] + SIFT from [14]', 'GAME (L=3)').value).toBe(24.36);
    // Bold (best) values from the fonts: marker's four bold cells of Table 2 and one of Table 4 agree; in
    // Table 3 the PDF sets each column's lowest MAE in bold, which marker's Markdown leaves plain.
    expect(compareWithOracle(oracle[1]!, table(parsed, 'Table 2')).bold).toEqual({ matched: 20, total: 20 });
    expect(compareWithOracle(oracle[3]!, table(parsed, 'Table 4')).bold).toEqual({ matched: 5, total: 5 });
    expect(cell(table(parsed, 'Table 4'), 'MCNN [28] (with perspective information)', 'MAE').bold).toBe(true);
    const ucsd = table(parsed, 'Table 3');
    expect(ucsd.rows.flatMap((row) => row.cells.filter((c) => c.bold).map((c) => c.text))).toEqual([
      '0.63',
      '1.24',
      '1.24',
      '1.49',
      '1.07',
    ]);
    expect(cell(table(parsed, 'Table 4'), 'MCNN [28] (with perspective information)', 'MAE').value).toBe(11.6);
    expectNoRowDumpInProse(parsed, passages);
  });
});

describe('PDF tables of an ACL camera-ready paper (S2ORC, 2020.acl-main.447)', () => {
  let parsed: ParsedDocument;
  let passages: PassageDraft[];
  beforeAll(async () => {
    ({ parsed, passages } = await read('pdfs', '2020.acl-main.447.pdf'));
  });

  it('finds the numbered tables with their pages and captions', () => {
    expect(parsed.resultTables?.map((t) => `${t.label} p${t.page}`)).toEqual(
      expect.arrayContaining([
        'Table 1 p2',
        'Table 2 p4',
        'Table 3 p5',
        'Table 4 p5',
        'Table 5 p6',
        'Table 6 p6',
        'Table 8 p13',
      ]),
    );
    expect(table(parsed, 'Table 6').caption).toBe(
      'Table 6: Accuracy of paper clustering and bibliography linking for titles and authors in sampled evaluation sets.',
    );
  });

  it('reads cells with ± spreads, units and wrapped two-line headers', () => {
    const scibert = table(parsed, 'Table 5');
    expect(cell(scibert, 'BC5CDR', 'S2ORC- SCIBERT')).toMatchObject({
      text: '90.41 ± 0.06',
      value: 90.41,
      plusMinus: 0.06,
    });
    expect(cell(scibert, 'BC5CDR', 'SCIBERT').value).toBe(90.01);
    expect(cell(table(parsed, 'Table 6'), 'Bib. linking (GROBID)', 'Authors').value).toBe(0.96);
    expect(cell(table(parsed, 'Table 2'), 'Not English', 'Number of papers')).toMatchObject({
      text: '15.2M',
      value: 15.2,
      unit: 'M',
    });
    expect(cell(table(parsed, 'Table 1'), 'PubMed Central (OA)', 'Papers w/ body text').text).toBe('2.6M');
    expect(table(parsed, 'Table 1').columnHeaders[3]).toEqual(['References to', 'tables / figures /', 'equations']);
  });

  it('keeps every table row out of prose passages, while the paper’s prose stays prose', () => {
    expectNoRowDumpInProse(parsed, passages);
    const prose = passages.filter((p) => p.kind === 'prose').map((p) => parsed.fullText.slice(p.charStart, p.charEnd));
    expect(prose.join('\n')).toContain('we train BERT-Base (Devlin et al., 2019) on the parsed full text of S2ORC');
  });
});
