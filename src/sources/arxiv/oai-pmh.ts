import type { XMLParser } from 'fast-xml-parser';
import type { Config } from '../../config/schema.ts';
import { LitmusError } from '../../core/errors.ts';
import { collapseWhitespace } from '../../core/text.ts';
import type { Author, Paper } from '../../core/types.ts';
import type { HttpClient } from '../../http/polite-fetch.ts';
import { arxivHostGroup } from './arxiv-source.ts';
import { asArray, asNode, attr, cleanText, createXmlParser, looksWithdrawn, textOf, type XmlNode } from './xml.ts';

/**
 * OAI-PMH harvesting of arXiv metadata (ListRecords, metadataPrefix arXiv or arXivRaw) for incremental
 * updates: `from`/`until` datestamps, `set` (e.g. "cs" or "physics:hep-th"), resumptionToken paging.
 */
export type OaiMetadataPrefix = 'arXiv' | 'arXivRaw';

export interface OaiRecord {
  identifier: string; // "oai:arXiv.org:1606.04259"
  datestamp: string | null;
  sets: string[];
  deleted: boolean;
  arxivId: string;
  created: string | null; // date of v1
  updated: string | null;
  title: string | null;
  abstract: string | null;
  authors: Author[];
  categories: string[];
  comment: string | null;
  journalRef: string | null;
  doi: string | null;
  licence: string | null;
  reportNo: string | null;
  /** arXivRaw lists every version with its submission date; arXiv gives none. */
  versions: { version: number; date: string | null }[];
  withdrawn: boolean;
}

export interface OaiPage {
  records: OaiRecord[];
  resumptionToken: string | null;
  completeListSize: number | null;
  cursor: number | null;
  responseDate: string | null;
}

let parser: XMLParser | undefined;

export function parseOaiResponse(xml: string, source = 'OAI-PMH response'): OaiPage {
  parser ??= createXmlParser(new Set(['record', 'setSpec', 'author', 'affiliation', 'version', 'error']));
  let document: XmlNode;
  try {
    document = parser.parse(xml, true) as XmlNode;
  } catch (error) {
    throw new LitmusError(
      'E_OAI_BAD_XML',
      `${source} is not valid XML: ${String((error as Error).message).split('\n')[0]}`,
      {
        retryable: true,
      },
    );
  }
  const root = asNode(document['OAI-PMH']);
  if (Object.keys(root).length === 0) {
    throw new LitmusError('E_OAI_BAD_XML', `${source} is not an OAI-PMH response (no <OAI-PMH> element)`);
  }
  const responseDate = cleanText(root['responseDate']);
  const errors = asArray(root['error'] as unknown[] | undefined);
  if (errors.length > 0) {
    const code = attr(errors[0], 'code') ?? 'unknown';
    // "No records match" is an empty harvest, not a failure.
    if (code === 'noRecordsMatch')
      return { records: [], resumptionToken: null, completeListSize: 0, cursor: null, responseDate };
    throw new LitmusError('E_OAI_ERROR', `OAI-PMH error ${code}: ${cleanText(errors[0]) ?? ''}`.trim(), {
      hint: code === 'badResumptionToken' ? 'the harvest expired; start it again' : 'check the set and dates',
    });
  }
  const container = asNode(root['ListRecords'] ?? root['GetRecord']);
  const records = asArray(container['record'] as XmlNode[] | undefined).map(parseRecord);
  const token = container['resumptionToken'];
  const tokenText = token === undefined ? '' : collapseWhitespace(textOf(token) ?? '');
  return {
    records,
    resumptionToken: tokenText === '' ? null : tokenText,
    completeListSize: toIntOrNull(attr(token, 'completeListSize')),
    cursor: toIntOrNull(attr(token, 'cursor')),
    responseDate,
  };
}

