import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pageTextOf } from '../../../src/ingest/pdf-page-text.ts';
import { loadPdfParse } from '../../../src/ingest/pdfjs-runtime.ts';
import { sharedData } from '../../support/shared-data.ts';

// Captured before pdf.js loads: core-js in pdf.js's legacy build replaces these on Node 20.
const nativePush = Array.prototype.push;
const nativeJsonParse = JSON.parse;

interface PageLike {
  getTextContent(options: object): Promise<{ items: Parameters<typeof pageTextOf>[0] }>;
  getViewport(options: { scale: number }): Parameters<typeof pageTextOf>[1];
}

/** Each page's text by pdf-parse's own getText and by pageTextOf over one text extraction. */
async function bothTexts(path: string): Promise<{ pdfParse: string[]; ours: string[] }> {
  const PDFParse = await loadPdfParse();
  const bytes = new Uint8Array(readFileSync(path));
  const reference = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
  const pdfParse = (await reference.getText({ pageJoiner: '' })).pages.map((page) => page.text);
  await reference.destroy();
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
  await parser.getInfo();
  const doc = (parser as unknown as { doc: { numPages: number; getPage(n: number): Promise<PageLike> } }).doc;
  const ours: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent({ includeMarkedContent: false, disableNormalization: false });
    ours.push(pageTextOf(content.items, page.getViewport({ scale: 1 })));
  }
  await parser.destroy();
  return { pdfParse, ours };
}

describe('pdf.js runtime', () => {
  it('puts back the native Array.prototype.push and JSON.parse that core-js replaced, keeping its additions', async () => {
    await loadPdfParse();
    expect(Array.prototype.push).toBe(nativePush);
    expect(JSON.parse).toBe(nativeJsonParse);
    expect(typeof (Promise as unknown as { withResolvers?: unknown }).withResolvers).toBe('function');
  });
});

describe('pageTextOf', () => {
  it.each([
    ['pdfs', '2304.02623v1.pdf'], // two columns, a table
    ['pdfs', '1804.07821v1.pdf'],
    ['pdfs-odd', 'pdfjs_rotated.pdf'],
    ['pdfs-odd', 'pdfjs_copy_paste_ligatures.pdf'],
  ])('gives the same text as pdf-parse getText, page by page, on %s/%s', async (dir, file) => {
    const { pdfParse, ours } = await bothTexts(sharedData(dir, file));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.join('').trim().length).toBeGreaterThan(20);
    expect(ours).toEqual(pdfParse);
  });

  it('starts a new line where the baseline moves and marks a gap on one line with a tab', () => {
    const viewport = { convertToViewportPoint: (x: number, y: number) => [x, 800 - y] };
    const item = (str: string, x: number, y: number, width = 20) => ({
      str,
      transform: [10, 0, 0, 10, x, y],
      width,
      height: 10,
      hasEOL: false,
    });
    const text = pageTextOf([item('Model', 0, 700), item('Score', 100, 700), item('Next', 0, 680)], viewport);
    expect(text).toBe('Model\tScore\nNext');
  });
});
