import { LitmusError } from '../core/errors.ts';
import type { DocumentKind, ParsedDocument } from '../core/types.ts';
import type { PassageDraft } from './chunk-passages.ts';
import { decodeText, encodingWarning } from './decode-text.ts';
import { parseText } from './parse-text.ts';
import { tablesFromPipeSpans } from './tables/markdown-tables.ts';

// The parsers and the chunker are imported on first use: their libraries (pdf.js, cheerio,
// langchain, yaml) take seconds to load, and a command that ingests nothing (a warm report) never needs them.

export interface IngestDocumentInput {
  name: string;
  bytes: Uint8Array;
  kind: DocumentKind;
}

export interface IngestedDocument {
  parsed: ParsedDocument;
  passages: PassageDraft[];
}

/** The ingest stage: bytes of one document → its normalised full text, structure and passages. */
export async function ingestDocument(input: IngestDocumentInput): Promise<IngestedDocument> {
  return finishDocument(await parseDocument(input));
}

/**
 * The first half of the ingest stage: bytes → normalised text and structure. This is what the parse
 * pool's workers run; `finishDocument` then runs where the document is written, so that its libraries
 * (langchain's splitter, tinyld: ~0.4 s to load) load once per process rather than once per worker.
 */
export async function parseDocument(input: IngestDocumentInput): Promise<ParsedDocument> {
  const parsed = await parseByKind(input);
  if (parsed.fullText.trim().length === 0) {
    throw new LitmusError('E_EMPTY_DOCUMENT', `${input.name}: no text could be extracted`, {
      hint: 'check the file; scanned PDFs need OCR first (e.g. ocrmypdf)',
    });
  }
  return parsed;
}

/** Starts loading `finishDocument`'s libraries, e.g. while the pool's workers parse the first files. */
export function preloadFinishing(): void {
  void import('./chunk-passages.ts').catch(() => undefined);
  void import('./detect-language.ts').catch(() => undefined);
}

/** The second half of the ingest stage: a parsed document's language and passages. */
export async function finishDocument(parsed: ParsedDocument): Promise<IngestedDocument> {
  const { chunkPassages } = await import('./chunk-passages.ts');
  const { detectLanguage } = await import('./detect-language.ts');
  const language = detectLanguage({ title: parsed.title, abstract: parsed.abstract, fullText: parsed.fullText }).language;
  return { parsed: { ...parsed, language }, passages: await chunkPassages(parsed) };
}

async function parseByKind(input: IngestDocumentInput): Promise<ParsedDocument> {
  if (input.kind === 'pdf') return (await import('./parse-pdf.ts')).parsePdf(input.bytes, { name: input.name });
  const decoded = decodeText(input.bytes, { name: input.name, html: input.kind === 'html' });
  const text = decoded.text.replace(/^\uFEFF/, '');
  let parsed: ParsedDocument;
  if (input.kind === 'html') parsed = (await import('./parse-html.ts')).parseHtml(text, { name: input.name });
  else if (input.kind === 'markdown') {
    const doc = (await import('./parse-markdown.ts')).parseMarkdown(text, { name: input.name });
    parsed = doc.resultTables ? doc : { ...doc, resultTables: tablesFromPipeSpans(doc) };
  } else parsed = parseText(text, { name: input.name });
  const warning = encodingWarning(decoded, input.name);
  return warning ? { ...parsed, warnings: [warning, ...parsed.warnings] } : parsed;
}

const extensionKinds: Record<string, DocumentKind> = {
  pdf: 'pdf',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
  txt: 'text',
  text: 'text',
};

/** Kind from the file's first bytes, then its extension; null when litmus cannot read it. */
export function detectKind(name: string, head: Uint8Array): DocumentKind | null {
  const start = new TextDecoder('latin1').decode(head.subarray(0, 1024));
  // The magic at offset 0 only: a Markdown file that mentions %PDF- early on is still Markdown.
  if (start.startsWith('%PDF-')) return 'pdf';
  const extension = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  const byExtension = extensionKinds[extension];
  if (byExtension) return byExtension;
  if (/^\s*(<!doctype html|<html|<\?xml)/i.test(start)) return 'html';
  return null;
}

export const supportedExtensions = Object.keys(extensionKinds);
export type { PassageDraft };
