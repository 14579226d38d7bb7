/**
 * A results table for a terminal: its label and caption, the header path of every column, then the
 * grid with columns padded to a common width (header levels stacked, group labels on their own line).
 */
import type { ResultTable } from '../core/tables.ts';

/** One line per table for listings: "Table 2  5×3  p. 4  Speed of the neural network …". */
export function tableSummary(table: ResultTable): string {
  const size = `${table.rows.length}×${table.columnHeaders.length}`;
  const page = table.page !== null ? `  p. ${table.page}` : '';
  const caption = table.caption.replace(/^\s*(?:Table|TABLE|Tab\.)\s*[\w.]+\s*[:.]?\s*/, '');
  return `${table.label}  ${size}${page}  ${caption.length > 90 ? `${caption.slice(0, 89)}…` : caption}`;
}

function pad(text: string, width: number, right: boolean): string {
  const length = [...text].length;
  return right ? ' '.repeat(Math.max(0, width - length)) + text : text + ' '.repeat(Math.max(0, width - length));
}

/** The whole table as aligned text; numbers right-aligned, best values marked with a trailing "*". */
export function renderResultTable(table: ResultTable): string {
  const width = table.columnHeaders.length;
  const depth = Math.max(1, ...table.columnHeaders.map((path) => path.length));
  // Header levels aligned at the bottom, so the innermost header sits right above its values.
  const headerLines = Array.from({ length: depth }, (_, level) =>
    table.columnHeaders.map((path) => path[level - (depth - path.length)] ?? ''),
  );
  const body = table.rows.map((row) =>
    row.cells.map((cell) => (cell.bold && cell.value !== null ? `${cell.text}*` : cell.text)),
  );
  const widths = Array.from({ length: width }, (_, c) =>
    Math.max(1, ...[...headerLines, ...body].map((line) => [...(line[c] ?? '')].length)),
  );
  const numeric = Array.from(
    { length: width },
    (_, c) => c >= table.rowHeaderColumns && table.rows.some((row) => row.cells[c]?.value !== null),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, c) => pad(cell, widths[c] ?? 1, numeric[c] ?? false))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out: string[] = [`${table.label}${table.page !== null ? ` (p. ${table.page})` : ''}`];
  if (table.caption) out.push(table.caption);
  out.push('', 'columns:');
  table.columnHeaders.forEach((path, c) => {
    out.push(`  ${c + 1}. ${path.join(' > ') || '(no header)'}${c < table.rowHeaderColumns ? '  [row header]' : ''}`);
  });
  out.push('', ...headerLines.map(line), rule);
  let group: string | null = null;
  table.rows.forEach((row, r) => {
    if ((row.group ?? null) !== group) {
      group = row.group ?? null;
      if (group) out.push(`[${group}]`);
    }
    out.push(line(body[r] ?? []));
  });
  if (table.rows.some((row) => row.cells.some((cell) => cell.bold && cell.value !== null))) {
    out.push('', '* marked best (bold) in the paper');
  }
  return out.join('\n');
}
