/**
 * Where a table sits on a PDF page: from its caption line ("Table 2: …"), the lines above or below it
 * (whichever side looks like a grid) within the caption's column band, up to the first line of prose,
 * the next caption or a wide vertical gap.
 */
import { groupLines, isNumericText, type Line, type PdfTextItem, wordCount } from './pdf-lines.ts';

export const CAPTION_START = /^(?:Table|TABLE)\s+([A-Z]?\d+|[IVXLC]+)\s*[.:]/;
const OTHER_FLOAT = /^(?:Table|TABLE|Figure|Fig\.|FIGURE|Algorithm)\s+[A-Z]?\d+\s*[.:]/;
const HEADING = /^(?:\d+(?:\.\d+)*\.?|[A-Z]\.\d*)\s+\p{Lu}[\p{L}-]+(?:\s+[\p{L}-]+){0,8}$/u;

export interface TableRegion {
  label: string;
  /** The caption's first line as printed. */
  captionLine: string;
  /** Every line of the caption, as printed. */
  captionLines: string[];
  /** The table's lines, top to bottom (caption excluded). */
  lines: Line[];
}

interface Band {
  x0: number;
  x1: number;
}

/** The column band of a caption: left or right column of a two-column page, or the full width. */
function bandOf(caption: { x0: number; x1: number }, page: Band): Band {
  const mid = (page.x0 + page.x1) / 2;
  const slack = (page.x1 - page.x0) * 0.03;
  if (caption.x1 <= mid + slack) return { x0: page.x0, x1: mid };
  if (caption.x0 >= mid - slack) return { x0: mid, x1: page.x1 };
  return page;
}

function isProse(line: Line, band: Band): boolean {
  const wide = line.segments.find((s) => s.x1 - s.x0 >= 0.55 * (band.x1 - band.x0) && wordCount(s.text) >= 7);
  return wide !== undefined && line.segments.length <= 2 && !isNumericText(wide.text);
}

/** The last line of a paragraph: one run of three or more words ending a sentence. */
function endsSentence(line: Line): boolean {
  const only = line.segments.length === 1 ? line.segments[0]!.text : '';
  return wordCount(only) >= 3 && /[\p{L}\d)]\.$/u.test(only) && !isNumericText(only);
}

function isStop(line: Line, band: Band): boolean {
  const first = line.segments[0]?.text ?? '';
  const heading = line.segments.length === 1 && HEADING.test(first);
  return isProse(line, band) || endsSentence(line) || OTHER_FLOAT.test(first) || heading;
}

/** Lines walked from the caption in one direction (+1 down, -1 up) until the table ends. */
function walk(lines: Line[], from: number, step: 1 | -1, band: Band): Line[] {
  const taken: Line[] = [];
  let previous = lines[from]!;
  for (let i = from + step; i >= 0 && i < lines.length; i += step) {
    const line = lines[i]!;
    const gap = Math.abs(previous.y - line.y);
    if (gap > 2.8 * Math.max(previous.size, line.size) || isStop(line, band)) break;
    taken.push(line);
    previous = line;
  }
  return step === 1 ? taken : taken.reverse();
}

/** Caption lines after the first: a wrapped caption continues while its lines run the band's width. */
function captionEnd(lines: Line[], at: number, band: Band): number {
  let end = at;
  const width = band.x1 - band.x0;
  while (end + 1 < lines.length) {
    const line = lines[end]!;
    const next = lines[end + 1]!;
    const wrapped = line.x1 - line.x0 >= 0.8 * width;
    if (!wrapped || next.segments.length !== 1 || line.y - next.y > 1.6 * line.size) break;
    end++;
  }
  return end;
}

/** A grid needs rows of several cells; numbers make it a results table. */
function gridScore(lines: Line[]): number {
  const rows = lines.filter((line) => line.segments.length >= 2);
  if (rows.length < 2) return 0;
  const numbers = lines.flatMap((line) => line.segments).filter((s) => isNumericText(s.text)).length;
  return rows.length + numbers;
}

/**
 * The caption on a line: from a segment opening "Table N:" rightwards while the gaps stay word gaps
 * (justified captions come as one item per word), never across the gutter into the other column.
 */
function captionOf(line: Line): { text: string; x0: number; x1: number } | null {
  for (let i = 0; i < line.segments.length; i++) {
    if (!/^(?:Table|TABLE)\b/.test(line.segments[i]!.text)) continue;
    let end = i;
    while (end + 1 < line.segments.length && line.segments[end + 1]!.x0 - line.segments[end]!.x1 < 1.5 * line.size)
      end++;
    const parts = line.segments.slice(i, end + 1);
    const text = parts.map((s) => s.text).join(' ');
    if (CAPTION_START.test(text)) return { text, x0: parts[0]!.x0, x1: parts.at(-1)!.x1 };
  }
  return null;
}

/** The tables of one page, each as the lines of its band above or below its caption. */
export function findTableRegions(items: readonly PdfTextItem[]): TableRegion[] {
  if (items.length === 0) return [];
  const page: Band = {
    x0: Math.min(...items.map((item) => item.x)),
    x1: Math.max(...items.map((item) => item.x + item.width)),
  };
  const regions: TableRegion[] = [];
  for (const line of groupLines(items)) {
    const caption = captionOf(line);
    if (!caption) continue;
    const band = bandOf(caption, page);
    const inBand = items.filter((item) => {
      const center = item.x + item.width / 2;
      return center >= band.x0 - 1 && center <= band.x1 + 1;
    });
    const lines = groupLines(inBand);
    const at = lines.findIndex(
      (candidate) =>
        Math.abs(candidate.y - line.y) <= 0.4 * line.size && candidate.segments.some((s) => s.x0 === caption.x0),
    );
    if (at < 0) continue;
    const end = captionEnd(lines, at, band);
    const above = walk(lines, at, -1, band);
    const below = walk(lines, end, 1, band);
    const best = gridScore(above) >= gridScore(below) ? above : below;
    if (gridScore(best) === 0) continue;
    const label = CAPTION_START.exec(caption.text)![1]!;
    const captionLines = lines.slice(at, end + 1).map((captionLine) => captionLine.text);
    regions.push({ label: `Table ${label}`, captionLine: caption.text, captionLines, lines: best });
  }
  return regions;
}
