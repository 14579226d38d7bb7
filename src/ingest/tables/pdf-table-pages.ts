/**
 * The positioned text of a page that has a table caption, for tables as data. The caller extracts each
 * page's text content once and hands it here. Bold faces are known only once a page's operators are
 * loaded, so that is done only where a table was found.
 */
import {
  BOLD_FONT,
  findPdfTables,
  type PdfJsTextItem,
  type PdfPageItems,
  pageHasTableCaption,
  toPdfTextItems,
} from './pdf-tables.ts';

/** The subset of pdf.js's page API read here. */
export interface PdfJsPage {
  getOperatorList?(): Promise<unknown>;
  commonObjs?: { has(id: string): boolean; get(id: string): { name?: string } | null };
}

/**
 * A page's items for table detection when its text has a table caption, else null. A failure while
 * loading fonts leaves the items without bold (the tables' values stay).
 */
export async function tablePageItems(
  pdfPage: PdfJsPage,
  page: number,
  pageText: string,
  contentItems: readonly PdfJsTextItem[],
): Promise<PdfPageItems | null> {
  if (!pageHasTableCaption(pageText)) return null;
  const items = toPdfTextItems(contentItems);
  const hasTable = findPdfTables([{ page, items }]).length > 0;
  const bold = hasTable ? await boldFontIds(pdfPage, contentItems) : undefined;
  return { page, items: bold ? toPdfTextItems(contentItems, bold) : items };
}

/**
 * The page's font ids whose face is bold. pdf.js names fonts only once the page's operators are loaded
 * (a few hundred ms), so this runs only on pages where a table was found: bold marks the best values.
 */
async function boldFontIds(page: PdfJsPage, items: readonly PdfJsTextItem[]): Promise<Set<string> | undefined> {
  if (!page.getOperatorList || !page.commonObjs) return undefined;
  try {
    await page.getOperatorList();
    const bold = new Set<string>();
    for (const id of new Set(items.map((item) => item.fontName ?? ''))) {
      const name = id && page.commonObjs.has(id) ? page.commonObjs.get(id)?.name : undefined;
      if (name && BOLD_FONT.test(name)) bold.add(id);
    }
    return bold;
  } catch {
    return undefined;
  }
}
