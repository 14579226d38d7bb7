/**
 * Results tables from HTML: LaTeXML floats (`ltx_table` with an `ltx_caption`, arXiv's <figure> and
 * the ACL Anthology's <div>) and plain <table>s. The markup already has the structure: rows, cells,
 * colspan/rowspan, <thead>/<th>, and bold runs (`ltx_font_bold`, <b>, <strong>) marking best values.
 */
import type { ResultTable } from '../../core/tables.ts';
import { childElements, classList, type DomNode, hasAnyClass, tagName } from '../html-dom.ts';
import { buildTable, type RawCell, type RawRow } from './build-table.ts';
import { labelFromCaption } from './table-label.ts';

const BOLD_CLASSES = ['ltx_font_bold', 'ltx_framed_underline', 'ltx_underline'];
const BOLD_TAGS = new Set(['b', 'strong', 'u']);

function isMathTable(node: DomNode): boolean {
  return classList(node).some(
    (name) => name === 'ltx_equation' || name === 'ltx_equationgroup' || name.startsWith('ltx_eqn'),
  );
}

/** Text under `node` outside <math> annotations; enough to tell whether a bold run holds a digit. */
function plainText(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  if (tagName(node) === 'annotation' || tagName(node) === 'annotation-xml') return '';
  return (node.children ?? []).map(plainText).join('');
}

/** Whether the cell's number (or, for a text cell, its text) is set in bold or underlined. */
function isBold(cell: DomNode): boolean {
  const marked = (node: DomNode): boolean =>
    hasAnyClass(node, BOLD_CLASSES) ||
    BOLD_TAGS.has(tagName(node)) ||
    /font-weight:\s*(bold|[6-9]00)/.test(node.attribs?.['style'] ?? '');
  if (marked(cell)) return true;
  const hasDigit = /\d/.test(plainText(cell));
  const visit = (node: DomNode): boolean =>
    childElements(node).some((child) => {
      if (marked(child)) {
        const text = plainText(child);
        return hasDigit ? /\d/.test(text) : text.trim() !== '';
      }
      return visit(child);
    });
  return visit(cell);
}

/** The rows of one <table>, without descending into nested tables (they stay inside their cell). */
function rawRows(table: DomNode, cellText: (cell: DomNode) => string): RawRow[] {
  const rows: RawRow[] = [];
  const visit = (node: DomNode, head: boolean): void => {
    for (const child of childElements(node)) {
      const name = tagName(child);
      if (name === 'table' || name === 'caption') continue;
      if (name !== 'tr') {
        visit(child, head || name === 'thead');
        continue;
      }
      const cells: RawCell[] = childElements(child)
        .filter((cell) => tagName(cell) === 'td' || tagName(cell) === 'th')
        .map((cell) => ({
          text: cellText(cell),
          bold: isBold(cell),
          header: tagName(cell) === 'th',
          colspan: Number(cell.attribs?.['colspan'] ?? 1) || 1,
          rowspan: Number(cell.attribs?.['rowspan'] ?? 1) || 1,
        }));
      rows.push({ cells, head });
    }
  };
  visit(table, false);
  return rows;
}

/** Tables inside `float` that hold values: not equation layouts, not wrappers around another table. */
function leafTables(float: DomNode): DomNode[] {
  const found: DomNode[] = [];
  const visit = (node: DomNode): boolean => {
    let containsTable = false;
    for (const child of childElements(node)) {
      if (tagName(child) === 'table' && !isMathTable(child)) {
        containsTable = true;
        if (!visit(child)) found.push(child);
      } else if (visit(child)) containsTable = true;
    }
    return containsTable;
  };
  if (tagName(float) === 'table') {
    if (!visit(float)) found.push(float);
  } else visit(float);
  return found;
}

export interface HtmlTableRead {
  /** The table's caption as written into the full text ("Table 2: Speed of …"). */
  caption: string;
  /** Char range of the table's block in the full text. */
  range: { start: number; end: number } | null;
  cellText: (cell: DomNode) => string;
}

/**
 * The results tables of one float (usually one; a float with sub-tables gives "Table 2a", "Table 2b").
 * Ordinals are assigned by the caller in document order.
 */
export function readHtmlTables(float: DomNode, read: HtmlTableRead): ResultTable[] {
  const tables = leafTables(float)
    .map((table) => buildTable(rawRows(table, read.cellText)))
    .filter((grid) => grid !== null);
  const label = labelFromCaption(read.caption);
  return tables.map((grid, index) => ({
    ordinal: 0,
    label: label && tables.length > 1 ? `${label}${String.fromCharCode(97 + (index % 26))}` : (label ?? ''),
    caption: read.caption,
    page: null,
    charStart: read.range?.start ?? null,
    charEnd: read.range?.end ?? null,
    ...grid,
    source: 'html' as const,
  }));
}

/** Numbers tables in document order and gives unlabelled ones "Table <ordinal>". */
export function numberTables(tables: ResultTable[]): ResultTable[] {
  return tables.map((table, index) => ({
    ...table,
    ordinal: index + 1,
    label: table.label || `Table ${index + 1}`,
  }));
}
