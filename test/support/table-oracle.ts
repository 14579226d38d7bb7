/**
 * Compares a table read from a PDF with an oracle Markdown table (Docling's ground truth, marker's
 * output): body rows are matched in order, values column by column. A Markdown cell holding one value
 * per printed line ("0.965 0.969") stands for that many rows, as the PDF prints them.
 */
import type { ResultTable } from '../../src/core/tables.ts';
import { parseCell } from '../../src/ingest/tables/parse-cell.ts';

export interface OracleTable {
  rows: string[][];
}

const clean = (cell: string): string =>
  cell
    .replace(/<br\s*\/?>/g, ' ')
    .replace(/<\/?b>|\*\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** Pipe tables of a Markdown file, separator rows dropped. */
export function markdownTables(markdown: string): OracleTable[] {
  const tables: OracleTable[] = [];
  let current: string[][] | null = null;
  for (const line of markdown.split('\n')) {
    if (!line.trim().startsWith('|')) {
      current = null;
      continue;
    }
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map(clean);
    if (cells.every((cell) => /^:?-{3,}:?$/.test(cell))) continue;
    if (!current) {
      current = [];
      tables.push({ rows: current });
    }
    current.push(cells);
  }
  return tables;
}

const isValue = (cell: string): boolean => parseCell(cell).value !== null || /^[-–—]$/.test(cell);
const isValueList = (cell: string): boolean => cell.split(' ').every(isValue);

/** Body rows (most cells past the first hold values), with multi-line value cells expanded into rows. */
function bodyRows(table: OracleTable): string[][] {
  const rows: string[][] = [];
  for (const row of table.rows) {
    const rest = row.slice(1);
    if (rest.filter(isValueList).length * 2 < rest.length || rest.length === 0) continue;
    const lines = Math.max(...row.map((cell) => (isValueList(cell) ? cell.split(' ').length : 1)));
    const stacked = row.map((cell) => cell.split(' '));
    for (let k = 0; k < lines; k++) {
      rows.push(row.map((cell, c) => (stacked[c]!.length === lines && lines > 1 ? stacked[c]![k]! : cell)));
    }
  }
  return rows;
}

export interface Agreement {
  /** Value cells of the oracle read with the same text in the same row and column. */
  values: { matched: number; total: number };
  /** Text cells (row labels, "OTSL"/"HTML") read the same. */
  labels: { matched: number; total: number };
}

export function compareWithOracle(oracle: OracleTable, table: ResultTable): Agreement {
  const expected = bodyRows(oracle);
  const actual = table.rows.filter((row) => row.cells.some((cell) => cell.value !== null));
  const agreement: Agreement = { values: { matched: 0, total: 0 }, labels: { matched: 0, total: 0 } };
  expected.forEach((row, r) => {
    row.forEach((cell, c) => {
      const got = actual[r]?.cells[c]?.text ?? null;
      if (cell === '') return;
      const bucket = isValue(cell) ? agreement.values : agreement.labels;
      bucket.total++;
      if (got !== null && clean(got) === cell) bucket.matched++;
    });
  });
  return agreement;
}
