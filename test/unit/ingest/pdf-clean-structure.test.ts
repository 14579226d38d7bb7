import { describe, expect, it } from 'vitest';
import { chunkPassages } from '../../../src/ingest/chunk-passages.ts';
import { parsePdf } from '../../../src/ingest/parse-pdf.ts';
import { stripFootnoteMarkers } from '../../../src/ingest/pdf-footnote-markers.ts';
import { detectHeadings } from '../../../src/ingest/pdf-structure.ts';
import { buildPdf } from '../../fixtures/pdf/build-pdf.ts';

/**
 * The PDF defects seen in claims of a real report, rebuilt in small PDFs whose content stream has the
 * order pdf.js reads: a column's footnotes drawn between its last line and the next column's first.
 */

const filler = (topic: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `The ${topic} paragraph continues with line ${i + 1} of plain prose about it`);

function reportPages(): string[][] {
  return [
    [
      '1 Introduction',
      ...filler('introduction', 8),
      'We evaluate on the UD treebanks,1 with the subword tokenizer2 of prior work, and we find',
      'that cross-lingual transfer is robust and that the choice of pivot language is im-',
      '1https://universaldependencies.org',
      '2If a word is tokenized into several pieces, only the first piece is labelled.',
      '3UDPOS also does not include the test split of every treebank in the collection.',
      'portant for low-resource languages, as Table 2 and Section 3.2 show for UDPOS.3',
      ...filler('transfer', 6),
    ],
    [
      '2 Method',
      ...filler('method', 8),
      'Averaged over all languages, every model in the comparison',
      '4, no single model wins on every task, and the gaps are small.',
      '4Averages exclude the languages without a test split.',
      ...filler('comparison', 4),
      '3 Experiments',
      '3.1 Setup',
      ...filler('setup', 4),
      'The setup ends here.',
      '3.2 Results. We find large gains on every task and every language we study.',
      ...filler('results', 6),
    ],
  ];
}

describe('clean structure from PDFs', () => {
  it('re-joins a word broken around a footnote and keeps the footnote out of the sentence', async () => {
    const doc = await parsePdf(buildPdf({ pages: reportPages() }), { name: 'report.pdf' });
    expect(doc.fullText).toContain('the choice of pivot language is important for low-resource languages');
    expect(doc.fullText).not.toMatch(/im- |im-3/);
    expect(doc.fullText).toContain('as Table 2 and Section 3.2 show for UDPOS.');
    const notes = (doc.footnotes ?? []).map((span) => doc.fullText.slice(span.start, span.end));
    expect(notes).toEqual([
      'https://universaldependencies.org',
      'If a word is tokenized into several pieces, only the first piece is labelled.',
      'UDPOS also does not include the test split of every treebank in the collection.',
      'Averages exclude the languages without a test split.',
    ]);
  });

  it('removes superscript markers from body text, also one pushed to the next line', async () => {
    const doc = await parsePdf(buildPdf({ pages: reportPages() }), { name: 'report.pdf' });
    expect(doc.fullText).toContain('We evaluate on the UD treebanks, with the subword tokenizer of prior work');
    expect(doc.fullText).toContain('every model in the comparison, no single model wins on every task');
  });

  it('finds a run-in "3.2 Results." heading and cuts footnotes into passages of their own', async () => {
    const doc = await parsePdf(buildPdf({ pages: reportPages() }), { name: 'report.pdf' });
    expect(doc.sections.map((s) => s.path.join(' > '))).toEqual([
      '1 Introduction',
      '2 Method',
      '3 Experiments',
      '3 Experiments > 3.1 Setup',
      '3 Experiments > 3.2 Results',
    ]);
    const passages = await chunkPassages(doc, { targetChars: 400, overlapChars: 50 });
    const texts = passages.map((p) => ({ text: doc.fullText.slice(p.charStart, p.charEnd), section: p.sectionPath }));
    const results = texts.find((p) => p.text.includes('We find large gains'));
    expect(results?.section).toEqual(['3 Experiments', '3.2 Results']);
    for (const note of doc.footnotes ?? []) {
      const holding = passages.filter((p) => p.charStart < note.end && note.start < p.charEnd);
      expect(holding.map((p) => [p.charStart, p.charEnd])).toEqual([[note.start, note.end]]);
    }
    for (const { text } of texts) expect(text).not.toMatch(/^\d{1,2}(?:\p{L}{2}|[,;]\s)/u);
  });
});

