import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LitmusError } from '../../src/core/errors.ts';
import type { ParsedDocument } from '../../src/core/types.ts';
import { parsePdf } from '../../src/ingest/parse-pdf.ts';
import { sharedData } from '../support/shared-data.ts';

/**
 * Every odd, malformed or hard PDF in ../shared/data/pdfs-odd either parses into a consistent
 * document or fails with a LitmusError whose code says why and whose one-line message names the file.
 */

const dir = sharedData('pdfs-odd');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.pdf'))
  .sort();
const CODES = ['E_PDF_ENCRYPTED', 'E_PDF_NO_TEXT', 'E_PDF_DAMAGED'];

type Outcome = { doc: ParsedDocument } | { error: LitmusError };

async function parseOdd(file: string): Promise<Outcome> {
  try {
    return { doc: await parsePdf(new Uint8Array(readFileSync(join(dir, file))), { name: file }) };
  } catch (error) {
    if (!LitmusError.isInstance(error)) throw error;
    return { error };
  }
}

function pdfinfoPages(file: string): number | null {
  try {
    return Number(
      /^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [join(dir, file)], { encoding: 'utf8', stdio: 'pipe' }))![1],
    );
  } catch {
    return null; // poppler cannot open it either (e.g. needs a password)
  }
}

function expectDoc(outcome: Outcome): ParsedDocument {
  if ('error' in outcome) throw new Error(`expected a document, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.doc;
}

function expectCode(outcome: Outcome, code: string): void {
  expect('error' in outcome ? outcome.error.code : 'parsed').toBe(code);
}

describe('parsePdf on odd PDFs', () => {
  it.each(files)('%s parses or fails with a specific one-line LitmusError', async (file) => {
    const outcome = await parseOdd(file);
    if ('error' in outcome) {
      expect(CODES).toContain(outcome.error.code);
      expect(outcome.error.exitCode).toBe(1);
      expect(outcome.error.message).toContain(file);
      expect(outcome.error.toLine()).not.toMatch(/[\r\n]/);
      return;
    }
    const { doc } = outcome;
    const expectedPages = pdfinfoPages(file);
    if (expectedPages !== null) expect(doc.pages).toHaveLength(expectedPages);
    expect(doc.fullText).toMatch(/[\p{L}\p{N}]/u);
    expect(doc.fullText).not.toMatch(/[\uFB00-\uFB06]/);
    expect(doc.pages[0]!.start).toBe(0);
    expect(doc.pages.at(-1)!.end).toBe(doc.fullText.length);
  });

  it('refuses user-password files as encrypted, with a hint', async () => {
    for (const file of ['pdfjs_issue6010_1.pdf', 'pdfjs_issue6010_2.pdf']) {
      const outcome = await parseOdd(file);
      expectCode(outcome, 'E_PDF_ENCRYPTED');
      if ('error' in outcome) expect(outcome.error.hint).toMatch(/unencrypted copy/);
    }
  });

  it('ingests owner-password-only and empty-user-password files', async () => {
    expect(expectDoc(await parseOdd('pdfjs_bug900822.pdf')).fullText).toContain('Test test test');
    expect(expectDoc(await parseOdd('pdfjs_issue7665.pdf')).fullText).toContain('Issue 7665');
  });

  it('reports files without a text layer as E_PDF_NO_TEXT', async () => {
    expectCode(await parseOdd('pdfjs_empty.pdf'), 'E_PDF_NO_TEXT');
    expectCode(await parseOdd('pdfjs_bitmap-p32-eof.pdf'), 'E_PDF_NO_TEXT');
  });

  it('recovers damaged cross-reference tables', async () => {
    expect(expectDoc(await parseOdd('pdfjs_helloworld-bad.pdf')).fullText).toBe('Hello, world!');
    expect(expectDoc(await parseOdd('pdfjs_xref_command_missing.pdf')).fullText).toBe('Reduced test-case');
  });

  it('expands ligature glyphs, reads Type3 and CJK (CMap) text', async () => {
    expect(expectDoc(await parseOdd('pdfjs_copy_paste_ligatures.pdf')).fullText).toContain(
      'abcdeffffiflffifflststghijklmno',
    );
    expect(expectDoc(await parseOdd('pdfjs_simpletype3font.pdf')).fullText).toContain('ababab');
    const vertical = expectDoc(await parseOdd('pdfjs_vertical.pdf'));
    expect(vertical.fullText).toContain('日本語');
    expect(vertical.pages).toHaveLength(3);
  });

  it('parses the tracemonkey paper with its structure', async () => {
    const doc = expectDoc(await parseOdd('pdfjs_tracemonkey.pdf'));
    expect(doc.pages).toHaveLength(14);
    expect(doc.title).toBe('Trace-based Just-in-Time Type Specialization for Dynamic Languages');
    expect(doc.abstract).toMatch(/^Dynamic languages such as JavaScript/);
    expect(doc.sections.some((s) => s.path[0] === 'References')).toBe(true);
    expect(doc.references.length).toBeGreaterThan(10);
  });
});
