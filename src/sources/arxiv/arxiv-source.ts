import type { Config } from '../../config/schema.ts';
import { LitmusError } from '../../core/errors.ts';
import type { Paper } from '../../core/types.ts';
import type { HttpClient } from '../../http/polite-fetch.ts';
import { type HostGroup, isArxivHost } from '../../http/rate-limiter.ts';
import type { FullText, PaperSource, SearchOptions } from '../source.ts';
import { type ArxivId, formatArxivId, parseArxivId } from './arxiv-id.ts';
import { type ArxivEntry, type AtomFeed, parseAtomFeed } from './atom-parser.ts';
import { assessArxivHtml } from './html-check.ts';
import { normaliseSearchQuery } from './query-builder.ts';
import { entryToPaper } from './to-paper.ts';

export const ARXIV_PAGE_SIZE = 2000;
export const ARXIV_MAX_RESULTS = 30_000;
const ID_BATCH = 50;
const EMPTY_PAGE_RETRIES = 3;

/** All arXiv endpoints share one politeness budget; on arxiv.org hosts it never goes below 3 s. */
export function arxivHostGroup(config: Config): HostGroup {
  const endpoints = [config.arxiv.api, config.arxiv.base, config.arxiv.oai];
  const onArxiv = endpoints.some((url) => isArxivHost(url));
  return { name: 'arxiv', delayMs: onArxiv ? Math.max(3000, config.arxiv.delayMs) : config.arxiv.delayMs };
}

export interface ArxivSearchResult {
  totalResults: number;
  entries: ArxivEntry[];
  warnings: string[];
}

export interface ArxivSource extends PaperSource {
  readonly name: 'arxiv';
  /** Search returning arXiv's own entries (with pdf links), paging as needed. */
  searchEntries(query: string, options?: SearchOptions): Promise<ArxivSearchResult>;
  /** Look-up by id_list: versioned ids pin a version, bare ids give the newest. Missing ids → E_NOT_FOUND. */
  getEntries(ids: (string | ArxivId)[]): Promise<ArxivEntry[]>;
  /** Like getEntries but tolerant: the map (keyed by the id as asked) simply lacks unknown ids. */
  findEntries(ids: (string | ArxivId)[]): Promise<Map<string, ArxivEntry>>;
  /** The LaTeXML HTML of one version, or null when arXiv has none usable (404, no LaTeXML, failed conversion). */
  html(paper: Paper): Promise<FullText | null>;
  pdf(paper: Paper): Promise<FullText>;
  fullText(paper: Paper): Promise<FullText>;
}

export interface ArxivSourceDeps {
  http: HttpClient;
  config: Config;
  warn?: (message: string) => void;
}

const SORT_BY: Record<NonNullable<SearchOptions['sort']>, string> = {
  relevance: 'relevance',
  submitted: 'submittedDate',
  updated: 'lastUpdatedDate',
};

