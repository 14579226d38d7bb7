import type { XMLParser } from 'fast-xml-parser';
import { LitmusError } from '../../core/errors.ts';
import { collapseWhitespace } from '../../core/text.ts';
import { tryParseArxivId } from './arxiv-id.ts';
import { asArray, asNode, attr, cleanText, createXmlParser, looksWithdrawn, textOf, type XmlNode } from './xml.ts';

/** One entry of an arXiv Atom feed, already cleaned (whitespace collapsed, ids split from versions). */
export interface ArxivEntry {
  arxivId: string;
  version: number;
  title: string;
  abstract: string;
  authors: { name: string; affiliations: string[] }[];
  published: string | null;
  updated: string | null;
  primaryCategory: string | null;
  categories: string[];
  comment: string | null;
  journalRef: string | null;
  doi: string | null;
  absUrl: string;
  pdfUrl: string;
  withdrawn: boolean;
}

export interface AtomFeed {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  entries: ArxivEntry[];
}

let parser: XMLParser | undefined;

/**
 * Parses an arXiv API Atom response in either format (pre-2025 per-element xmlns, or 2025+ namespaces
 * on <feed> with a different element order). arXiv reports errors as an entry titled "Error": those
 * become a LitmusError E_ARXIV_API naming the message.
 */
export function parseAtomFeed(xml: string, source = 'arXiv API response'): AtomFeed {
  parser ??= createXmlParser(new Set(['entry', 'author', 'category', 'link', 'affiliation']));
  let document: XmlNode;
  try {
    const valid = xml.trimStart().startsWith('<') ? null : 'does not start with <';
    if (valid) throw new LitmusError('E_ARXIV_BAD_XML', valid);
    document = parser.parse(xml, true) as XmlNode;
  } catch (error) {
    throw new LitmusError('E_ARXIV_BAD_XML', `${source} is not valid XML: ${firstLine(error)}`, {
      hint: 'arXiv may be having problems; try again later',
      retryable: true,
    });
  }
  const feed = document['feed'];
  if (!feed || typeof feed !== 'object') {
    throw new LitmusError('E_ARXIV_BAD_XML', `${source} is not an Atom feed (no <feed> element)`, {
      hint: 'check arxiv.api in the config points at the arXiv query API',
      retryable: true,
    });
  }
  const node = asNode(feed);
  const rawEntries = asArray(node['entry'] as XmlNode[] | undefined);
  const errorEntry = rawEntries.find(isErrorEntry);
  if (errorEntry) {
    const message = cleanText(errorEntry['summary']) ?? 'unknown error';
    const idFormat = /incorrect id format|malformed id/i.test(message);
    throw new LitmusError('E_ARXIV_API', `arXiv API error: ${message}`, {
      hint: idFormat ? 'use e.g. arxiv:2005.13013 or arxiv:2005.13013v2' : 'check the query syntax',
      exitCode: 2,
    });
  }
  return {
    totalResults: toInt(node['totalResults'], rawEntries.length),
    startIndex: toInt(node['startIndex'], 0),
    itemsPerPage: toInt(node['itemsPerPage'], rawEntries.length),
    entries: rawEntries.map(parseEntry).filter((entry): entry is ArxivEntry => entry !== null),
  };
}

function isErrorEntry(entry: XmlNode): boolean {
  const id = textOf(entry['id']) ?? '';
  return cleanText(entry['title']) === 'Error' || /\/api\/errors/.test(id);
}

function parseEntry(entry: XmlNode): ArxivEntry | null {
  const idUrl = collapseWhitespace(textOf(entry['id']) ?? '');
  const parsed = tryParseArxivId(idUrl);
  // An entry without a usable id (or without a title: arXiv's placeholder for a missing paper) is skipped.
  if (!parsed || parsed.version === null) return null;
  const title = cleanText(entry['title']);
  if (!title) return null;
  const links = asArray(entry['link'] as XmlNode[] | undefined);
  const link = (predicate: (l: XmlNode) => boolean) => attr(links.find(predicate), 'href');
  const versioned = `${parsed.id}v${parsed.version}`;
  const absUrl = link((l) => attr(l, 'rel') === 'alternate') ?? `https://arxiv.org/abs/${versioned}`;
  const pdfUrl =
    link((l) => attr(l, 'title') === 'pdf' || attr(l, 'type') === 'application/pdf') ??
    `https://arxiv.org/pdf/${versioned}`;
  const doiLink = link((l) => attr(l, 'title') === 'doi');
  const categories = asArray(entry['category'] as XmlNode[] | undefined)
    .map((c) => attr(c, 'term'))
    .filter((term): term is string => Boolean(term));
  const primaryCategory = attr(entry['primary_category'], 'term') ?? categories[0] ?? null;
  if (primaryCategory && !categories.includes(primaryCategory)) categories.unshift(primaryCategory);
  const comment = cleanText(entry['comment']);
  const abstract = cleanText(entry['summary']) ?? '';
  return {
    arxivId: parsed.id,
    version: parsed.version,
    title,
    abstract,
    authors: asArray(entry['author'] as XmlNode[] | undefined).map((author) => ({
      name: cleanText(author['name']) ?? '',
      affiliations: asArray(author['affiliation'] as unknown[] | undefined)
        .map((a) => cleanText(a))
        .filter((a): a is string => a !== null),
    })),
    published: cleanText(entry['published']),
    updated: cleanText(entry['updated']),
    primaryCategory,
    categories,
    comment,
    journalRef: cleanText(entry['journal_ref']),
    doi: cleanText(entry['doi']) ?? (doiLink ? doiLink.replace(/^https?:\/\/(dx\.)?doi\.org\//, '') : null),
    absUrl,
    pdfUrl,
    withdrawn: looksWithdrawn(comment, abstract),
  };
}

function toInt(value: unknown, fallback: number): number {
  const text = textOf(value);
  if (text === undefined) return fallback;
  const number = Number.parseInt(text.trim(), 10);
  return Number.isFinite(number) ? number : fallback;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
