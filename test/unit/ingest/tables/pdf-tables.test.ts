import { describe, expect, it } from 'vitest';
import { cellAddress } from '../../../../src/core/tables.ts';
import { findPdfTables, tagTableLines } from '../../../../src/ingest/tables/pdf-tables.ts';
import type { PdfTextItem } from '../../../../src/ingest/tables/pdf-lines.ts';

/** Items of one printed line: [text, x] pairs at baseline y, 9 pt, 0.4 em per character. */
function line(y: number, cells: [string, number][], options: { size?: number; bold?: string[] } = {}): PdfTextItem[] {
  const size = options.size ?? 9;
  return cells.map(([text, x]) => ({
    text,
    x,
    y,
    width: text.length * size * 0.4,
    size,
    bold: options.bold?.includes(text) ?? false,
  }));
}

// A results table as LaTeX prints it: a group header centred over two metric columns, a multirow
// label set between its two lines, a row label wrapped onto a second line, a superscript marker, and
// the caption below, with prose above in the same (left) column of a two-column page.
const items: PdfTextItem[] = [
  ...line(700, [['We compare the models on both tasks and report the results in the table below it.', 100]], {
    size: 10,
  }),
  ...line(670, [['XNLI', 231]]),
  ...line(658, [
    ['Model', 100],
    ['Size', 170],
    ['Acc.', 210],
    ['F1', 260],
  ]),
  ...line(640, [
    ['base', 170],
    ['71.8 ± 0.4', 200],
    ['70.2', 260],
  ]),
  ...line(634, [['RoBERTa', 100]]),
  ...line(
    628,
    [
      ['large', 170],
      ['74.0', 210],
      ['73.1', 260],
    ],
    { bold: ['74.0'] },
  ),
  ...line(616, [
    ['XLM-R (with extra', 100],
    ['base', 170],
    ['69.9', 210],
    ['68.0', 260],
  ]),
  ...line(606, [['data)', 100]]),
  ...line(596.5, [['†', 118.5]], { size: 6 }),
  ...line(594, [
    ['mBERT', 100],
    ['base', 170],
    ['65.4', 210],
    ['64.1', 260],
  ]),
  ...line(570, [['Table 3: Accuracy on XNLI.', 100]], { size: 10 }),
  ...line(560, [['The right column holds other text, set at the same height as the table.', 330]], { size: 10 }),
];

describe('PDF tables rebuilt from text positions', () => {
  const [table] = findPdfTables([{ page: 4, items }]);

  it('finds the table above its caption and stops at the prose above it', () => {
    expect(table).toMatchObject({ page: 4, label: 'Table 3', captionLine: 'Table 3: Accuracy on XNLI.' });
    expect(table!.columnHeaders.map((path) => path.join(' > '))).toEqual(['Model', 'Size', 'XNLI > Acc.', 'XNLI > F1']);
  });

  it('joins wrapped labels and superscripts, repeats multirow labels, and reads values with ± and bold', () => {
    expect(table!.rows.map((row) => row.cells.map((cell) => cell.text))).toEqual([
      ['RoBERTa', 'base', '71.8 ± 0.4', '70.2'],
      ['RoBERTa', 'large', '74.0', '73.1'],
      ['XLM-R (with extra data)', 'base', '69.9', '68.0'],
      ['mBERT†', 'base', '65.4', '64.1'],
    ]);
    expect(table!.rows[0]!.cells[2]).toMatchObject({ value: 71.8, plusMinus: 0.4, bold: false });
    expect(table!.rows[1]!.cells[2]).toMatchObject({ value: 74, bold: true });
    expect(
      cellAddress({ ...table!, ordinal: 1, caption: '', charStart: null, charEnd: null, source: 'pdf' }, 2, 3),
    ).toBe('Table 3, row XLM-R (with extra data) > base, column XNLI > F1: 68.0');
  });

  it('tags the extracted text lines that belong to the table or its caption, and leaves prose alone', () => {
    const pageLines = [
      [],
      [],
      [],
      [
        'We compare the models on both tasks and report the results in the table below it.',
        'XNLI',
        'Model Size Acc. F1',
        'base 71.8 ± 0.4 70.2',
        'RoBERTa',
        'large 74.0 73.1',
        'Table 3: Accuracy on XNLI.',
        'The base models trail the large ones.',
      ],
    ];
    const tags = tagTableLines(pageLines, [table!]);
    expect(tags[3]).toEqual([
      null,
      { table: 0, caption: false },
      { table: 0, caption: false },
      { table: 0, caption: false },
      { table: 0, caption: false },
      { table: 0, caption: false },
      { table: 0, caption: true },
      null,
    ]);
  });
});
