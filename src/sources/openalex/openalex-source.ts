import type { Config } from '../../config/schema.ts';
import { LitmusError } from '../../core/errors.ts';
import { normalizeForMatch } from '../../core/text.ts';
import type { Paper } from '../../core/types.ts';
import type { HttpClient } from '../../http/polite-fetch.ts';
import type { HostGroup } from '../../http/rate-limiter.ts';
import { tryParseArxivId } from '../arxiv/arxiv-id.ts';
import { normaliseDoi } from '../../core/identifiers.ts';
import { firstOpenAccessPdf } from '../open-access-pdf.ts';
import type { FullText, PaperSource, SearchOptions } from '../source.ts';
import type { OpenAlexListPage, OpenAlexWork } from './openalex-types.ts';
import { toOpenAlexQuery } from './query.ts';
import { openAccessPdfUrls, shortWorkId, workToPaper } from './to-paper.ts';

/** OpenAlex answers at most 100 works a page (developers.openalex.org, "Page through results"). */
export const OPENALEX_PAGE_SIZE = 100;
/** Values OR-ed in one filter (`openalex:W1|W2|…`); OpenAlex accepts up to 100. */
const ID_BATCH = 50;

export interface WorkFilters {
  /** A year (2020) or a range ("2018-2020"). */
  year?: number | string;
  fromDate?: string;
  toDate?: string;
  /** OpenAlex work type: article, preprint, book-chapter, dataset, … */
  type?: string;
  /** OpenAlex topic id ("T10181") or concept id ("C41008148"). */
  topic?: string;
  concept?: string;
}

export interface WorkSearchOptions extends SearchOptions {
  filters?: WorkFilters;
}

/** A work OpenAlex knows, with what litmus needs beyond the Paper: its OA PDF links and references. */
export interface OpenAlexWorkRecord {
  paper: Paper;
  openAlexId: string;
  pdfUrls: string[];
  referencedWorks: string[];
}

export interface OpenAlexPaperSource extends PaperSource {
  readonly name: 'openalex';
  searchWorks(query: string, options?: WorkSearchOptions): Promise<OpenAlexWorkRecord[]>;
  /** By OpenAlex id ("W…", "openalex:W…", URL), DOI (any form) or arXiv id; E_NOT_FOUND when unknown. */
  lookup(id: string): Promise<OpenAlexWorkRecord>;
  /** The work whose normalised title equals `title`, or null. */
  matchTitle(title: string): Promise<OpenAlexWorkRecord | null>;
  /** Works this work cites (outgoing), at most `max`. */
  references(id: string, max?: number): Promise<OpenAlexWorkRecord[]>;
  /** Works citing this work (incoming), at most `max`. */
  citedBy(id: string, max?: number): Promise<OpenAlexWorkRecord[]>;
  fullText(paper: Paper): Promise<FullText | null>;
}

export interface OpenAlexDeps {
  http: HttpClient;
  config: Config;
  warn?: (message: string) => void;
}

export function openAlexHostGroup(config: Config): HostGroup {
  return { name: 'openalex', delayMs: config.openalex.delayMs };
}

/** The address sent as `mailto`: the configured one, else the contact, unless that is the placeholder. */
export function openAlexMailto(config: Config): string | null {
  const address = config.openalex.mailto ?? config.contact;
  return /\.invalid$/i.test(address) ? null : address;
}

