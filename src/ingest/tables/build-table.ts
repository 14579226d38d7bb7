/**
 * A raw grid (cells with their spans, from HTML markup, PDF positions or Markdown) → the shared table
 * shape: spans expanded so every column has its own header path, header rows told from data rows,
 * leading row-header columns found, full-width label rows read as groups ("Target: XNLI").
 */
import type { TableCell, TableRow } from '../../core/tables.ts';
import { headerSaysPercent, parseCell } from './parse-cell.ts';

export interface RawCell {
  text: string;
  bold?: boolean;
  /** Marked as a header by the source (`<th>`, a Markdown header row). */
  header?: boolean;
  colspan?: number;
  rowspan?: number;
}

export interface RawRow {
  cells: RawCell[];
  /** The source says this row is a header row (`<thead>`, Markdown's first row). */
  head?: boolean;
}

export interface TableGrid {
  rowHeaderColumns: number;
  columnHeaders: string[][];
  rows: TableRow[];
}

interface Slot {
  text: string;
  bold: boolean;
  header: boolean;
  /** Row and column of the cell this slot is a copy of (itself when not spanned). */
  origin: string;
}

/** Header rows beyond this many (without markup saying so) mean the guess went wrong. */
const MAX_GUESSED_HEADER_ROWS = 6;

function expandSpans(rows: RawRow[]): Slot[][] {
  const grid: Slot[][] = rows.map(() => []);
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row.cells) {
      while (grid[r]![c]) c++;
      const colspan = Math.max(1, Math.min(cell.colspan ?? 1, 100));
      const rowspan = Math.max(1, Math.min(cell.rowspan ?? 1, rows.length - r));
      const slot: Slot = {
        text: cell.text.replace(/\s+/g, ' ').trim(),
        bold: cell.bold ?? false,
        header: (cell.header ?? false) || (row.head ?? false),
        origin: `${r}:${c}`,
      };
      for (let dr = 0; dr < rowspan; dr++) {
        for (let dc = 0; dc < colspan; dc++) grid[r + dr]![c + dc] = slot;
      }
      c += colspan;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row, r) =>
    Array.from({ length: width }, (_, c) => row[c] ?? { text: '', bold: false, header: false, origin: `${r}:${c}` }),
  );
}

/** Drops rows and columns with no text at all (LaTeXML pads tables with empty rule columns). */
function dropEmpty(grid: Slot[][], heads: boolean[]): { grid: Slot[][]; heads: boolean[] } {
  const keepRow = grid.map((row) => row.some((slot) => slot.text !== ''));
  const rows = grid.filter((_, r) => keepRow[r]);
  const width = rows[0]?.length ?? 0;
  const keepColumn = Array.from({ length: width }, (_, c) => rows.some((row) => row[c]!.text !== ''));
  return {
    grid: rows.map((row) => row.filter((_, c) => keepColumn[c])),
    heads: heads.filter((_, r) => keepRow[r]),
  };
}

function isNumeric(slot: Slot): boolean {
  return parseCell(slot.text).value !== null;
}

/** A row holding one label and nothing else: one distinct cell, spanning the row or alone in column 0. */
function labelOnly(row: Slot[]): string | null {
  const filled = row.filter((slot) => slot.text !== '');
  const origins = new Set(filled.map((slot) => slot.origin));
  if (origins.size !== 1 || row.length < 2) return null;
  const spansAll = filled.length === row.length;
  if (!spansAll && row[0]!.text === '') return null;
  if (!spansAll && row.length < 3) return null;
  return isNumeric(filled[0]!) ? null : filled[0]!.text;
}

