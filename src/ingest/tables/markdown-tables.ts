/**
 * Pipe tables of Markdown (and any parser that writes a table as "a | b | c" rows under its caption):
 * the first row is the header, every later row a body row. Read from the table spans the parser has
 * already placed in the full text, so the Markdown parser itself needs no change.
 */
import type { ResultTable } from '../../core/tables.ts';
import type { ParsedDocument } from '../../core/types.ts';
import { buildTable, type RawRow } from './build-table.ts';
import { labelFromCaption } from './table-label.ts';

function pipeCells(line: string): string[] | null {
  if (!line.includes('|')) return null;
  const cells = line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
  return cells.every((cell) => /^:?-{3,}:?$/.test(cell)) ? null : cells;
}

/** The document's table spans read as tables; spans without pipe rows are skipped. */
export function tablesFromPipeSpans(doc: ParsedDocument): ResultTable[] {
  const tables: ResultTable[] = [];
  for (const span of doc.tables) {
    const lines = doc.fullText.slice(span.start, span.end).split('\n');
    const rows: RawRow[] = [];
    for (const line of lines) {
      const cells = pipeCells(line);
      if (cells) rows.push({ cells: cells.map((text) => ({ text })), head: rows.length === 0 });
    }
    const grid = rows.length >= 2 ? buildTable(rows) : null;
    if (!grid) continue;
    tables.push({
      ordinal: tables.length + 1,
      label: labelFromCaption(span.caption) ?? `Table ${tables.length + 1}`,
      caption: span.caption,
      page: null,
      charStart: span.start,
      charEnd: span.end,
      ...grid,
      source: 'markdown',
    });
  }
  return tables;
}
