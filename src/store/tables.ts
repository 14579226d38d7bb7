/**
 * Results tables of a paper's newest document, as data. They are written with their document (same
 * transaction) and go with it: re-ingesting a paper replaces its tables.
 */
import type { ResultTable, TableRow, TableSource } from '../core/tables.ts';
import type { Store } from './db.ts';

export interface TableRowRecord {
  id: number;
  document_id: number;
  paper_id: string;
  ordinal: number;
  label: string;
  caption: string;
  page: number | null;
  char_start: number | null;
  char_end: number | null;
  source: TableSource;
  row_header_columns: number;
  grid_json: string;
}

interface StoredGrid {
  columnHeaders: string[][];
  rows: TableRow[];
}

/** Writes a document's tables; call inside the transaction that writes the document. */
export function insertTables(store: Store, documentId: number, paperId: string, tables: ResultTable[]): void {
  const insert = store.db.prepare(
    `INSERT INTO result_tables (document_id, paper_id, ordinal, label, caption, page, char_start, char_end, source,
       row_header_columns, grid_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const table of tables) {
    const grid: StoredGrid = { columnHeaders: table.columnHeaders, rows: table.rows };
    insert.run(
      documentId,
      paperId,
      table.ordinal,
      table.label,
      table.caption,
      table.page,
      table.charStart,
      table.charEnd,
      table.source,
      table.rowHeaderColumns,
      JSON.stringify(grid),
    );
  }
}

export function toTable(row: TableRowRecord): ResultTable {
  const grid = JSON.parse(row.grid_json) as StoredGrid;
  return {
    id: row.id,
    paperId: row.paper_id,
    documentId: row.document_id,
    ordinal: row.ordinal,
    label: row.label,
    caption: row.caption,
    page: row.page,
    charStart: row.char_start,
    charEnd: row.char_end,
    rowHeaderColumns: row.row_header_columns,
    columnHeaders: grid.columnHeaders,
    rows: grid.rows,
    source: row.source,
  };
}

const NEWEST_DOCUMENT = 'document_id = (SELECT MAX(id) FROM documents WHERE paper_id = ?)';

/** The tables of a paper's newest document, in document order. */
export function listTables(store: Store, paperId: string): ResultTable[] {
  const rows = store.db
    .prepare(`SELECT * FROM result_tables WHERE ${NEWEST_DOCUMENT} ORDER BY ordinal`)
    .all(paperId) as TableRowRecord[];
  return rows.map(toTable);
}

/**
 * One table by its label as the paper prints it ("Table 2", "2", "table 2a") or, failing that, by its
 * 1-based ordinal; undefined when the paper has no such table.
 */
export function getTable(store: Store, paperId: string, ordinalOrLabel: number | string): ResultTable | undefined {
  return pickTable(listTables(store, paperId), ordinalOrLabel);
}

/** `getTable`'s choice among a paper's tables (shared with the Postgres store). */
export function pickTable(tables: ResultTable[], ordinalOrLabel: number | string): ResultTable | undefined {
  const text = String(ordinalOrLabel).trim();
  const named = /^(?:table|tab\.?)\s*(.+)$/i.exec(text);
  const wanted = `table ${(named ? named[1]! : text).toLowerCase()}`;
  const byLabel = tables.find((table) => table.label.toLowerCase() === wanted);
  if (byLabel) return byLabel;
  if (!/^\d+$/.test(text)) return undefined;
  return tables.find((table) => table.ordinal === Number(text));
}