describe('stripFootnoteMarkers', () => {
  const marks = { notes: new Set([3]), markers: new Map([[3, '2']]) };
  const page = (lines: string[]) => lines.map(() => 1);

  it('keeps numbers that are no markers: sections, tables, figures, names', () => {
    const lines = [
      'Section 3.2 and Table 2 report it, as does Fig.2 with GPT2 and Llama2 results.',
      'Llama2 is strong; top2 accuracy rises; we use 2 GPUs.',
      'Our corpus,2 built from arXiv,',
      '2Footnote text.',
    ];
    const out = stripFootnoteMarkers(lines, page(lines), marks);
    expect(out[0]).toBe(lines[0]);
    expect(out[1]).toBe(lines[1]);
    expect(out[2]).toBe('Our corpus, built from arXiv,');
    expect(out[3]).toBe('Footnote text.');
  });

  it('keeps a reference broken over two lines ("Figure" + "1). There …") and a label ("Table" + "2, …")', () => {
    const lines = ['as can be seen in Figure', '1). There are 32 maps.', 'as Table', '1, which shows it.', '1Note.'];
    const out = stripFootnoteMarkers(lines, page(lines), { notes: new Set([4]), markers: new Map([[4, '1']]) });
    expect(out.slice(0, 4)).toEqual(lines.slice(0, 4));
  });

  it('leaves markers alone on a page without that footnote, and table rows', () => {
    const lines = ['Our corpus,2 built', '2Footnote text.', 'Our data,2 here'];
    const out = stripFootnoteMarkers(lines, [1, 1, 2], { notes: new Set([1]), markers: new Map([[1, '2']]) });
    expect(out).toEqual(['Our corpus, built', 'Footnote text.', 'Our data,2 here']);
    const fixed = stripFootnoteMarkers(lines, [1, 1, 1], { notes: new Set([1]), markers: new Map([[1, '2']]) }, (i) =>
      [0, 2].includes(i),
    );
    expect(fixed[0]).toBe('Our corpus,2 built');
  });
});

describe('footnote openings', () => {
  it('takes "3UDPOS also …" for a footnote but not a table cell "1BW (800M)"', async () => {
    const doc = await parsePdf(
      buildPdf({
        pages: [
          [
            '1 Introduction',
            ...filler('introduction', 8),
            'We train on the One Billion Word benchmark and tag UDPOS.3',
            '1BW (800M)',
            '3UDPOS also does not include every treebank.',
            ...filler('closing', 4),
          ],
        ],
      }),
      { name: 'cells.pdf' },
    );
    expect(doc.fullText).toContain('1BW (800M)');
    const notes = (doc.footnotes ?? []).map((span) => doc.fullText.slice(span.start, span.end));
    expect(notes).toEqual(['UDPOS also does not include every treebank.']);
  });
});

describe('detectHeadings', () => {
  it('takes run-in headings only where the numbering continues, and x.0.y under a section', () => {
    const headings = detectHeadings([
      '1 INTRODUCTION',
      'We introduce it.',
      '2 RELATED WORK',
      'Others did things.',
      '3 OBSERVATIONS',
      'We observed readers.',
      '3.0.1 Participants & recruiting. We wanted to observe the barriers readers face.',
      'They read papers.',
      '3.0.2 Procedure. In the study, participants were given a scenario.',
      'As described in Section',
      '3.0.3. Beyond this, we also note. It is a reference, not a heading.',
      '4 RESULTS',
      '4.1 Setup',
      '4.1.1 Participants. We recruited people.',
    ]);
    expect(headings.map((h) => [h.label, h.level])).toEqual([
      ['1 INTRODUCTION', 1],
      ['2 RELATED WORK', 1],
      ['3 OBSERVATIONS', 1],
      ['3.0.1 Participants & recruiting', 3],
      ['3.0.2 Procedure', 3],
      ['4 RESULTS', 1],
      ['4.1 Setup', 2],
      ['4.1.1 Participants', 3],
    ]);
  });

  it('takes "3.2 Results" on its own line after a caption ending in ":" and before lower-case text', () => {
    const headings = detectHeadings([
      '1 Introduction',
      'We study it.',
      '2 Method',
      'We did it.',
      '3 Experiments',
      '3.1 Setup',
      'Table 2: Accuracy per language, as follows:',
      '3.2 Results',
      'and the other column runs on here in lower case.',
    ]);
    expect(headings.map((h) => h.label)).toEqual([
      '1 Introduction',
      '2 Method',
      '3 Experiments',
      '3.1 Setup',
      '3.2 Results',
    ]);
  });

  it('joins a Title-Case heading wrapped before its last word, not a figure label after a heading', () => {
    const wrapped = detectHeadings([
      '1 SYSTEM DESIGN',
      'Body text of the section.',
      '1.1 Paper Cards with Personalized',
      'Context',
      'Making sense of inline citations can be challenging because the information',
    ]);
    expect(wrapped.map((h) => h.label)).toEqual(['1 SYSTEM DESIGN', '1.1 Paper Cards with Personalized Context']);
    const figure = detectHeadings([
      '1 Introduction',
      'Text.',
      '2 Proposed Method',
      'Model Example',
      'Deep Network',
      'RNN',
    ]);
    expect(figure.map((h) => h.label)).toEqual(['1 Introduction', '2 Proposed Method']);
  });
});