function countHeaderRows(grid: Slot[][], heads: boolean[]): number {
  const marked = heads.findIndex((head) => !head);
  const markedCount = marked < 0 ? heads.length : marked;
  const isData = (row: Slot[]): boolean => row.slice(1).some(isNumeric);
  const firstData = grid.findIndex((row, r) => r >= markedCount && isData(row));
  if (firstData < 0) return Math.max(markedCount, grid.length > 1 ? 1 : 0);
  let count = firstData;
  if (count > MAX_GUESSED_HEADER_ROWS && count > markedCount) count = Math.max(markedCount, 1);
  // A lone label right above the first data row opens a group ("Target: XNLI"), unless it is the only header.
  while (count > Math.max(markedCount, 1) && labelOnly(grid[count - 1]!) !== null) {
    const above = grid[count - 2];
    if (!above || labelOnly(above) !== null) break;
    count--;
  }
  return count;
}

function countRowHeaderColumns(body: Slot[][], width: number): number {
  if (width < 2) return 0;
  const columnIs = (c: number, test: (slot: Slot) => boolean): number => {
    const filled = body.map((row) => row[c]!).filter((slot) => slot.text !== '');
    return filled.length === 0 ? 0 : filled.filter(test).length / filled.length;
  };
  let marked = 0;
  // LaTeXML marks whole columns as <th> after a "|" rule; a marked column of numbers past the first is data.
  while (
    marked < width - 1 &&
    columnIs(marked, (slot) => slot.header) >= 0.5 &&
    (marked === 0 || columnIs(marked, isNumeric) < 0.5)
  ) {
    marked++;
  }
  const hasNumbers = Array.from({ length: width }, (_, c) => columnIs(c, isNumeric) >= 0.5);
  if (!hasNumbers.some(Boolean)) return Math.max(marked, 1);
  // Text columns before the first column of numbers label the row too ("CHILDES | Mono. | 9,790").
  let labels = marked;
  while (labels < width - 1 && !hasNumbers[labels] && columnIs(labels, isNumeric) <= 0.2) labels++;
  return labels;
}

/** Consecutive repeats (a row-spanned header copied down) and empty levels removed. */
function headerPath(grid: Slot[][], headerRows: number, c: number): string[] {
  const path: string[] = [];
  let lastOrigin = '';
  for (let r = 0; r < headerRows; r++) {
    const slot = grid[r]![c]!;
    if (slot.text === '' || slot.origin === lastOrigin) continue;
    lastOrigin = slot.origin;
    if (path.at(-1) !== slot.text) path.push(slot.text);
  }
  return path;
}

/** Builds the grid; null when it is not a table of values (fewer than two columns or no body row). */
export function buildTable(rows: RawRow[]): TableGrid | null {
  const expanded = expandSpans(rows);
  const { grid, heads } = dropEmpty(
    expanded,
    rows.map((row) => row.head ?? false),
  );
  const width = grid[0]?.length ?? 0;
  if (width < 2 || grid.length < 2) return null;
  const headerRows = countHeaderRows(grid, heads);
  const columnHeaders = Array.from({ length: width }, (_, c) => headerPath(grid, headerRows, c));
  const bodySlots = grid.slice(headerRows);
  const rowHeaderColumns = countRowHeaderColumns(
    bodySlots.filter((row) => labelOnly(row) === null),
    width,
  );
  const tableRows: TableRow[] = [];
  let group: string | null = null;
  for (const row of bodySlots) {
    const label = labelOnly(row);
    if (label !== null && width >= 2 && (row.every((slot) => slot.origin === row[0]!.origin) || width >= 3)) {
      group = label;
      continue;
    }
    const cells: TableCell[] = row.map((slot, c) => {
      const cell = parseCell(slot.text, slot.bold);
      if (c >= rowHeaderColumns && cell.value !== null && cell.unit === null && headerSaysPercent(columnHeaders[c]!)) {
        return { ...cell, unit: '%' };
      }
      return cell;
    });
    tableRows.push(group !== null ? { cells, group } : { cells });
  }
  if (tableRows.length === 0) return null;
  return { rowHeaderColumns, columnHeaders, rows: tableRows };
}
