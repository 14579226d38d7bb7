/**
 * Results tables rebuilt from PDF text positions. pdf-parse's own `getTable()` only sees tables drawn
 * with ruling lines on every side, and papers set tables with booktabs (horizontal rules at most), so
 * the grid is read from where the text sits instead: caption → region → rows (y) → columns (x gaps).
 */
import type { ResultTable } from '../../core/tables.ts';
import type { TableLineTag } from '../pdf-layout.ts';
import type { TableGrid } from './build-table.ts';
import { buildTable } from './build-table.ts';
import type { PdfPageItems, PdfTextItem } from './pdf-lines.ts';
import { CAPTION_START, findTableRegions } from './pdf-table-region.ts';
import { gridFromLines } from './pdf-table-grid.ts';

export type { PdfPageItems, PdfTextItem };

export interface PdfTable extends TableGrid {
  page: number;
  label: string;
  /** The caption's first line as printed, to find the caption in the full text. */
  captionLine: string;
  /** The caption's lines and the table's lines as printed: what their lines in the full text are made of. */
  captionTexts: string[];
  lineTexts: string[];
}

/** The tables found on the given pages, in page order. */
export function findPdfTables(pages: readonly PdfPageItems[]): PdfTable[] {
  const tables: PdfTable[] = [];
  for (const page of pages) {
    for (const region of findTableRegions(page.items)) {
      const grid = buildTable(gridFromLines(region.lines));
      if (!grid) continue;
      tables.push({
        ...grid,
        page: page.page,
        label: region.label,
        captionLine: region.captionLine,
        captionTexts: region.captionLines,
        lineTexts: region.lines.map((line) => line.text),
      });
    }
  }
  // A prose line can open with "Table 4." too: when a label repeats, the grid with more values is the table.
  const values = (table: PdfTable): number =>
    table.rows.flatMap((row) => row.cells).filter((c) => c.value !== null).length;
  const beats = (other: PdfTable, table: PdfTable, o: number, t: number): boolean =>
    values(other) > values(table) || (values(other) === values(table) && o < t);
  return tables.filter(
    (table, t) => !tables.some((other, o) => o !== t && other.label === table.label && beats(other, table, o, t)),
  );
}

/**
 * Which lines of each page's extracted text belong to which table, by their words: a line is a
 * table's caption or body line when nearly all its words are words printed there.
 */
export function tagTableLines(pageLines: readonly string[][], tables: readonly PdfTable[]): (TableLineTag | null)[][] {
  const tags = pageLines.map((lines) => lines.map((): TableLineTag | null => null));
  tables.forEach((table, index) => {
    const pools = [
      { pool: counts(table.captionTexts.flatMap(tokens)), caption: true },
      { pool: counts(table.lineTexts.flatMap(tokens)), caption: false },
    ];
    const lines = pageLines[table.page - 1] ?? [];
    const pageTags = tags[table.page - 1]!;
    const tag = (k: number, single: boolean): boolean => {
      const words = tokens(lines[k] ?? '');
      if (words.length === 0 || pageTags[k] !== null || (words.length === 1) !== single) return false;
      // A lone word ("data.", "tion.") ends prose lines too: it joins a table only next to one of its lines.
      if (single && pageTags[k - 1]?.table !== index && pageTags[k + 1]?.table !== index) return false;
      for (const { pool, caption } of pools) {
        const matched = words.filter((word) => (pool.get(word) ?? 0) > 0);
        if (matched.length < Math.ceil(words.length * 0.8)) continue;
        for (const word of matched) pool.set(word, (pool.get(word) ?? 1) - 1);
        pageTags[k] = { table: index, caption };
        return true;
      }
      return false;
    };
    for (let k = 0; k < lines.length; k++) tag(k, false);
    for (let changed = true; changed; ) {
      changed = false;
      for (let k = 0; k < lines.length; k++) changed = tag(k, true) || changed;
    }
  });
  return tags;
}

function counts(words: string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const word of words) map.set(word, (map.get(word) ?? 0) + 1);
  return map;
}

function tokens(text: string): string[] {
  return text.split(/\s+/).filter((token) => token !== '');
}

/** Whether a page's extracted text has a table caption line, so its positions are worth reading. */
export function pageHasTableCaption(pageText: string): boolean {
  return pageText.split('\n').some((line) => CAPTION_START.test(line.trim()));
}

export interface PdfJsTextItem {
  str?: string;
  transform?: number[];
  width?: number;
  fontName?: string;
}

/** Bold faces by their PostScript names: Times "-Bold"/"-Medi", Computer Modern "CMBX", "Semibold", "Black". */
export const BOLD_FONT = /bold|-medi|black|heavy|demi|\bCMBX|\+CMBX|SFBX|-BX\b/i;

/**
 * A page's text items with positions (rotated text, e.g. arXiv side stamps, left out). `boldFonts`
 * holds the page's font ids whose face is bold, when the page's fonts were loaded.
 */
export function toPdfTextItems(items: readonly PdfJsTextItem[], boldFonts?: ReadonlySet<string>): PdfTextItem[] {
  const out: PdfTextItem[] = [];
  for (const item of items) {
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform ?? [];
    if (typeof item.str !== 'string' || b !== 0 || c !== 0) continue;
    const bold = boldFonts !== undefined && item.fontName !== undefined && boldFonts.has(item.fontName);
    out.push({ text: item.str, x, y, width: item.width ?? 0, size: Math.abs(d) || Math.abs(a), bold });
  }
  return out;
}

interface Span {
  start: number;
  end: number;
}

/**
 * The found tables as records placed in the full text, and the spans chunking must keep out of prose:
 * every run of a table's lines, and the regex-found caption paragraphs that are real captions ("Table 2:"
 * or part of a found table; "Table 4. On average, …" opening a prose line is not).
 */
export function placePdfTables(
  found: readonly PdfTable[],
  fullText: string,
  runs: readonly (Span & { table: number })[],
  captions: readonly (Span & { caption: string })[],
): { resultTables: ResultTable[]; spans: (Span & { caption: string })[] } {
  const spans: (Span & { caption: string })[] = [];
  const resultTables = found.map((table, index): ResultTable => {
    const own = runs.filter((run) => run.table === index);
    const largest = own.reduce<Span | null>(
      (best, run) => (!best || run.end - run.start > best.end - best.start ? run : best),
      null,
    );
    const captionSpan = captions.find(
      (span) =>
        span.caption.startsWith(`${table.label}`) && own.some((run) => run.start <= span.start && span.start < run.end),
    );
    const caption = captionSpan ? fullText.slice(captionSpan.start, captionSpan.end) : table.captionTexts.join(' ');
    for (const run of own) spans.push({ caption, start: run.start, end: run.end });
    return {
      ordinal: index + 1,
      label: table.label,
      caption,
      page: table.page,
      charStart: largest?.start ?? null,
      charEnd: largest?.end ?? null,
      rowHeaderColumns: table.rowHeaderColumns,
      columnHeaders: table.columnHeaders,
      rows: table.rows,
      source: 'pdf',
    };
  });
  for (const span of captions) {
    const inFound = spans.some((other) => other.start <= span.start && span.start < other.end);
    if (!inFound && /^(?:Table|TABLE)\s+[\dA-Z]{1,3}:/.test(span.caption)) spans.push(span);
  }
  return { resultTables, spans };
}