function parseRecord(record: XmlNode): OaiRecord {
  const header = asNode(record['header']);
  const identifier = cleanText(header['identifier']) ?? '';
  const metadata = asNode(record['metadata']);
  const raw = metadata['arXivRaw'];
  const arxiv = asNode(raw ?? metadata['arXiv']);
  const comment = cleanText(arxiv['comments']);
  const abstract = cleanText(arxiv['abstract']);
  const versions = asArray(arxiv['version'] as XmlNode[] | undefined).map((v) => ({
    version: Number.parseInt((attr(v, 'version') ?? '').replace(/^v/, ''), 10),
    date: cleanText(v['date']),
  }));
  return {
    identifier,
    datestamp: cleanText(header['datestamp']),
    sets: asArray(header['setSpec'] as unknown[] | undefined)
      .map((s) => cleanText(s))
      .filter((s): s is string => s !== null),
    deleted: attr(header, 'status') === 'deleted',
    arxivId: cleanText(arxiv['id']) ?? identifier.replace(/^oai:arXiv\.org:/i, ''),
    created: cleanText(arxiv['created']),
    updated: cleanText(arxiv['updated']),
    title: cleanText(arxiv['title']),
    abstract,
    authors: raw === undefined ? parseAuthors(arxiv['authors']) : splitRawAuthors(cleanText(arxiv['authors'])),
    categories: (cleanText(arxiv['categories']) ?? '').split(' ').filter(Boolean),
    comment,
    journalRef: cleanText(arxiv['journal-ref']),
    doi: cleanText(arxiv['doi']),
    licence: cleanText(arxiv['license']),
    reportNo: cleanText(arxiv['report-no']),
    versions: versions.filter((v) => Number.isFinite(v.version)),
    withdrawn: looksWithdrawn(comment, abstract),
  };
}

function parseAuthors(value: unknown): Author[] {
  return asArray(asNode(value)['author'] as XmlNode[] | undefined).map((author) => {
    const keyname = cleanText(author['keyname']) ?? '';
    const forenames = cleanText(author['forenames']);
    const suffix = cleanText(author['suffix']);
    const name = [forenames, keyname, suffix].filter(Boolean).join(' ');
    const affiliations = asArray(author['affiliation'] as unknown[] | undefined)
      .map((a) => cleanText(a))
      .filter((a): a is string => a !== null);
    return affiliations.length > 0 ? { name, affiliations } : { name };
  });
}

/** arXivRaw gives authors as one string: "A. One, B. Two and C. Three". */
function splitRawAuthors(text: string | null): Author[] {
  if (!text) return [];
  return text
    .split(/,\s*|\s+and\s+/)
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => ({ name }));
}

function toIntOrNull(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const number = Number.parseInt(value, 10);
  return Number.isFinite(number) ? number : null;
}

/** A harvested record as a Paper; the version is known only from arXivRaw (else the bare id: newest). */
export function oaiRecordToPaper(record: OaiRecord): Paper {
  const version = record.versions.length > 0 ? Math.max(...record.versions.map((v) => v.version)) : null;
  const categories = record.categories;
  return {
    id: version === null ? `arxiv:${record.arxivId}` : `arxiv:${record.arxivId}v${version}`,
    workId: `arxiv:${record.arxivId}`,
    source: 'arxiv',
    externalId: record.arxivId,
    version,
    title: record.title ?? record.arxivId,
    authors: record.authors,
    published: record.created,
    updated: record.updated,
    categories,
    primaryCategory: categories[0] ?? null,
    licence: record.licence,
    abstract: record.abstract,
    doi: record.doi,
    journalRef: record.journalRef,
    comment: record.comment,
    url: `https://arxiv.org/abs/${record.arxivId}${version === null ? '' : `v${version}`}`,
    withdrawn: record.withdrawn,
  };
}

export interface ListRecordsOptions {
  metadataPrefix?: OaiMetadataPrefix;
  set?: string;
  from?: string; // YYYY-MM-DD
  until?: string;
  /** Stop after this many pages (each page is one request). */
  maxPages?: number;
}

export interface OaiHarvester {
  /** Yields each page of records, following resumption tokens to the end. */
  listRecords(options?: ListRecordsOptions): AsyncGenerator<OaiPage>;
}

export function createOaiHarvester(deps: { http: HttpClient; config: Config }): OaiHarvester {
  const group = arxivHostGroup(deps.config);
  return {
    async *listRecords(options = {}) {
      const base = deps.config.arxiv.oai;
      let token: string | null = null;
      for (let page = 0; options.maxPages === undefined || page < options.maxPages; page += 1) {
        const url = new URL(base);
        url.searchParams.set('verb', 'ListRecords');
        if (token) url.searchParams.set('resumptionToken', token);
        else {
          url.searchParams.set('metadataPrefix', options.metadataPrefix ?? 'arXiv');
          if (options.set) url.searchParams.set('set', options.set);
          if (options.from) url.searchParams.set('from', options.from);
          if (options.until) url.searchParams.set('until', options.until);
        }
        // Harvests are incremental by date; a resumption token is single-use, so nothing is cached.
        const response = await deps.http.get(url.toString(), { group, cache: 'none' });
        const parsed = parseOaiResponse(response.text(), url.toString());
        yield parsed;
        token = parsed.resumptionToken;
        if (!token) return;
      }
    },
  };
}
