/**
 * Reading the positioned text of the pages that have a table caption, through pdf.js (pdf-parse keeps
 * its document in a private field, read defensively by the caller). Bold faces are known only once a
 * page's operators are loaded, so that is done only where a table was found.
 */
import {
  BOLD_FONT,
  findPdfTables,
  type PdfJsTextItem,
  type PdfPageItems,
  pageHasTableCaption,
  toPdfTextItems,
} from './pdf-tables.ts';

interface PdfJsPage {
  getTextContent(): Promise<{ items: PdfJsTextItem[] }>;
  getOperatorList?(): Promise<unknown>;
  commonObjs?: { has(id: string): boolean; get(id: string): { name?: string } | null };
}

/** The subset of pdf.js's document API read here. */
export interface PdfJsDocument {
  getPage(pageNumber: number): Promise<PdfJsPage>;
}

/** Positioned text of the pages with a table caption; a page that fails is skipped (its text stays). */
export async function tablePageItems(doc: PdfJsDocument | undefined, pageTexts: string[]): Promise<PdfPageItems[]> {
  if (!doc) return [];
  const pages: PdfPageItems[] = [];
  for (let page = 1; page <= pageTexts.length; page++) {
    if (!pageHasTableCaption(pageTexts[page - 1] ?? '')) continue;
    try {
      const pdfPage = await doc.getPage(page);
      const content = await pdfPage.getTextContent();
      const items = toPdfTextItems(content.items);
      const hasTable = findPdfTables([{ page, items }]).length > 0;
      const bold = hasTable ? await boldFontIds(pdfPage, content.items) : undefined;
      pages.push({ page, items: bold ? toPdfTextItems(content.items, bold) : items });
    } catch {
      // Tables on this page stay text only.
    }
  }
  return pages;
}

/**
 * The page's font ids whose face is bold. pdf.js names fonts only once the page's operators are loaded
 * (a few hundred ms), so this runs only on pages where a table was found: bold marks the best values.
 */
async function boldFontIds(page: PdfJsPage, items: PdfJsTextItem[]): Promise<Set<string> | undefined> {
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
