/**
 * Compares a table read from a PDF with an oracle Markdown table (Docling's ground truth, marker's
 * output): body rows are matched in order, values column by column. A Markdown cell holding one value
 * per printed line ("0.965 0.969") stands for that many rows, as the PDF prints them.
 */
import type { ResultTable } from '../../src/core/tables.ts';
import { parseCell } from '../../src/ingest/tables/parse-cell.ts';

interface OracleCell {
  text: string;
  /** Printed bold in the oracle (`<b>` or `**`). */
  bold: boolean;
}

export interface OracleTable {
  rows: OracleCell[][];
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
  let current: OracleTable | null = null;
  for (const line of markdown.split('\n')) {
    if (!line.trim().startsWith('|')) {
      current = null;
      continue;
    }
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split('|')
      .map((raw) => ({ text: clean(raw), bold: /<b>|\*\*/.test(raw) }));
    if (cells.every((cell) => /^:?-{3,}:?$/.test(cell.text))) continue;
    if (!current) {
      current = { rows: [] };
      tables.push(current);
    }
    current.rows.push(cells);
  }
  return tables;
}

const isValue = (cell: string): boolean => parseCell(cell).value !== null || /^[-–—]$/.test(cell);
const isValueList = (cell: string): boolean => cell.split(' ').every(isValue);

/** Body rows (most cells past the first hold values), with multi-line value cells expanded into rows. */
function bodyRows(table: OracleTable): OracleCell[][] {
  const rows: OracleCell[][] = [];
  for (const row of table.rows) {
    const rest = row.slice(1);
    if (rest.filter((cell) => isValueList(cell.text)).length * 2 < rest.length || rest.length === 0) continue;
    const lines = Math.max(...row.map((cell) => (isValueList(cell.text) ? cell.text.split(' ').length : 1)));
    const stacked = row.map((cell) => cell.text.split(' '));
    for (let k = 0; k < lines; k++) {
      rows.push(
        row.map((cell, c) => (stacked[c]!.length === lines && lines > 1 ? { ...cell, text: stacked[c]![k]! } : cell)),
      );
    }
  }
  return rows;
}

interface Count {
  matched: number;
  total: number;
}

export interface Agreement {
  /** Value cells of the oracle read with the same text in the same row and column. */
  values: Count;
  /** Text cells (row labels, "OTSL"/"HTML") read the same. */
  labels: Count;
  /** Value cells whose bold mark (best value) is read the same, bold or not. */
  bold: Count;
}

export function compareWithOracle(oracle: OracleTable, table: ResultTable): Agreement {
  const expected = bodyRows(oracle);
  const actual = table.rows.filter((row) => row.cells.some((cell) => cell.value !== null));
  const agreement: Agreement = {
    values: { matched: 0, total: 0 },
    labels: { matched: 0, total: 0 },
    bold: { matched: 0, total: 0 },
  };
  expected.forEach((row, r) => {
    row.forEach((cell, c) => {
      if (cell.text === '') return;
      const got = actual[r]?.cells[c] ?? null;
      const value = isValue(cell.text);
      const bucket = value ? agreement.values : agreement.labels;
      bucket.total++;
      if (got !== null && clean(got.text) === cell.text) bucket.matched++;
      if (!value) return;
      agreement.bold.total++;
      if (got !== null && got.bold === cell.bold) agreement.bold.matched++;
    });
  });
  return agreement;
}
