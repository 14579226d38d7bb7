/**
 * Results tables as data. A table is a grid read from LaTeXML HTML (`<table>` / `ltx_tabular`) or
 * rebuilt from PDF text positions: header rows (possibly several, with spans expanded so every
 * column has its own header path), body rows whose leading cells are row headers, and cells with
 * their parsed value. Numeric claims are compared against cells, never against flattened text.
 */

export type TableSource = 'html' | 'pdf' | 'markdown' | 'text';

export interface TableCell {
  /** The cell as printed, whitespace folded ("71.8 ± 0.4", "**83.2**", "–"). */
  text: string;
  /** The cell's main number, when it has one (71.8 for "71.8 ± 0.4"; 0.823 stays 0.823). */
  value: number | null;
  /** "%" when the cell (or its column header) says percent; otherwise null. */
  unit: string | null;
  /** The ± spread when printed. */
  plusMinus: number | null;
  /** Marked best (bold, underline, asterisk or dagger used as "best"). */
  bold: boolean;
}

export interface TableRow {
  /** Every cell of the row, row-header cells first; `cells.length` equals the table's column count. */
  cells: TableCell[];
  /** A group label above this row ("Target: XNLI", "Intermediate tasks") when the table has one. */
  group?: string | null;
}

export interface ResultTable {
  /** Store id (absent before the table is stored). */
  id?: number;
  paperId?: string;
  documentId?: number;
  /** 1-based order of the table in its document. */
  ordinal: number;
  /** "Table 2" as the paper labels it, or "Table <ordinal>" when it has no label. */
  label: string;
  caption: string;
  page: number | null;
  /** The table's char range (caption included) in the document's full text, when it is there. */
  charStart: number | null;
  charEnd: number | null;
  /** How many leading columns are row headers (usually 1). */
  rowHeaderColumns: number;
  /** Header path per column, outermost first: columnHeaders[c] = ["XNLI", "Acc."]. */
  columnHeaders: string[][];
  rows: TableRow[];
  source: TableSource;
}

/** The row header of row `r`: its row-header cells' text, with its group label first when it has one. */
export function rowHeader(table: ResultTable, r: number): string[] {
  const row = table.rows[r];
  if (!row) return [];
  const own = row.cells
    .slice(0, table.rowHeaderColumns)
    .map((cell) => cell.text)
    .filter((text) => text !== '');
  return row.group ? [row.group, ...own] : own;
}

/** "Table 2, row RoBERTa > SQuAD, column XNLI > Acc.: 71.8" — how a reader finds a cell. */
export function cellAddress(table: ResultTable, r: number, c: number): string {
  const row = rowHeader(table, r).join(' > ') || `${r + 1}`;
  const column = (table.columnHeaders[c] ?? []).filter((h) => h !== '').join(' > ') || `${c + 1}`;
  const cell = table.rows[r]?.cells[c];
  return `${table.label}, row ${row}, column ${column}: ${cell?.text ?? ''}`;
}

/**
 * Where cell (r, c) is printed in the full text: the char range of its text on the line of its row
 * inside the table's range, so a cell can be quoted verbatim. Null when the table has no range or the
 * cell's text is not found there (PDF lines split differently, an empty cell).
 */
export function locateCell(
  fullText: string,
  table: ResultTable,
  r: number,
  c: number,
): { start: number; end: number } | null {
  const cell = table.rows[r]?.cells[c];
  if (!cell || cell.text === '' || table.charStart === null || table.charEnd === null) return null;
  const block = fullText.slice(table.charStart, table.charEnd);
  const label = table.rows[r]!.cells.slice(0, table.rowHeaderColumns)
    .map((h) => h.text)
    .filter((t) => t !== '')
    .at(-1);
  const others = table.rows[r]!.cells.filter((other, k) => k !== c && other.value !== null).map((other) => other.text);
  let lineStart = 0;
  let fallback: number | null = null;
  for (const line of block.split('\n')) {
    const at = line.indexOf(cell.text);
    if (at >= 0) {
      const score = (label && line.includes(label) ? 2 : 0) + others.filter((text) => line.includes(text)).length;
      if (score >= 2 || (score > 0 && others.length < 2)) {
        return { start: table.charStart + lineStart + at, end: table.charStart + lineStart + at + cell.text.length };
      }
      fallback ??= lineStart + at;
    }
    lineStart += line.length + 1;
  }
  return fallback === null
    ? null
    : { start: table.charStart + fallback, end: table.charStart + fallback + cell.text.length };
}
