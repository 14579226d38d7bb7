/**
 * Cuts a parsed document into overlapping passages for search and evidence. A passage is a char range
 * into `fullText`, never re-typed text: the splitter's chunks are located back in the text they came from.
 * Tables are cut out as passages of their own (`kind: 'table'`), so no prose passage carries a table's
 * rows: a number dump is never quoted as a sentence, and the table is read as cells instead.
 */
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import { LitmusError } from '../core/errors.ts';
import { escapeRegExp } from '../core/text.ts';
import type { PageSpan, ParsedDocument, PassageDraft, PassageKind, SectionSpan } from '../core/types.ts';

export type { PassageDraft };

export interface ChunkOptions {
  targetChars?: number;
  overlapChars?: number;
}

/** Paragraphs, then lines (table rows), then sentences, then words, then characters. */
export const PASSAGE_SEPARATORS = ['\n\n', '\n', '. ', '? ', '! ', '; ', ' ', ''];

/**
 * Keeps each separator at the END of the piece before it ("…model. " | "We…"), so passages start at a
 * sentence rather than at ". ". Pieces concatenate back to the input, so every chunk is a substring.
 */
class SentenceEndSplitter extends RecursiveCharacterTextSplitter {
  protected override splitOnSeparator(text: string, separator: string): string[] {
    if (separator === '') return Array.from(text);
    return text.split(new RegExp(`(?<=${escapeRegExp(separator)})`)).filter((piece) => piece !== '');
  }
}

interface Span {
  start: number;
  end: number;
}

/** Every table's char range: the parser's table spans and the ranges of the tables read as data. */
export function tableSpans(doc: ParsedDocument): Span[] {
  const spans: Span[] = doc.tables.map((table) => ({ start: table.start, end: table.end }));
  for (const table of doc.resultTables ?? []) {
    if (table.charStart !== null && table.charEnd !== null) spans.push({ start: table.charStart, end: table.charEnd });
  }
  return spans.filter((span) => span.end > span.start);
}

/**
 * Char ranges between consecutive section, table and footnote boundaries, so no passage straddles two
 * sections, runs from prose into a table, or mixes a footnote with body text; each range says whether
 * it lies inside a table.
 */
function segments(
  fullText: string,
  sections: SectionSpan[],
  tables: Span[],
  footnotes: Span[] = [],
): (Span & { kind: PassageKind })[] {
  const cuts = new Set<number>([0, fullText.length]);
  for (const span of [...sections, ...tables, ...footnotes]) {
    if (span.start > 0 && span.start < fullText.length) cuts.add(span.start);
    if (span.end > 0 && span.end < fullText.length) cuts.add(span.end);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const ranges: (Span & { kind: PassageKind })[] = [];
  for (let index = 0; index + 1 < sorted.length; index++) {
    const start = sorted[index] ?? 0;
    const end = sorted[index + 1] ?? 0;
    if (!/\S/.test(fullText.slice(start, end))) continue;
    const inTable = tables.some((table) => table.start <= start && end <= table.end);
    ranges.push({ start, end, kind: inTable ? 'table' : 'prose' });
  }
  return ranges;
}

/** The innermost (shortest, then deepest) section containing the whole range. */
export function innermostSection(sections: SectionSpan[], start: number, end: number): string[] {
  let best: SectionSpan | null = null;
  for (const section of sections) {
    if (section.start > start || section.end < end) continue;
    const length = section.end - section.start;
    const bestLength = best ? best.end - best.start : Number.POSITIVE_INFINITY;
    if (!best || length < bestLength || (length === bestLength && section.path.length > best.path.length)) {
      best = section;
    }
  }
  return best ? [...best.path] : [];
}

/** The page a char offset falls on; null for documents without pages. */
export function pageAt(pages: PageSpan[], offset: number): number | null {
  let found: PageSpan | null = null;
  for (const page of pages) {
    if (page.start <= offset && offset < page.end) return page.page;
    if (page.start <= offset && (!found || page.start >= found.start)) found = page;
  }
  return found ? found.page : null;
}

export async function chunkPassages(doc: ParsedDocument, options: ChunkOptions = {}): Promise<PassageDraft[]> {
  const targetChars = options.targetChars ?? 1000;
  const overlapChars = options.overlapChars ?? 200;
  if (!(targetChars > 0) || !(overlapChars >= 0) || overlapChars >= targetChars) {
    throw new LitmusError(
      'E_CHUNK_OPTIONS',
      `passage size ${targetChars} with overlap ${overlapChars} is not possible`,
      { hint: 'use a positive passage size and an overlap smaller than it', exitCode: 2 },
    );
  }
  const splitter = new SentenceEndSplitter({
    chunkSize: targetChars,
    chunkOverlap: overlapChars,
    separators: PASSAGE_SEPARATORS,
    keepSeparator: true,
  });
  const passages: PassageDraft[] = [];
  for (const segment of segments(doc.fullText, doc.sections, tableSpans(doc), doc.footnotes)) {
    const text = doc.fullText.slice(segment.start, segment.end);
    let previous = { start: -1, end: 0 };
    for (const chunk of await splitter.splitText(text)) {
      // A chunk starts after the previous one, and at most `overlapChars` before its end: searching from
      // there keeps repeated text (a run of identical rows, say) from matching an earlier copy.
      const from = Math.max(previous.start + 1, previous.end - overlapChars);
      let index = text.indexOf(chunk, from);
      if (index < 0) index = text.indexOf(chunk, previous.start + 1);
      if (index < 0) {
        throw new LitmusError('E_CHUNK_OFFSETS', `a passage could not be located in the document text`, {
          hint: 'this is a bug in passage chunking; please report it with the input file',
        });
      }
      const charStart = segment.start + index;
      const charEnd = charStart + chunk.length;
      previous = { start: index, end: index + chunk.length };
      passages.push({
        ordinal: passages.length,
        charStart,
        charEnd,
        page: pageAt(doc.pages, charStart),
        sectionPath: innermostSection(doc.sections, charStart, charEnd),
        kind: segment.kind,
      });
    }
  }
  return passages;
}
