/**
 * PDF → ParsedDocument with pdf-parse 2 (pdf.js underneath). pdf.js follows the content stream, so
 * LaTeX two-column papers come out left column then right column; everything else (ligatures,
 * accents, running headers, hyphenation, paragraphs, structure) is done by our own normalisation.
 *
 * Worker setup: in Node, pdf-parse runs pdf.js with its in-process "fake worker", whose module
 * `pdfjs-runtime.ts` loads up front (and then undoes the polyfills that slow the whole thread down), so
 * no `PDFParse.setWorker` call is needed. Text extraction needs no canvas. pdf-parse loads the
 * document and its metadata; the pages are read here, one text extraction per page shared by the
 * text (`pdf-page-text.ts`, the same text as pdf-parse's `getText`), the title and the tables.
 *
 * Timeout: extraction races a timer (default 60 s); on expiry the document is destroyed and
 * E_PDF_DAMAGED is thrown. pdf.js yields to the event loop between pages and parsing steps, so a slow
 * or stalled parse is abandoned; a synchronous loop inside pdf.js itself could only be cut off by
 * running it in a worker thread, which costs start-up time on every batch and is not done here.
 */
import { join } from 'node:path';
import type { PDFParse } from 'pdf-parse';
import { LitmusError } from '../core/errors.ts';
import type { Author, ParsedDocument } from '../core/types.ts';
import { collapseLine, normalizeChars, removeRunningLines } from './normalize-text.ts';
import { assembleText } from './pdf-layout.ts';
import { type PdfTextContentItem, type PdfViewportLike, pageTextOf } from './pdf-page-text.ts';
import { loadPdfParse, pdfjsRoot } from './pdfjs-runtime.ts';
import { isPlausibleTitle, type SizedLine, titleFromFirstLines, titleFromSizedLines } from './pdf-structure.ts';
import { type PdfJsPage, tablePageItems } from './tables/pdf-table-pages.ts';
import { findPdfTables, type PdfPageItems, placePdfTables, tagTableLines } from './tables/pdf-tables.ts';

