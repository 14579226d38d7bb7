/**
 * Turns the cleaned lines of each page into the document's single full text: hyphenation re-joined,
 * lines of a paragraph joined with single spaces, paragraphs separated by a blank line, and the
 * structure (pages, sections, references, table captions) recorded as char ranges into that text.
 */
import type { PageSpan, SectionSpan } from '../core/types.ts';
import { buildVocabulary, collapseLine, dehyphenateLines } from './normalize-text.ts';
import { stripFootnoteMarkers } from './pdf-footnote-markers.ts';
import { layoutFootnotes } from './pdf-footnotes.ts';
import { detectHeadings, type Heading, referenceEntryStarts } from './pdf-structure.ts';

/** A line printed inside a table read from positions: which table, and whether it is its caption. */
export interface TableLineTag {
  table: number;
  caption: boolean;
}

export interface AssembledText {
  fullText: string;
  pages: PageSpan[];
  sections: SectionSpan[];
  abstract: string | null;
  references: string[];
  tables: { caption: string; start: number; end: number }[];
  /** Char ranges of footnotes: each its own paragraph, its marker removed. */
  footnotes: { start: number; end: number }[];
  /** Char ranges of lines tagged as a table's (see `lineTags`), one per run of consecutive lines. */
  tableRuns: { table: number; start: number; end: number }[];
  hyphenation: { joined: number; kept: number };
}

