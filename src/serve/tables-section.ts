import type { ResultTable } from '../core/tables.ts';
import { escapeHtml as esc } from '../report/escape.ts';
import type { Store } from '../store/store.ts';
import { passageHref } from './pages/layout.ts';

/** The paper's stored results tables as HTML, or null when none were read from it. */
export async function tablesSection(store: Store, paperId: string): Promise<string | null> {
  const tables = await store.tables.list(paperId);
  return tables.length > 0 ? renderTables(tables) : null;
}

/** Stored results tables as HTML: caption, header rows from the column header paths, every cell escaped. */
export function renderTables(tables: ResultTable[]): string {
  return tables.map(renderTable).join('\n');
}

function renderTable(table: ResultTable): string {
  const depth = Math.max(0, ...table.columnHeaders.map((path) => path.length));
  const headerRows = Array.from(
    { length: depth },
    (_, level) =>
      `<tr>${table.columnHeaders.map((path) => `<th scope="col">${esc(path[level] ?? '')}</th>`).join('')}</tr>`,
  ).join('');
  let group: string | null = null;
  const body = table.rows
    .map((row) => {
      const groupRow =
        row.group && row.group !== group
          ? `<tr><th scope="rowgroup" colspan="${Math.max(1, row.cells.length)}">${esc(row.group)}</th></tr>`
          : '';
      group = row.group ?? group;
      const cells = row.cells
        .map((cell, c) => {
          const content = cell.bold ? `<strong>${esc(cell.text)}</strong>` : esc(cell.text);
          return c < table.rowHeaderColumns ? `<th scope="row">${content}</th>` : `<td class="num">${content}</td>`;
        })
        .join('');
      return `${groupRow}<tr>${cells}</tr>`;
    })
    .join('');
  const where =
    table.paperId && table.charStart !== null
      ? ` <a class="detail" href="${passageHref(table.paperId, { start: table.charStart, end: table.charEnd ?? table.charStart })}">in the text</a>`
      : '';
  return `<table class="result-table"><caption><strong>${esc(table.label)}</strong>${table.caption ? ` ${esc(table.caption)}` : ''}${table.page !== null ? ` <span class="detail">(p. ${table.page})</span>` : ''}${where}</caption>
<thead>${headerRows}</thead><tbody>${body}</tbody></table>`;
}