export interface ParsePdfOptions {
  /** How the input is named in messages (file name or id). */
  name: string;
  /** Wall-clock budget for opening and extracting the PDF; default 60 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const DAMAGED_HINT = 'the file may be truncated or corrupt: re-download it, or repair it (e.g. `qpdf in.pdf out.pdf`)';

/**
 * pdf.js needs its CMap files for CID fonts with predefined encodings (CJK, vertical text) and its
 * standard font data for non-embedded base fonts; pdf-parse does not point it at them. They ship
 * with pdfjs-dist (pdf-parse's dependency); without them such text silently comes out empty.
 */
const pdfjsAssets: { cMapUrl?: string; cMapPacked?: boolean; standardFontDataUrl?: string } = (() => {
  try {
    const root = pdfjsRoot();
    return { cMapUrl: join(root, 'cmaps/'), cMapPacked: true, standardFontDataUrl: join(root, 'standard_fonts/') };
  } catch {
    return {};
  }
})();

interface RawPdf {
  pageTexts: string[];
  info: Record<string, unknown>;
  firstPageLines: SizedLine[];
  failedPages: number[];
  /** Text items with positions of the pages that have a table caption, for tables as data. */
  tablePages: PdfPageItems[];
}

/** The subset of pdf.js's document and page API read here. */
interface PdfJsPageLike extends PdfJsPage {
  getTextContent(options: {
    includeMarkedContent: boolean;
    disableNormalization: boolean;
  }): Promise<{ items: PdfTextContentItem[] }>;
  getViewport(options: { scale: number }): PdfViewportLike;
  cleanup?(): void;
}
interface PdfJsDocumentLike {
  getPage(pageNumber: number): Promise<PdfJsPageLike>;
}

export async function parsePdf(bytes: Uint8Array, options: ParsePdfOptions): Promise<ParsedDocument> {
  const { name } = options;
  if (bytes.length === 0) throw damaged(name, 'the file is empty');
  const raw = await extract(bytes, name, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return buildDocument(raw, name);
}

function buildDocument(raw: RawPdf, name: string): ParsedDocument {
  const warnings: string[] = [];
  const metaTitle = typeof raw.info['Title'] === 'string' ? collapseLine(normalizeChars(raw.info['Title'])) : null;
  const pageLines = raw.pageTexts.map((text) => normalizeChars(text).split('\n'));
  const { pages: cleaned } = removeRunningLines(pageLines, isPlausibleTitle(metaTitle) ? metaTitle : null);
  const found = findPdfTables(raw.tablePages);
  const assembled = assembleText(cleaned, tagTableLines(cleaned, found));
  const placed = placePdfTables(found, assembled.fullText, assembled.tableRuns, assembled.tables);

  if (!/[\p{L}\p{N}]/u.test(assembled.fullText)) {
    throw new LitmusError(
      'E_PDF_NO_TEXT',
      `${name}: no text layer (${raw.pageTexts.length} page${raw.pageTexts.length === 1 ? '' : 's'}, no extractable text)`,
      {
        hint: 'it is scanned or empty: OCR it first (e.g. `ocrmypdf in.pdf out.pdf`) and ingest the result',
        exitCode: 1,
      },
    );
  }
  for (const page of raw.failedPages) warnings.push(`${name}: page ${page} could not be read and is left empty`);
  const emptyPages = assembled.pages.filter((p) => p.start === p.end && !raw.failedPages.includes(p.page));
  if (emptyPages.length > 0) {
    warnings.push(
      `${name}: ${emptyPages.length} page(s) without a text layer (${emptyPages.map((p) => p.page).join(', ')})`,
    );
  }
  const textChars = assembled.fullText.replace(/\s/g, '').length;
  if (textChars < 40 * raw.pageTexts.length) {
    warnings.push(
      `${name}: very little text (${textChars} chars on ${raw.pageTexts.length} page(s)); if it is scanned, OCR it`,
    );
  }

  const title = isPlausibleTitle(metaTitle)
    ? metaTitle
    : (titleFromSizedLines(raw.firstPageLines) ?? titleFromFirstLines(cleaned[0] ?? []));

  return {
    kind: 'pdf',
    title,
    abstract: assembled.abstract,
    authors: authorsFromInfo(raw.info['Author']),
    fullText: assembled.fullText,
    pages: assembled.pages,
    sections: assembled.sections,
    tables: placed.spans,
    resultTables: placed.resultTables,
    footnotes: assembled.footnotes,
    references: assembled.references,
    warnings,
  };
}

function authorsFromInfo(value: unknown): Author[] {
  if (typeof value !== 'string') return [];
  return collapseLine(normalizeChars(value))
    .split(/\s*(?:;|,|\band\b|&)\s*/)
    .filter((part) => /\p{L}{2}/u.test(part) && part.split(' ').length <= 6)
    .map((part) => ({ name: part }));
}

async function extract(bytes: Uint8Array, name: string, timeoutMs: number): Promise<RawPdf> {
  // pdf.js may transfer (detach) the buffer it is given: hand it a copy so the caller's bytes survive.
  // maxImageSize 0: pdf.js decodes no image. litmus reads text and fonts only, and loading a table
  // page's operators (for its bold fonts) otherwise inflated and converted every image on the page:
  // a third of all parse time on the shared PDFs.
  const PDFParse = await loadPdfParse().catch((error: unknown) => {
    throw new LitmusError('E_PARSE_FAILED', `${name}: the PDF parser (pdf-parse) could not be loaded`, {
      hint: 'reinstall the pinned dependencies (`npm ci`)',
      exitCode: 1,
      cause: error,
    });
  });
  const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0, maxImageSize: 0, ...pdfjsAssets });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new LitmusError('E_PDF_DAMAGED', `${name}: PDF parsing timed out after ${formatDuration(timeoutMs)}`, {
            hint: 'the file may be corrupt or unusually large: repair it (e.g. `qpdf in.pdf out.pdf`) or allow more time',
            exitCode: 1,
          }),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([readPdf(parser), timeout]);
  } catch (error) {
    throw toPdfError(error, name);
  } finally {
    clearTimeout(timer);
    await destroyWithin(parser, 2_000);
  }
}

