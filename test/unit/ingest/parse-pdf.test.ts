import { describe, expect, it } from 'vitest';
import { LitmusError } from '../../../src/core/errors.ts';
import { parsePdf } from '../../../src/ingest/parse-pdf.ts';
import { buildPdf, type FixtureLine } from '../../fixtures/pdf/build-pdf.ts';

const filler = (topic: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => `The ${topic} paragraph continues with line ${i + 1} of plain prose about it`);

function paperPages(): (string | FixtureLine)[][] {
  return [
    [
      { text: 'Careful Parsing of Papers', size: 20 },
      'Ada M\u00a8uller and Bo Li',
      'arXiv:2401.00001v2 [cs.CL] 3 Jan 2024',
      'Abstract',
      'We parse papers carefully and keep the cor-',
      'pus clean for state-of-the-',
      'art retrieval of claims.',
      '1 Introduction',
      ...filler('introduction', 6),
      'Papers in the corpus are messy.',
      '1',
    ],
    [
      'Careful Parsing of Papers',
      '2 Method',
      '2.1 Extraction',
      ...filler('extraction', 5),
      'We found that automatically-',
      'detected spans are detected well.',
      '2.2 Normalisation',
      ...filler('normalisation', 5),
      '2',
    ],
    [
      'Careful Parsing of Papers',
      '3 Results',
      ...filler('results', 4),
      'References',
      '[1] A. Author. A first paper about parsing. In Proc. of Things, 2020.',
      '[2] B. Author and C. Author. Another paper that wraps onto',
      'a second line. Journal of Stuff, 2021.',
      '3',
    ],
  ];
}

async function expectPdfError(promise: Promise<unknown>, code: string, name: string): Promise<LitmusError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(LitmusError.isInstance(error)).toBe(true);
  const litmus = error as LitmusError;
  expect(litmus.code).toBe(code);
  expect(litmus.exitCode).toBe(1);
  expect(litmus.message).toContain(name);
  expect(litmus.toLine()).not.toContain('\n');
  expect(litmus.hint).toBeTruthy();
  return litmus;
}