export function createOpenAlexSource(deps: OpenAlexDeps): OpenAlexPaperSource {
  const { http, config } = deps;
  const group = openAlexHostGroup(config);
  const api = config.openalex.api.replace(/\/+$/, '');
  const ttlMs = config.arxiv.searchTtlHours * 3600_000;
  const mailto = openAlexMailto(config);

  async function getJson<T>(path: string, params: Record<string, string>, refresh = false): Promise<T | null> {
    const url = new URL(`${api}${path}`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    // Polite use: who is asking (mailto) and, when the user has one, the API key.
    if (mailto) url.searchParams.set('mailto', mailto);
    if (config.openalex.apiKey) url.searchParams.set('api_key', config.openalex.apiKey);
    const response = await http.get(url.toString(), {
      group,
      cache: 'ttl',
      ttlMs,
      refresh,
      headers: { accept: 'application/json' },
      allowStatuses: [404],
    });
    if (response.status === 404) return null;
    try {
      return JSON.parse(response.text()) as T;
    } catch {
      http.invalidate(url.toString());
      throw new LitmusError('E_OPENALEX_BAD_JSON', `OpenAlex answered ${path} with invalid JSON`, {
        hint: 'try again later',
        retryable: true,
      });
    }
  }

  function record(work: OpenAlexWork): OpenAlexWorkRecord {
    const paper = workToPaper(work);
    return {
      paper,
      openAlexId: paper.externalId,
      pdfUrls: openAccessPdfUrls(work),
      referencedWorks: (work.referenced_works ?? []).map((id) => shortWorkId(id)).filter((id): id is string => !!id),
    };
  }

  /** Pages through a list with cursors (`cursor=*`, then `meta.next_cursor`) until `max` works. */
  async function list(params: Record<string, string>, max: number, refresh = false): Promise<OpenAlexWorkRecord[]> {
    const works: OpenAlexWorkRecord[] = [];
    const perPage = Math.min(OPENALEX_PAGE_SIZE, Math.max(1, max));
    // One page needs no cursor; more pages page by cursor, which reaches past the first 10,000.
    let cursor: string | null = max > perPage ? '*' : null;
    for (;;) {
      const page = await getJson<OpenAlexListPage>(
        '/works',
        { ...params, per_page: String(perPage), ...(cursor ? { cursor } : {}) },
        refresh,
      );
      const results = page?.results ?? [];
      for (const work of results) if (work.title || work.display_name) works.push(record(work));
      cursor = page?.meta.next_cursor ?? null;
      if (works.length >= max || results.length === 0 || cursor === null || !(max > perPage)) break;
    }
    return works.slice(0, max);
  }

  async function searchWorks(query: string, options: WorkSearchOptions = {}): Promise<OpenAlexWorkRecord[]> {
    const translated = toOpenAlexQuery(query);
    const filters = filterParam({
      fromDate: translated.fromDate,
      toDate: translated.toDate,
      ...options.filters,
    });
    const params: Record<string, string> = {};
    if (translated.search !== '') params.search = translated.search;
    if (filters) params.filter = filters;
    if (options.sort === 'submitted' || options.sort === 'updated') {
      params.sort = `publication_date:${options.order === 'ascending' ? 'asc' : 'desc'}`;
    }
    return list(params, options.max ?? 10, options.refresh ?? false);
  }

  async function lookup(id: string): Promise<OpenAlexWorkRecord> {
    const key = singletonKey(id);
    const work = await getJson<OpenAlexWork>(`/works/${key}`, {});
    if (!work) {
      throw new LitmusError('E_NOT_FOUND', `OpenAlex has no work ${id}`, {
        hint: 'check the identifier on openalex.org',
        exitCode: 2,
      });
    }
    return record(work);
  }

  async function matchTitle(title: string): Promise<OpenAlexWorkRecord | null> {
    // Commas and colons separate filters and values: they cannot appear inside one.
    const words = title
      .replace(/[,:|]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (words === '') return null;
    const found = await list({ filter: `title.search:${words}` }, 5);
    const wanted = normalizeForMatch(title);
    return found.find((w) => normalizeForMatch(w.paper.title) === wanted) ?? null;
  }

  async function references(id: string, max = 100): Promise<OpenAlexWorkRecord[]> {
    const work = await lookup(id);
    const ids = work.referencedWorks.slice(0, max);
    const found: OpenAlexWorkRecord[] = [];
    for (let i = 0; i < ids.length; i += ID_BATCH) {
      const batch = ids.slice(i, i + ID_BATCH);
      found.push(...(await list({ filter: `openalex:${batch.join('|')}` }, batch.length)));
    }
    return found;
  }

  async function citedBy(id: string, max = 100): Promise<OpenAlexWorkRecord[]> {
    const work = await lookup(id);
    return list({ filter: `cites:${work.openAlexId}` }, max);
  }

  async function fullText(paper: Paper): Promise<FullText | null> {
    const id =
      paper.source === 'openalex'
        ? paper.externalId
        : (paper.identifiers?.openalex ?? paper.doi ?? paper.identifiers?.doi ?? null);
    if (!id) return null;
    const work = await lookup(id);
    return firstOpenAccessPdf(http, work.pdfUrls, deps.warn);
  }

  return {
    name: 'openalex',
    searchWorks,
    lookup,
    matchTitle,
    references,
    citedBy,
    fullText,
    async search(query, options) {
      return (await searchWorks(query, options)).map((w) => w.paper);
    },
    async get(id) {
      return (await lookup(id)).paper;
    },
  };
}

/**
 * The path segment for a single work (the free "singleton" requests): an OpenAlex id as is, a DOI
 * as `doi:…`, an arXiv id as arXiv's DOI (OpenAlex has no arXiv id field).
 */
export function singletonKey(id: string): string {
  const trimmed = id.trim().replace(/^openalex:/i, '');
  const work = shortWorkId(trimmed);
  if (work) return work;
  const doi = normaliseDoi(trimmed);
  if (doi) return `doi:${doi}`;
  const arxiv = tryParseArxivId(trimmed);
  if (arxiv) return `doi:10.48550/arxiv.${arxiv.id}`;
  throw new LitmusError('E_NOT_FOUND', `OpenAlex has no work ${id}`, {
    hint: 'give an OpenAlex id (W…), a DOI or an arXiv id',
    exitCode: 2,
  });
}

/** `filter=` value: comma-separated `name:value` pairs (AND), as https://docs.openalex.org documents. */
export function filterParam(filters: WorkFilters): string | null {
  const parts: string[] = [];
  if (filters.year !== undefined) parts.push(`publication_year:${filters.year}`);
  if (filters.fromDate) parts.push(`from_publication_date:${filters.fromDate}`);
  if (filters.toDate) parts.push(`to_publication_date:${filters.toDate}`);
  if (filters.type) parts.push(`type:${filters.type}`);
  if (filters.topic) parts.push(`topics.id:${filters.topic}`);
  if (filters.concept) parts.push(`concepts.id:${filters.concept}`);
  return parts.length > 0 ? parts.join(',') : null;
}
