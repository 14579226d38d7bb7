/**
 * Plain-text parsing, and the full-text builder every non-PDF parser shares: blocks are appended with
 * blank lines between them so that sections and tables are exact char ranges into `fullText`.
 */
import { LitmusError } from '../core/errors.ts';
import { markedLines, splitReferenceEntries } from '../core/reference-entries.ts';
import type { Author, ParsedDocument, SectionSpan } from '../core/types.ts';

export interface ParseOptions {
  name: string;
}

const BLOCK_SEPARATOR = '\n\n';

/** Ligatures U+FB00–FB06 only (ff, fi, fl, ffi, ffl, ſt, st): NFKC on the whole text would also fold math. */
export function expandLigatures(text: string): string {
  return text.replace(/[\uFB00-\uFB06]/g, (ligature) => ligature.normalize('NFKC'));
}

/** One paragraph's text: ligatures expanded, invisible characters dropped, whitespace collapsed. */
export function cleanParagraph(text: string): string {
  return expandLigatures(text)
    .replace(/[\u2061-\u2064\u00AD\u200B\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Several lines kept as lines (tables, code), each cleaned; empty lines dropped. */
export function cleanLines(lines: string[]): string {
  return lines
    .map(cleanParagraph)
    .filter((line) => line !== '')
    .join('\n');
}

export function emptyDocumentError(name: string): LitmusError {
  return new LitmusError('E_EMPTY_DOCUMENT', `${name} is empty: there is no text to ingest`, {
    hint: 'check that the file is the paper itself and not an empty download',
    exitCode: 1,
  });
}

export function assertNotEmpty(text: string, name: string): void {
  if (text.trim() === '') throw emptyDocumentError(name);
}

interface OpenSection {
  path: string[];
  start: number;
  slot: number;
}

/** Appends blocks to the full text and records sections and tables as char ranges into it. */
export class DocumentTextBuilder {
  private text = '';
  private readonly open: OpenSection[] = [];
  private readonly slots: (SectionSpan | null)[] = [];
  readonly tables: { caption: string; start: number; end: number }[] = [];

  get length(): number {
    return this.text.length;
  }

  /** Appends one block (already cleaned); returns its range, or null when it is empty. */
  addBlock(block: string): { start: number; end: number } | null {
    const trimmed = expandLigatures(block).trim();
    if (trimmed === '') return null;
    if (this.text !== '') this.text += BLOCK_SEPARATOR;
    const start = this.text.length;
    this.text += trimmed;
    for (const section of this.open) if (section.start < 0) section.start = start;
    return { start, end: this.text.length };
  }

  addTable(caption: string, block: string): void {
    const range = this.addBlock(block);
    if (range) this.tables.push({ caption: cleanParagraph(caption), ...range });
  }

  currentPath(): string[] {
    return this.open.at(-1)?.path ?? [];
  }

  get depth(): number {
    return this.open.length;
  }

  /** Opens a child of the innermost open section; the next block added is where it starts. */
  openSection(title: string): void {
    const path = [...this.currentPath(), cleanParagraph(title)];
    this.open.push({ path, start: -1, slot: this.slots.length });
    this.slots.push(null);
  }

  closeSection(): void {
    const section = this.open.pop();
    if (section && section.start >= 0 && this.text.length > section.start) {
      this.slots[section.slot] = { path: section.path, start: section.start, end: this.text.length };
    }
  }

  closeSectionsTo(depth: number): void {
    while (this.open.length > depth) this.closeSection();
  }

  finish(): { fullText: string; sections: SectionSpan[]; tables: { caption: string; start: number; end: number }[] } {
    this.closeSectionsTo(0);
    const sections = this.slots.filter((slot): slot is SectionSpan => slot !== null);
    return { fullText: this.text, sections, tables: this.tables };
  }
}

/** Splits a reference-list paragraph into entries (core/reference-entries.ts) when two or more lines carry a marker. */
export function splitReferenceParagraph(paragraph: string): string[] {
  const lines = paragraph.split('\n');
  if (markedLines(lines) < 2) return [cleanParagraph(paragraph)];
  return splitReferenceEntries(lines)
    .map((entry) => cleanParagraph(entry.raw))
    .filter(Boolean);
}

const NUMBERED_HEADING = /^(\d{1,2}(?:\.\d{1,2})*)\.?\s+(\p{Lu}.*)$/u;
const NAMED_HEADING =
  /^(abstract|introduction|background|related work|method|methods|results|discussion|conclusions?|acknowledge?ments?|references|bibliography|appendix)$/i;

/** A line that reads like a heading: "2.1 Data", "References"; returns its level (1 = top). */
export function headingLevel(line: string): number | null {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > 80) return null;
  if (NAMED_HEADING.test(trimmed)) return 1;
  const match = NUMBERED_HEADING.exec(trimmed);
  if (!match) return null;
  const title = match[2] ?? '';
  if (/[.,;:]$/.test(title) || title.split(/\s+/).length > 12) return null;
  return (match[1] ?? '').split('.').length;
}

export function isReferencesHeading(title: string): boolean {
  return /^(\d+(\.\d+)*\.?\s+)?(references|bibliography|works cited)$/i.test(title.trim());
}

export function isAbstractHeading(title: string): boolean {
  return /^(\d+(\.\d+)*\.?\s+)?abstract[.:]?$/i.test(title.trim());
}

/** The text after a section's own heading, up to the section's end. */
export function sectionBody(fullText: string, section: SectionSpan): string {
  const text = fullText.slice(section.start, section.end);
  const heading = section.path.at(-1) ?? '';
  return (text.startsWith(heading) ? text.slice(heading.length) : text).trim();
}

export function abstractFromSections(fullText: string, sections: SectionSpan[]): string | null {
  const section = sections.find((candidate) => isAbstractHeading(candidate.path.at(-1) ?? ''));
  const body = section ? sectionBody(fullText, section) : '';
  return body === '' ? null : body;
}

export function referencesFromSections(fullText: string, sections: SectionSpan[]): string[] {
  const section = sections.find((candidate) => isReferencesHeading(candidate.path.at(-1) ?? ''));
  if (!section) return [];
  return sectionBody(fullText, section)
    .split(/\n{2,}/)
    .flatMap(splitReferenceParagraph)
    .filter((entry) => entry !== '');
}

/** Plain text: paragraphs by blank lines, sections from numbered (or well-known) heading lines. */
export function parseText(text: string, options: ParseOptions): ParsedDocument {
  assertNotEmpty(text, options.name);
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const builder = new DocumentTextBuilder();
  const levels: number[] = [];
  const references: string[] = [];
  let inReferences = false;
  let paragraph: string[] = [];
  const firstIndex = lines.findIndex((line) => line.trim() !== '');
  const firstLine = lines[firstIndex]?.trim() ?? '';
  const title = firstLine.length <= 200 ? cleanParagraph(firstLine) : null;

  const flush = (): void => {
    if (paragraph.length === 0) return;
    const raw = paragraph.join('\n');
    paragraph = [];
    if (inReferences) {
      references.push(...splitReferenceParagraph(raw));
      builder.addBlock(raw.split('\n').map(cleanParagraph).filter(Boolean).join('\n'));
      return;
    }
    builder.addBlock(cleanParagraph(raw));
  };

  lines.forEach((line, index) => {
    if (line.trim() === '') {
      flush();
      return;
    }
    // The title line is never a heading, even when it looks like one.
    const level = index === firstIndex ? null : headingLevel(line);
    if (level === null) {
      paragraph.push(line);
      return;
    }
    flush();
    while (levels.length > 0 && (levels.at(-1) ?? 0) >= level) {
      levels.pop();
      builder.closeSection();
    }
    const heading = cleanParagraph(line);
    builder.openSection(heading);
    levels.push(level);
    builder.addBlock(heading);
    inReferences = isReferencesHeading(heading);
  });
  flush();

  const { fullText, sections, tables } = builder.finish();
  if (fullText === '') throw emptyDocumentError(options.name);
  const authors: Author[] = [];
  return {
    kind: 'text',
    title,
    abstract: abstractFromSections(fullText, sections),
    authors,
    fullText,
    pages: [],
    sections,
    tables,
    references,
    warnings: [],
  };
}
