/**
 * PDF text items with positions → visual lines → segments. A segment is a run of items on one line
 * with no gap wider than about half an em: a table cell, or a stretch of prose. pdf.js gives baseline
 * coordinates with y growing upwards; lines are returned top to bottom.
 */
import { collapseLine, normalizeChars } from '../normalize-text.ts';

export interface PdfTextItem {
  text: string;
  x: number;
  y: number;
  width: number;
  /** Font size (the text matrix's vertical scale). */
  size: number;
  /** Set in a bold face (known only when the page's fonts were loaded). */
  bold?: boolean;
}

export interface PdfPageItems {
  page: number;
  items: PdfTextItem[];
}

export interface Segment {
  text: string;
  x0: number;
  x1: number;
  /** Every item of the segment is bold. */
  bold: boolean;
}

export interface Line {
  y: number;
  size: number;
  x0: number;
  x1: number;
  segments: Segment[];
  text: string;
}

/** Items on one baseline (± a third of the font size: subscripts and small caps stay on their line). */
export function groupLines(items: readonly PdfTextItem[]): Line[] {
  const visible = items.filter((item) => item.text.trim() !== '' && item.size > 0);
  const sorted = visible.slice().sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfTextItem[][] = [];
  for (const item of sorted) {
    const current = groups.at(-1);
    const anchor = current?.[0];
    if (current && anchor && Math.abs(anchor.y - item.y) <= 0.3 * Math.max(anchor.size, item.size)) current.push(item);
    else groups.push([item]);
  }
  return groups.map(toLine);
}

function toLine(items: PdfTextItem[]): Line {
  const sorted = items.slice().sort((a, b) => a.x - b.x);
  const size = Math.max(...sorted.map((item) => item.size));
  const segments: Segment[] = [];
  let current: { parts: string[]; x0: number; x1: number; bold: boolean } | null = null;
  for (const item of sorted) {
    const gap = current ? item.x - current.x1 : Number.POSITIVE_INFINITY;
    if (current && gap <= 0.55 * size) {
      // Small caps and accents come as touching items ("S" "CI" "BERT"): no space between them.
      current.parts.push(gap < 0.12 * size ? item.text : ` ${item.text}`);
      current.x1 = Math.max(current.x1, item.x + item.width);
      current.bold &&= item.bold === true;
    } else {
      if (current) segments.push(finishSegment(current));
      current = { parts: [item.text], x0: item.x, x1: item.x + item.width, bold: item.bold === true };
    }
  }
  if (current) segments.push(finishSegment(current));
  return {
    y: sorted.reduce((sum, item) => sum + item.y, 0) / sorted.length,
    size,
    x0: Math.min(...segments.map((s) => s.x0)),
    x1: Math.max(...segments.map((s) => s.x1)),
    segments,
    text: segments.map((s) => s.text).join(' '),
  };
}

function finishSegment(run: { parts: string[]; x0: number; x1: number; bold: boolean }): Segment {
  return { text: collapseLine(normalizeChars(run.parts.join(''))), x0: run.x0, x1: run.x1, bold: run.bold };
}

/** A number-like cell ("0.965", "90.41 ± 0.06", "28.9M (35.6%)", "–"): what table rows are made of. */
export function isNumericText(text: string): boolean {
  return /^[-−–+]?[\d.,]+\s*(?:%|[kKMB])?(?:\s*(?:±|\+\/-)\s*[\d.,]+)?(?:\s*\([^)]*\))?[*†‡]?$/.test(text.trim());
}

/** Words in a text (letters or digits runs). */
export function wordCount(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}