describe('parsePdf', () => {
  it('returns one full text with contiguous 1-based page spans', async () => {
    const doc = await parsePdf(buildPdf({ pages: paperPages() }), { name: 'paper.pdf' });
    expect(doc.kind).toBe('pdf');
    expect(doc.pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(doc.pages[0]!.start).toBe(0);
    expect(doc.pages[1]!.start).toBe(doc.pages[0]!.end);
    expect(doc.pages[2]!.start).toBe(doc.pages[1]!.end);
    expect(doc.pages[2]!.end).toBe(doc.fullText.length);
    const page2 = doc.fullText.slice(doc.pages[1]!.start, doc.pages[1]!.end);
    expect(page2).toMatch(/^2 Method/);
    expect(page2).toContain('2.2 Normalisation');
    expect(doc.fullText.slice(doc.pages[2]!.start)).toMatch(/^3 Results/);
  });

  it('drops the arXiv stamp, running headers and page numbers, and composes accents', async () => {
    const doc = await parsePdf(buildPdf({ pages: paperPages() }), { name: 'paper.pdf' });
    expect(doc.fullText).not.toContain('arXiv:2401.00001v2');
    expect(doc.fullText.match(/Careful Parsing of Papers/g)).toHaveLength(1); // the title on page 1 only
    expect(doc.fullText).not.toMatch(/(^|\n)[123](\n|$)/);
    expect(doc.fullText).toContain('Ada Müller and Bo Li');
  });

  it('re-joins hyphenated words and keeps compounds; paragraphs are single lines', async () => {
    const doc = await parsePdf(buildPdf({ pages: paperPages() }), { name: 'paper.pdf' });
    expect(doc.fullText).toContain('keep the corpus clean for state-of-the-art retrieval of claims.');
    expect(doc.fullText).toContain('We found that automatically-detected spans are detected well.');
    expect(doc.fullText).not.toMatch(/[ \t]{2,}|\n{3,}/);
    for (const paragraph of doc.fullText.split('\n\n')) expect(paragraph).not.toContain('\n');
  });

  it('finds title, abstract, nested numbered sections and references', async () => {
    const doc = await parsePdf(buildPdf({ pages: paperPages() }), { name: 'paper.pdf' });
    expect(doc.title).toBe('Careful Parsing of Papers');
    expect(doc.abstract).toBe(
      'We parse papers carefully and keep the corpus clean for state-of-the-art retrieval of claims.',
    );
    expect(doc.sections.map((s) => s.path)).toEqual([
      ['Abstract'],
      ['1 Introduction'],
      ['2 Method'],
      ['2 Method', '2.1 Extraction'],
      ['2 Method', '2.2 Normalisation'],
      ['3 Results'],
      ['References'],
    ]);
    for (const section of doc.sections) {
      expect(doc.fullText.slice(section.start)).toMatch(new RegExp(`^${section.path.at(-1)!.replace('.', '\\.')}`));
    }
    const method = doc.sections[2]!;
    expect(doc.fullText.slice(method.start, method.end)).toContain('2.2 Normalisation');
    expect(doc.fullText.slice(method.start, method.end)).not.toContain('3 Results');
    expect(doc.references).toEqual([
      '[1] A. Author. A first paper about parsing. In Proc. of Things, 2020.',
      '[2] B. Author and C. Author. Another paper that wraps onto a second line. Journal of Stuff, 2021.',
    ]);
  });

  it('moves footnotes and captions out of the sentence they interrupt, within the page', async () => {
    const page = [
      ...filler('opening', 8),
      'The last line of this paragraph ends here.',
      '1 Introduction',
      'Citation graphs have had widespread application in retrieval and network analysis, and archives like arXiv,1',
      '1Instructions for access to the data are available at https://example.org/data.',
      '2https://arxiv.org',
      'Figure 1: A caption that the float put in the middle of the text, running over',
      'two lines.',
      'PubMed Central,2 are popular resources for deriving large text corpora for language modeling.',
      ...filler('closing', 8),
    ];
    const doc = await parsePdf(buildPdf({ pages: [page] }), { name: 'notes.pdf' });
    // The markers go: each footnote's own and the body's superscripts ("arXiv,1" and "Central,2").
    expect(doc.fullText).toContain(
      '1 Introduction\n\nInstructions for access to the data are available at https://example.org/data.\n\nhttps://arxiv.org\n\nFigure 1: A caption that the float put in the middle of the text, running over two lines.\n\nCitation graphs have had widespread application in retrieval and network analysis, and archives like arXiv, PubMed Central, are popular',
    );
    const notes = (doc.footnotes ?? []).map((span) => doc.fullText.slice(span.start, span.end));
    expect(notes).toEqual([
      'Instructions for access to the data are available at https://example.org/data.',
      'https://arxiv.org',
    ]);
  });

  it('prefers a real Info title and reads Info authors', async () => {
    const bytes = buildPdf({
      pages: paperPages(),
      title: 'Careful Parsing of Scientific Papers',
      author: 'Ada Müller; Bo Li',
    });
    const doc = await parsePdf(bytes, { name: 'paper.pdf' });
    expect(doc.title).toBe('Careful Parsing of Scientific Papers');
    expect(doc.authors).toEqual([{ name: 'Ada Müller' }, { name: 'Bo Li' }]);
  });

  it('ignores a file-name Info title', async () => {
    const doc = await parsePdf(buildPdf({ pages: paperPages(), title: 'draft-v3.docx' }), { name: 'paper.pdf' });
    expect(doc.title).toBe('Careful Parsing of Papers');
  });

  it('does not detach or change the caller’s bytes', async () => {
    const bytes = buildPdf({ pages: paperPages() });
    const copy = bytes.slice();
    await parsePdf(bytes, { name: 'paper.pdf' });
    expect(bytes.byteLength).toBe(copy.byteLength);
    expect(Buffer.from(bytes).equals(Buffer.from(copy))).toBe(true);
  });

  it('warns about pages without text and keeps them as empty spans', async () => {
    const pages = paperPages();
    pages.splice(1, 0, []);
    const doc = await parsePdf(buildPdf({ pages }), { name: 'gap.pdf' });
    expect(doc.pages).toHaveLength(4);
    expect(doc.pages[1]!.start).toBe(doc.pages[1]!.end);
    expect(doc.warnings.join('\n')).toMatch(/gap\.pdf: 1 page\(s\) without a text layer \(2\)/);
  });

  it('throws E_PDF_NO_TEXT for a PDF with no text at all', async () => {
    const error = await expectPdfError(
      parsePdf(buildPdf({ pages: [[], []] }), { name: 'scan.pdf' }),
      'E_PDF_NO_TEXT',
      'scan.pdf',
    );
    expect(error.hint).toMatch(/OCR/);
  });

  it('throws E_PDF_ENCRYPTED for a PDF that needs a password', async () => {
    const bytes = buildPdf({ pages: paperPages(), encrypted: true });
    const error = await expectPdfError(parsePdf(bytes, { name: 'locked.pdf' }), 'E_PDF_ENCRYPTED', 'locked.pdf');
    expect(error.hint).toMatch(/unencrypted copy/);
  });

  it('throws E_PDF_DAMAGED for bytes that are not a PDF, truncated files and empty files', async () => {
    await expectPdfError(
      parsePdf(new TextEncoder().encode('<html>not a pdf</html>'), { name: 'page.html' }),
      'E_PDF_DAMAGED',
      'page.html',
    );
    const truncated = buildPdf({ pages: paperPages() }).slice(0, 60);
    await expectPdfError(parsePdf(truncated, { name: 'cut.pdf' }), 'E_PDF_DAMAGED', 'cut.pdf');
    await expectPdfError(parsePdf(new Uint8Array(0), { name: 'zero.pdf' }), 'E_PDF_DAMAGED', 'zero.pdf');
  });

  it('gives up with E_PDF_DAMAGED when parsing exceeds its time budget', async () => {
    const pages = Array.from({ length: 300 }, () => filler('long', 40));
    const error = await expectPdfError(
      parsePdf(buildPdf({ pages }), { name: 'slow.pdf', timeoutMs: 1 }),
      'E_PDF_DAMAGED',
      'slow.pdf',
    );
    expect(error.message).toMatch(/timed out/);
  });
});
