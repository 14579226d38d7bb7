/**
 * A page's plain text from pdf.js's text content, exactly as pdf-parse's `getText` builds it with its
 * default parameters (line threshold 4.6, a tab before an item 7 units right of the previous one on
 * the same line, a newline where the baseline moves by more than the line's height).
 *
 * Done here rather than by `getText` so that one text-content extraction per page serves every pass:
 * the text, the title's font sizes on page 1 and the tables' positions. Through `getText`, those
 * passes extracted their pages a second time. Unlike pdf-parse, the items are not modified (the
 * tables read them afterwards).
 */

/** The fields of a pdf.js text item read here (marked-content items have no `str`). */
export interface PdfTextContentItem {
  str?: string;
  transform?: number[];
  width?: number;
  height?: number;
  hasEOL?: boolean;
  fontName?: string;
}

export interface PdfViewportLike {
  convertToViewportPoint(x: number, y: number): number[];
}

const LINE_THRESHOLD = 4.6;
const CELL_THRESHOLD = 7;
const CELL_SEPARATOR = '\t';

export function pageTextOf(items: readonly PdfTextContentItem[], viewport: PdfViewportLike): string {
  const parts: string[] = [];
  let lastX: number | undefined;
  let lastY: number | undefined;
  let lineHeight = 0;
  for (const item of items) {
    if (typeof item.str !== 'string') continue;
    const transform = item.transform ?? [];
    const [x = 0, y = 0] = viewport.convertToViewportPoint(transform[4] ?? 0, transform[5] ?? 0);
    let text = item.str;
    if (lastY !== undefined && Math.abs(lastY - y) > LINE_THRESHOLD) {
      const last = parts.length > 0 ? parts[parts.length - 1] : undefined;
      const startsLine = text.startsWith('\n') || (text.trim() === '' && item.hasEOL === true);
      if (last !== undefined && !last.endsWith('\n') && !startsLine && Math.abs(lastY - y) - 1 > lineHeight) {
        parts.push('\n');
        lineHeight = 0;
      }
    }
    if (lastY !== undefined && Math.abs(lastY - y) < LINE_THRESHOLD) {
      if (lastX !== undefined && Math.abs(lastX - x) > CELL_THRESHOLD) text = `${CELL_SEPARATOR}${text}`;
    }
    parts.push(text);
    lastX = x + (item.width ?? 0);
    lastY = y;
    lineHeight = Math.max(lineHeight, item.height ?? 0);
    if (item.hasEOL) parts.push('\n');
    if (item.hasEOL || text.endsWith('\n')) lineHeight = 0;
  }
  return parts.join('');
}