export function createArxivSource(deps: ArxivSourceDeps): ArxivSource {
  const { http, config } = deps;
  const group = arxivHostGroup(config);
  const ttlMs = config.arxiv.searchTtlHours * 3600_000;
  const base = config.arxiv.base.replace(/\/+$/, '');

  function queryUrl(params: Record<string, string>): string {
    const url = new URL(config.arxiv.api);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return url.toString();
  }

  async function fetchFeed(url: string, immutable: boolean, refresh: boolean): Promise<AtomFeed> {
    for (let attempt = 0; ; attempt += 1) {
      const response = await http.get(url, { group, cache: immutable ? 'immutable' : 'ttl', ttlMs, refresh });
      try {
        return parseAtomFeed(response.text(), url);
      } catch (error) {
        // A broken answer must not stay in the cache; a truncated one is worth one more try.
        await http.invalidate(url);
        if (!(LitmusError.isInstance(error) && error.code === 'E_ARXIV_BAD_XML') || attempt >= 1) throw error;
        deps.warn?.(`arXiv sent invalid XML for ${url}; asking again`);
      }
    }
  }

  async function searchEntries(query: string, options: SearchOptions = {}): Promise<ArxivSearchResult> {
    const max = Math.min(options.max ?? 10, ARXIV_MAX_RESULTS);
    const searchQuery = normaliseSearchQuery(query);
    const warnings: string[] = [];
    const entries: ArxivEntry[] = [];
    let expectedTotal: number | null = null;
    for (let start = 0; start < max; ) {
      const pageSize = Math.min(ARXIV_PAGE_SIZE, max - start);
      const url = queryUrl({
        search_query: searchQuery,
        start: String(start),
        max_results: String(pageSize),
        sortBy: SORT_BY[options.sort ?? 'relevance'],
        sortOrder: options.order ?? 'descending',
      });
      let feed = await fetchFeed(url, false, options.refresh ?? false);
      // arXiv sometimes answers a page with no entries although more results exist: ask again.
      for (let retry = 0; feed.entries.length === 0 && start < (expectedTotal ?? feed.totalResults); retry += 1) {
        if (retry >= EMPTY_PAGE_RETRIES) break;
        deps.warn?.(`arXiv returned an empty page at start=${start}; retrying`);
        feed = await fetchFeed(url, false, true);
      }
      if (expectedTotal !== null && feed.totalResults !== expectedTotal) {
        warnings.push(`arXiv's totalResults changed between pages (${expectedTotal} → ${feed.totalResults})`);
      }
      expectedTotal = expectedTotal === null ? feed.totalResults : Math.min(expectedTotal, feed.totalResults);
      if (feed.entries.length === 0) {
        if (start < expectedTotal) {
          warnings.push(
            `arXiv kept returning an empty page at start=${start} of ${expectedTotal}; results are incomplete`,
          );
        }
        break;
      }
      entries.push(...feed.entries);
      start += feed.entries.length;
      if (start >= expectedTotal) break;
    }
    for (const warning of warnings) deps.warn?.(warning);
    return { totalResults: expectedTotal ?? 0, entries: dedupe(entries).slice(0, max), warnings };
  }

  async function findEntries(ids: (string | ArxivId)[]): Promise<Map<string, ArxivEntry>> {
    const parsed = ids.map((id) => (typeof id === 'string' ? parseArxivId(id) : id));
    const found = new Map<string, ArxivEntry>();
    for (let i = 0; i < parsed.length; i += ID_BATCH) {
      const batch = parsed.slice(i, i + ID_BATCH);
      const url = queryUrl({
        id_list: batch.map(formatArxivId).join(','),
        start: '0',
        max_results: String(batch.length),
      });
      // Metadata of pinned versions never changes; a bare id ("newest") is looked up again after the TTL.
      const feed = await fetchFeed(
        url,
        batch.every((id) => id.version !== null),
        false,
      );
      for (const id of batch) {
        const entry = feed.entries.find(
          (e) => e.arxivId === id.id && (id.version === null || e.version === id.version),
        );
        if (entry) found.set(formatArxivId(id), entry);
      }
    }
    return found;
  }

  async function getEntries(ids: (string | ArxivId)[]): Promise<ArxivEntry[]> {
    const parsed = ids.map((id) => (typeof id === 'string' ? parseArxivId(id) : id));
    const found = await findEntries(parsed);
    return parsed.map((id) => {
      const entry = found.get(formatArxivId(id));
      if (!entry) {
        throw new LitmusError('E_NOT_FOUND', `arXiv has no paper ${formatArxivId(id)}`, {
          hint: 'check the identifier (and version) on arxiv.org',
          exitCode: 2,
        });
      }
      return entry;
    });
  }

  function versioned(paper: Paper): string {
    if (paper.source !== 'arxiv' || paper.version === null) {
      throw new LitmusError('E_ARXIV_VERSION', `${paper.id} is not a versioned arXiv paper`);
    }
    return `${paper.externalId}v${paper.version}`;
  }

  async function html(paper: Paper): Promise<FullText | null> {
    const url = `${base}/html/${versioned(paper)}`;
    const response = await http.get(url, { group, cache: 'immutable', allowStatuses: [404, 410] });
    if (response.status !== 200) return null;
    const contentType = response.headers['content-type'] ?? 'text/html';
    if (!/html|xml/i.test(contentType)) return null;
    if (assessArxivHtml(response.text()) !== 'latexml') return null;
    return { kind: 'html', url, bytes: response.body };
  }

  async function pdf(paper: Paper): Promise<FullText> {
    const url = `${base}/pdf/${versioned(paper)}`;
    const response = await http.get(url, { group, cache: 'immutable' });
    const head = new TextDecoder().decode(response.body.subarray(0, 5));
    if (head !== '%PDF-') {
      throw new LitmusError('E_ARXIV_PDF', `${url} did not return a PDF`, {
        hint: 'arXiv may still be building it; try again later',
        retryable: true,
      });
    }
    return { kind: 'pdf', url, bytes: response.body };
  }

  return {
    name: 'arxiv',
    searchEntries,
    getEntries,
    findEntries,
    async search(query, options) {
      const result = await searchEntries(query, options);
      return result.entries.map((entry) => entryToPaper(entry));
    },
    async get(id) {
      const [entry] = await getEntries([id]);
      return entryToPaper(entry!);
    },
    html,
    pdf,
    async fullText(paper) {
      return (await html(paper)) ?? (await pdf(paper));
    },
  };
}

function dedupe(entries: ArxivEntry[]): ArxivEntry[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const key = `${entry.arxivId}v${entry.version}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