const SENTENCE_END = /[.!?:]["'”’)\]]*\d{0,2}$/;
const BLOCK_START = /^(?:[•●◦▪‣∙■□–]\s|(?:Figure|Fig\.|Table|Algorithm|Listing)\s+[\dA-Z]{1,3}[.:]\s?)/;
const OPEN_END = /[,;(\-–—]$|\b(?:a|an|the|of|for|and|or|in|on|with|to|from|by|that|is|are)$/i;

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

/** Typical full line length per page (80th percentile), falling back to the document's for short pages. */
function fullLineLengths(lines: string[], pageOf: number[], pageCount: number): number[] {
  const docLength = percentile(
    lines.map((l) => l.length),
    0.8,
  );
  const byPage: number[][] = Array.from({ length: pageCount }, () => []);
  lines.forEach((line, i) => {
    byPage[pageOf[i]! - 1]!.push(line.length);
  });
  return byPage.map((lengths) => (lengths.length >= 8 ? percentile(lengths, 0.8) : docLength));
}

/**
 * `lineTags[page][line]` marks the lines of a table read from positions (the table's index): each
 * becomes its own paragraph, never joined to prose or de-hyphenated across, so the table's text is a
 * separate range of the full text.
 */
export function assembleText(
  pageLines: readonly string[][],
  lineTags: readonly (TableLineTag | null)[][] = [],
): AssembledText {
  const streamLines: string[] = [];
  const streamPageOf: number[] = [];
  const streamTag: (TableLineTag | null)[] = [];
  pageLines.forEach((page, index) => {
    page.forEach((raw, k) => {
      const line = collapseLine(raw);
      if (!line) return;
      streamLines.push(line);
      streamPageOf.push(index + 1);
      streamTag.push(lineTags[index]?.[k] ?? null);
    });
  });
  const fullLength = fullLineLengths(streamLines, streamPageOf, pageLines.length);
  const footnotes = layoutFootnotes(streamLines, streamPageOf, fullLength);
  // Markers out before anything reads words: a line that was only a marker goes, so a word broken
  // across it ("im-" 3 "portant") still meets its other half.
  const unmarked = stripFootnoteMarkers(streamLines, streamPageOf, footnotes, (i) => streamTag[i] !== null);
  const order = footnotes.order.filter((i) => unmarked[i] !== '');
  const lines = order.map((i) => unmarked[i]!);
  const pageOf = order.map((i) => streamPageOf[i]!);
  const tagOf = order.map((i) => streamTag[i] ?? null);
  const footnoteStart = new Set<number>();
  const footnoteEnd = new Set<number>();
  const isNote = new Set<number>();
  order.forEach((original, i) => {
    if (footnotes.starts.has(original)) footnoteStart.add(i);
    if (footnotes.ends.has(original)) footnoteEnd.add(i);
    if (footnotes.notes.has(original)) isNote.add(i);
  });

  const headings = detectHeadings(lines.map((line, i) => (isNote.has(i) ? '' : line)));
  const headingAt = new Map<number, Heading>();
  const inHeading = new Set<number>();
  const headingOf = new Map<number, number>();
  for (const heading of headings) {
    headingAt.set(heading.line, heading);
    if (heading.runIn) continue; // its line is body text: joined and de-hyphenated like prose
    for (let k = 0; k < heading.lineCount; k++) {
      inHeading.add(heading.line + k);
      headingOf.set(heading.line + k, heading.line);
    }
  }

  const entryStart = new Set<number>();
  const referenceRanges: [number, number][] = [];
  headings.forEach((heading, h) => {
    if (heading.kind !== 'references') return;
    const from = heading.line + heading.lineCount;
    const to = headings[h + 1]?.line ?? lines.length;
    referenceRanges.push([from, to]);
    for (const start of referenceEntryStarts(lines.slice(from, to))) entryStart.add(from + start);
  });

  const vocabulary = buildVocabulary(lines);
  const dehyphenated = dehyphenateLines(
    lines,
    vocabulary,
    (i) =>
      headingOf.get(i) === headingOf.get(i + 1) && // a heading wraps onto its own next line only
      !headingAt.has(i + 1) &&
      !entryStart.has(i + 1) &&
      !footnoteStart.has(i + 1) &&
      !footnoteEnd.has(i) &&
      sameBlock(tagOf[i] ?? null, tagOf[i + 1] ?? null),
  );
  const text = dehyphenated.lines.map(collapseLine);

  const breakAfter = (i: number): boolean => {
    const next = i + 1;
    if (next >= text.length) return true;
    if (tagOf[i] || tagOf[next]) return !(tagOf[i]?.caption && sameBlock(tagOf[i] ?? null, tagOf[next] ?? null));
    const heading = headingAt.get(i);
    if (headingAt.has(next) || (inHeading.has(next) && !inHeading.has(i))) return true;
    if (inHeading.has(i) && !inHeading.has(next)) return heading?.inlineBodyAt === undefined;
    if (entryStart.has(next) || BLOCK_START.test(text[next]!)) return true;
    if (footnoteStart.has(next) || footnoteEnd.has(i)) return true;
    const current = lines[i]!; // original length: the layout signal
    const full = fullLength[pageOf[i]! - 1]!;
    if (SENTENCE_END.test(text[i]!) && current.length < full * 0.85) return true;
    return current.length < full * 0.5 && !OPEN_END.test(text[i]!) && /^[\p{Lu}\d]/u.test(text[next]!);
  };

  let fullText = '';
  const lineStart: number[] = new Array(text.length).fill(-1);
  const paragraphs: { first: number; start: number; end: number }[] = [];
  let paragraphFirst = -1;
  let paragraphHasText = false;
  for (let i = 0; i < text.length; i++) {
    const line = text[i]!;
    if (paragraphFirst < 0 && line) {
      if (fullText) fullText += '\n\n';
      paragraphFirst = i;
      paragraphHasText = false;
      paragraphs.push({ first: i, start: fullText.length, end: fullText.length });
    }
    if (line) {
      if (paragraphHasText) fullText += ' ';
      lineStart[i] = fullText.length;
      fullText += line;
      paragraphHasText = true;
      paragraphs[paragraphs.length - 1]!.end = fullText.length;
    } else lineStart[i] = fullText.length;
    if (paragraphFirst >= 0 && breakAfter(i)) paragraphFirst = -1;
  }

  const pages = pageSpans(pageLines.length, pageOf, lineStart, fullText.length);
  const { sections, abstract } = sectionSpans(headings, lineStart, fullText);

  const references: string[] = [];
  for (const [from, to] of referenceRanges) {
    for (const paragraph of paragraphs) {
      if (paragraph.first < from || paragraph.first >= to) continue;
      const entry = fullText.slice(paragraph.start, paragraph.end).trim();
      if (entry.length >= 10) references.push(entry);
    }
  }

  const tableRuns: { table: number; start: number; end: number }[] = [];
  for (const paragraph of paragraphs) {
    const tag = tagOf[paragraph.first]?.table ?? null;
    if (tag === null) continue;
    const last = tableRuns.at(-1);
    const between = last ? fullText.slice(last.end, paragraph.start) : '';
    if (last && last.table === tag && between.trim() === '') last.end = paragraph.end;
    else tableRuns.push({ table: tag, start: paragraph.start, end: paragraph.end });
  }

  const tables = paragraphs
    .filter((p) => /^Table\s+[\dA-Z]{1,3}[.:]/.test(text[p.first] ?? ''))
    .map((p) => ({ caption: fullText.slice(p.start, p.end), start: p.start, end: p.end }));

  const footnoteSpans = paragraphs.filter((p) => isNote.has(p.first)).map((p) => ({ start: p.start, end: p.end }));

  return {
    fullText,
    pages,
    sections,
    abstract,
    references,
    tables,
    footnotes: footnoteSpans,
    tableRuns,
    hyphenation: { joined: dehyphenated.joined, kept: dehyphenated.kept },
  };
}

/** Lines that may run on into one paragraph: both prose, or both lines of one table's caption. */
function sameBlock(a: TableLineTag | null, b: TableLineTag | null): boolean {
  if (a === null || b === null) return a === b;
  return a.caption && b.caption && a.table === b.table;
}

/** Page p runs from its first line's offset to the next page's start; empty pages get an empty span. */
function pageSpans(pageCount: number, pageOf: number[], lineStart: number[], length: number): PageSpan[] {
  const starts: number[] = new Array(pageCount).fill(-1);
  pageOf.forEach((page, i) => {
    if (starts[page - 1] === -1) starts[page - 1] = lineStart[i]!;
  });
  if (pageCount > 0) starts[0] = 0;
  for (let p = pageCount - 1; p >= 0; p--) if (starts[p] === -1) starts[p] = starts[p + 1] ?? length;
  return starts.map((start, p) => ({ page: p + 1, start, end: starts[p + 1] ?? length }));
}

function sectionSpans(
  headings: Heading[],
  lineStart: number[],
  fullText: string,
): { sections: SectionSpan[]; abstract: string | null } {
  const sections: SectionSpan[] = [];
  const stack: string[] = [];
  let abstract: string | null = null;
  headings.forEach((heading, h) => {
    const start = lineStart[heading.line]!;
    const next = headings.slice(h + 1).find((other) => other.level <= heading.level);
    const end = trimEnd(fullText, next ? lineStart[next.line]! : fullText.length, start);
    stack.splice(heading.level - 1, stack.length, heading.label);
    sections.push({ path: stack.slice(0, heading.level), start, end });
    if (heading.kind === 'abstract' && abstract === null) {
      const bodyStart =
        heading.inlineBodyAt !== undefined ? start + heading.inlineBodyAt : start + heading.label.length;
      const body = fullText
        .slice(bodyStart, end)
        .replace(/^[\s:.—–-]+/, '')
        .trim();
      if (body) abstract = body;
    }
  });
  return { sections, abstract };
}

function trimEnd(text: string, end: number, floor: number): number {
  let e = end;
  while (e > floor && /\s/.test(text[e - 1]!)) e--;
  return e;
}