/** Frees pdf.js's document, waiting at most `ms`; the wait's timer never outlives it (nor keeps the process up). */
async function destroyWithin(parser: PDFParse, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      parser.destroy().catch(() => undefined),
      new Promise((resolve) => {
        timer = setTimeout(resolve, ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function readPdf(parser: PDFParse): Promise<RawPdf> {
  const info = await parser.getInfo();
  const total = info.total;
  // pdf-parse keeps its loaded pdf.js document in a private field, set by getInfo.
  const doc = (parser as unknown as { doc?: PdfJsDocumentLike }).doc;
  if (!doc) {
    throw new LitmusError('E_PARSE_FAILED', 'the installed pdf-parse does not expose its pdf.js document', {
      hint: 'reinstall the pinned dependencies (`npm ci`); litmus reads pdf-parse 2.x internals',
    });
  }
  const raw: RawPdf = {
    pageTexts: new Array(total).fill(''),
    info: (info.info ?? {}) as Record<string, unknown>,
    firstPageLines: [],
    failedPages: [],
    tablePages: [],
  };
  let firstError: unknown;
  // One text extraction per page serves the text, the title's font sizes and the tables.
  for (let page = 1; page <= total; page++) {
    let pdfPage: PdfJsPageLike;
    let items: PdfTextContentItem[];
    try {
      pdfPage = await doc.getPage(page);
      items = (await pdfPage.getTextContent({ includeMarkedContent: false, disableNormalization: false })).items;
      raw.pageTexts[page - 1] = pageTextOf(items, pdfPage.getViewport({ scale: 1 }));
    } catch (error) {
      if (isPasswordError(error)) throw error;
      // One bad page (e.g. a broken content stream) should not lose the others.
      firstError ??= error;
      raw.failedPages.push(page);
      continue;
    }
    if (page === 1) raw.firstPageLines = sizedLines(items);
    try {
      const tablePage = await tablePageItems(pdfPage, page, raw.pageTexts[page - 1] ?? '', items);
      if (tablePage) raw.tablePages.push(tablePage);
    } catch {
      // Tables on this page stay text only.
    }
    pdfPage.cleanup?.();
  }
  if (total > 0 && raw.failedPages.length === total) throw firstError;
  return raw;
}

/** Page 1's text items as lines with their font size, for the title. */
function sizedLines(items: readonly PdfTextContentItem[]): SizedLine[] {
  const lines: SizedLine[] = [];
  let current: SizedLine | null = null;
  let lastY: number | null = null;
  for (const item of items) {
    const [a = 0, b = 0, c = 0, d = 0, , y = 0] = item.transform ?? [];
    if (typeof item.str !== 'string' || b !== 0 || c !== 0) continue; // rotated text: side stamps
    const size = Math.abs(d) || Math.abs(a);
    if (!item.str.trim()) {
      if (current) current.text += ' '; // spaces and empty end-of-line markers: no size, no position
      continue;
    }
    if (current && lastY !== null && Math.abs(y - lastY) <= Math.max(current.size, size) * 0.5) {
      current.text += item.str;
      current.size = Math.max(current.size, size);
    } else {
      current = { text: item.str, size };
      lines.push(current);
    }
    lastY = y;
    if (item.hasEOL) current.text += ' ';
  }
  return lines
    .map((line) => ({ text: collapseLine(normalizeChars(line.text)), size: line.size }))
    .filter((line) => line.text);
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function isPasswordError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'PasswordException' || /password/i.test(error.message));
}

function damaged(name: string, reason: string): LitmusError {
  return new LitmusError('E_PDF_DAMAGED', `${name}: damaged PDF, cannot parse (${reason})`, {
    hint: DAMAGED_HINT,
    exitCode: 1,
  });
}

function toPdfError(error: unknown, name: string): LitmusError {
  if (LitmusError.isInstance(error)) return error;
  if (isPasswordError(error)) {
    return new LitmusError(
      'E_PDF_ENCRYPTED',
      `${name}: PDF is password-protected and cannot be opened without its password`,
      {
        hint: 'supply an unencrypted copy (e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`)',
        exitCode: 1,
        cause: error,
      },
    );
  }
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const error_ = damaged(name, collapseLine(reason.replace(/[\r\n]+/g, ' ')).slice(0, 200));
  return new LitmusError(error_.code, error_.message, { hint: error_.hint, exitCode: 1, cause: error });
}
