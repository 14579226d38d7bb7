/**
 * HTML papers: LaTeXML output as arXiv (article.ltx_document) and the ACL Anthology / ar5iv
 * (div.ltx_page_main > div.ltx_document) serve it, with a readable fallback for any other HTML.
 */
import { load } from 'cheerio';
import { LitmusError } from '../core/errors.ts';
import type { ParsedDocument } from '../core/types.ts';
import { latexmlAuthors } from './html-authors.ts';
import {
  childElements,
  type DomNode,
  decodeHtmlEntities,
  expandSelfClosingTags,
  findAll,
  findFirst,
  hasClass,
  markupNestingDepth,
  tagName,
} from './html-dom.ts';
import { HtmlBlockWalker } from './html-walker.ts';
import { numberTables } from './tables/html-tables.ts';
import {
  abstractFromSections,
  assertNotEmpty,
  cleanParagraph,
  DocumentTextBuilder,
  type ParseOptions,
  referencesFromSections,
} from './parse-text.ts';

function conversionFailed(name: string, detail: string): LitmusError {
  return new LitmusError('E_HTML_CONVERSION_FAILED', `${name}: the LaTeXML conversion to HTML failed (${detail})`, {
    hint: 'ingest the PDF of this paper instead; its HTML rendering has no usable text',
    exitCode: 1,
  });
}

function noContent(name: string): LitmusError {
  return new LitmusError('E_HTML_NO_CONTENT', `${name}: the HTML page contains no readable text`, {
    hint: 'check that the file is the paper page itself, not a redirect, login or error page',
    exitCode: 1,
  });
}

function parseLatexml(root: DomNode, pageTitle: string, options: ParseOptions): ParsedDocument {
  const builder = new DocumentTextBuilder();
  const walker = new HtmlBlockWalker(builder, true);
  const metadataWalker = new HtmlBlockWalker(new DocumentTextBuilder(), true);
  const titleNode = findFirst(root, (node) => hasClass(node, 'ltx_title_document'));
  const documentTitle = titleNode ? cleanParagraph(metadataWalker.inline(titleNode)) : '';
  const authors = latexmlAuthors(root, (node) => metadataWalker.inline(node));
  if (documentTitle !== '') builder.addBlock(documentTitle);
  walker.walk(root);
  walker.flush();
  const { fullText, sections, tables } = builder.finish();

  const errors = findAll(root, (node) => hasClass(node, 'ltx_ERROR')).length;
  if (documentTitle === '' && sections.length === 0 && errors > 0) {
    throw conversionFailed(
      options.name,
      `no title or sections, only ${errors} LaTeXML error mark${errors > 1 ? 's' : ''}`,
    );
  }
  if (fullText === '') throw errors > 0 ? conversionFailed(options.name, 'no text') : noContent(options.name);
  return {
    kind: 'html',
    title: documentTitle || pageTitle || null,
    abstract: abstractFromSections(fullText, sections),
    authors,
    fullText,
    pages: [],
    sections,
    tables,
    resultTables: numberTables(walker.resultTables),
    references: walker.references,
    warnings: walker.warnings,
  };
}

function parseGeneric(root: DomNode, pageTitle: string, options: ParseOptions): ParsedDocument {
  const builder = new DocumentTextBuilder();
  const walker = new HtmlBlockWalker(builder, false);
  const h1 = findFirst(root, (node) => tagName(node) === 'h1');
  const title = h1 ? cleanParagraph(walker.headingText(h1)) : pageTitle;
  if (!h1 && pageTitle !== '') {
    builder.addBlock(pageTitle);
    walker.markTitleSeen();
  }
  walker.walk(root);
  walker.flush();
  const { fullText, sections, tables } = builder.finish();
  if (fullText === '') throw noContent(options.name);
  return {
    kind: 'html',
    title: title || null,
    abstract: abstractFromSections(fullText, sections),
    authors: [],
    fullText,
    pages: [],
    sections,
    tables,
    resultTables: numberTables(walker.resultTables),
    references: referencesFromSections(fullText, sections),
    warnings: ['not LaTeXML output: text was extracted from generic HTML headings and paragraphs'],
  };
}

const entityCache = new Map<string, string>();

function decodeEntity(entity: string): string {
  let decoded = entityCache.get(entity);
  if (decoded === undefined) {
    decoded = load(entity).text();
    entityCache.set(entity, decoded);
  }
  return decoded;
}

/** Far deeper than any real paper (LaTeXML pages nest a few dozen levels), far below what hangs. */
export const MAX_HTML_DEPTH = 1000;

function tooDeep(name: string): LitmusError {
  return new LitmusError('E_HTML_TOO_DEEP', `${name}: HTML elements nest more than ${MAX_HTML_DEPTH} levels deep`, {
    hint: 'this is no paper page litmus can read; ingest the PDF instead',
    exitCode: 1,
  });
}

/** Parses one HTML page into full text with sections, tables and references as ranges into it. */
export function parseHtml(html: string, options: ParseOptions): ParsedDocument {
  assertNotEmpty(html, options.name);
  if (markupNestingDepth(html, MAX_HTML_DEPTH) > MAX_HTML_DEPTH) throw tooDeep(options.name);
  // XHTML (LaTeXML 0.8 as the ACL Anthology serves it) is read as XML: an HTML parser re-nests its
  // <li> inside <p> and can move whole sections out of the document.
  const xhtml = /^\s*<\?xml\b/.test(html);
  const $ = xhtml ? load(decodeHtmlEntities(html, decodeEntity), { xml: true }) : load(expandSelfClosingTags(html));
  const document: DomNode = $.root().get(0) as DomNode;
  const pageTitle = cleanParagraph($('head > title').first().text());
  const latexmlRoot = $('.ltx_document').get(0) as DomNode | undefined;
  if (latexmlRoot) return parseLatexml(latexmlRoot, pageTitle, options);
  const generatedByLatexml =
    /Generated\s+(on\s.*?)?by\s+LaTeXML/i.test(html) || $('.ltx_page_main, .ltx_page_content').length > 0;
  if (generatedByLatexml) throw conversionFailed(options.name, 'the page has no LaTeXML document body');
  const body = ['main', 'article', 'body'].map((name) => $(name).get(0) as DomNode | undefined).find(Boolean);
  const root = body ?? document;
  if (childElements(root).length === 0 && cleanParagraph($.root().text()) === '') throw noContent(options.name);
  return parseGeneric(root, pageTitle, options);
}
