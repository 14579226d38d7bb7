import type { Config } from '../../config/schema.ts';
import { LitmusError } from '../../core/errors.ts';
import { collapseWhitespace } from '../../core/text.ts';
import type { Paper } from '../../core/types.ts';
import type { HttpClient } from '../../http/polite-fetch.ts';
import type { HostGroup } from '../../http/rate-limiter.ts';
import { tryParseArxivId } from '../arxiv/arxiv-id.ts';
import type { FullText, PaperSource, SearchOptions } from '../source.ts';
import type { S2Edge, S2EdgePage, S2MatchPage, S2Paper, S2SearchPage } from './s2-types.ts';

export const S2_PAPER_FIELDS =
  'paperId,externalIds,url,title,abstract,venue,year,publicationDate,authors,openAccessPdf,isOpenAccess,journal';
const EDGE_FIELDS = `contexts,intents,isInfluential,${S2_PAPER_FIELDS.replace(/,abstract/, '')}`;
const EDGE_PAGE = 100;

/** A paper Semantic Scholar knows, with the identifiers needed to fetch it elsewhere. */
export interface S2Work {
  paper: Paper;
  s2Id: string;
  arxivId: string | null;
  doi: string | null;
  openAccessPdfUrl: string | null;
}

/** A reference or citation: the other paper, and the sentences where the citation is made. */
export interface S2Link {
  direction: 'reference' | 'citation';
  work: S2Work;
  contexts: string[];
  intents: string[];
  isInfluential: boolean;
}

export interface SemanticScholarSource extends PaperSource {
  readonly name: 'semantic-scholar';
  lookup(id: string): Promise<S2Work>;
  searchWorks(query: string, options?: SearchOptions): Promise<S2Work[]>;
  matchTitle(title: string): Promise<S2Work | null>;
  references(id: string, max?: number): Promise<S2Link[]>;
  citations(id: string, max?: number): Promise<S2Link[]>;
  fullText(paper: Paper): Promise<FullText | null>;
}

export interface SemanticScholarDeps {
  http: HttpClient;
  config: Config;
}

export function semanticScholarHostGroup(config: Config): HostGroup {
  return { name: 'semantic-scholar', delayMs: config.semanticScholar.delayMs };
}

/**
 * Accepts "arxiv:2005.13013v2", "ARXIV:2005.13013", a DOI ("10.…" or "doi:10.…"), "s2:<sha>" or
 * "CorpusId:123", and returns the Graph API paper id (arXiv ids lose their version: S2 has one record).
 */
export function toS2PaperId(id: string): string {
  const trimmed = id.trim();
  if (/^ARXIV:/i.test(trimmed) || /^arxiv:/i.test(trimmed)) {
    const parsed = tryParseArxivId(trimmed);
    if (parsed) return `ARXIV:${parsed.id}`;
  }
  const arxiv = tryParseArxivId(trimmed);
  if (arxiv) return `ARXIV:${arxiv.id}`;
  if (/^doi:/i.test(trimmed)) return `DOI:${trimmed.slice(4)}`;
  if (/^10\.\d{4,9}\//.test(trimmed)) return `DOI:${trimmed}`;
  if (/^s2:/i.test(trimmed)) return trimmed.slice(3);
  return trimmed;
}

export function createSemanticScholarSource(deps: SemanticScholarDeps): SemanticScholarSource {
  const { http, config } = deps;
  const group = semanticScholarHostGroup(config);
  const api = config.semanticScholar.api.replace(/\/+$/, '');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (config.semanticScholar.apiKey) headers['x-api-key'] = config.semanticScholar.apiKey;
  const ttlMs = config.arxiv.searchTtlHours * 3600_000;

  async function getJson<T>(path: string, params: Record<string, string>, allow404 = false): Promise<T | null> {
    const url = new URL(`${api}${path}`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    const response = await http.get(url.toString(), {
      group,
      cache: 'ttl',
      ttlMs,
      headers,
      allowStatuses: allow404 ? [404] : [],
    });
    if (response.status === 404) return null;
    try {
      return JSON.parse(response.text()) as T;
    } catch {
      throw new LitmusError('E_S2_BAD_JSON', `Semantic Scholar answered ${url} with invalid JSON`, { retryable: true });
    }
  }

  async function lookup(id: string): Promise<S2Work> {
    const s2Id = toS2PaperId(id);
    const paper = await getJson<S2Paper>(
      `/paper/${encodeURIComponent(s2Id).replace(/%3A/gi, ':')}`,
      { fields: S2_PAPER_FIELDS },
      true,
    );
    if (!paper) {
      throw new LitmusError('E_NOT_FOUND', `Semantic Scholar has no paper ${id}`, {
        hint: 'check the identifier; very recent papers may not be indexed yet',
        exitCode: 2,
      });
    }
    return toWork(paper);
  }

  async function searchWorks(query: string, options: SearchOptions = {}): Promise<S2Work[]> {
    const limit = Math.min(options.max ?? 10, 100);
    const page = await getJson<S2SearchPage>('/paper/search', { query, limit: String(limit), fields: S2_PAPER_FIELDS });
    return (page?.data ?? []).map(toWork);
  }

  async function matchTitle(title: string): Promise<S2Work | null> {
    const page = await getJson<S2MatchPage>('/paper/search/match', { query: title, fields: S2_PAPER_FIELDS }, true);
    const best = page?.data?.[0];
    return best ? toWork(best) : null;
  }

  async function edges(id: string, direction: 'reference' | 'citation', max: number): Promise<S2Link[]> {
    const s2Id = toS2PaperId(id);
    const path = `/paper/${encodeURIComponent(s2Id).replace(/%3A/gi, ':')}/${direction === 'reference' ? 'references' : 'citations'}`;
    const links: S2Link[] = [];
    for (let offset = 0; links.length < max; ) {
      const limit = Math.min(EDGE_PAGE, max - links.length);
      const page = await getJson<S2EdgePage>(
        path,
        { fields: EDGE_FIELDS, offset: String(offset), limit: String(limit) },
        true,
      );
      if (!page) throw new LitmusError('E_NOT_FOUND', `Semantic Scholar has no paper ${id}`, { exitCode: 2 });
      for (const edge of page.data ?? []) {
        const other = direction === 'reference' ? edge.citedPaper : edge.citingPaper;
        // S2 lists references it could not resolve with a null paperId: nothing to fetch there.
        if (!other?.paperId || !other.title) continue;
        links.push(toLink(direction, edge, other));
      }
      if (page.next === undefined || page.next === null || (page.data ?? []).length === 0) break;
      offset = page.next;
    }
    return links.slice(0, max);
  }

  return {
    name: 'semantic-scholar',
    lookup,
    searchWorks,
    matchTitle,
    references: (id, max = 100) => edges(id, 'reference', max),
    citations: (id, max = 100) => edges(id, 'citation', max),
    async search(query, options) {
      return (await searchWorks(query, options)).map((work) => work.paper);
    },
    async get(id) {
      return (await lookup(id)).paper;
    },
    async fullText(paper) {
      const work = await lookup(paper.doi ? `DOI:${paper.doi}` : paper.externalId);
      if (!work.openAccessPdfUrl) return null;
      const response = await http.get(work.openAccessPdfUrl, {
        group: { name: 'open-access', delayMs: 1000 },
        cache: 'immutable',
      });
      return { kind: 'pdf', url: work.openAccessPdfUrl, bytes: response.body };
    },
  };
}

function toLink(direction: 'reference' | 'citation', edge: S2Edge, other: S2Paper): S2Link {
  return {
    direction,
    work: toWork(other),
    contexts: (edge.contexts ?? []).map(collapseWhitespace).filter(Boolean),
    intents: edge.intents ?? [],
    isInfluential: Boolean(edge.isInfluential),
  };
}

export function toWork(paper: S2Paper): S2Work {
  const external = paper.externalIds ?? {};
  const arxivRaw = external['ArXiv'];
  const doiRaw = external['DOI'];
  const arxivId = typeof arxivRaw === 'string' && arxivRaw !== '' ? arxivRaw : null;
  const doi = typeof doiRaw === 'string' && doiRaw !== '' ? doiRaw : null;
  const journal = paper.journal
    ? [paper.journal.name, paper.journal.volume, paper.journal.pages].filter(Boolean).join(' ')
    : '';
  return {
    s2Id: paper.paperId,
    arxivId,
    doi,
    openAccessPdfUrl: paper.openAccessPdf?.url || null,
    paper: {
      id: `s2:${paper.paperId}`,
      workId: `s2:${paper.paperId}`,
      source: 'semantic-scholar',
      externalId: paper.paperId,
      version: null,
      title: collapseWhitespace(paper.title ?? ''),
      authors: (paper.authors ?? []).map((a) => ({ name: a.name })),
      published: paper.publicationDate ?? (paper.year ? String(paper.year) : null),
      updated: null,
      categories: [],
      primaryCategory: null,
      licence: paper.openAccessPdf?.license ?? null,
      abstract: paper.abstract ? collapseWhitespace(paper.abstract) : null,
      doi,
      journalRef: journal === '' ? null : journal,
      comment: null,
      url: paper.url ?? `https://www.semanticscholar.org/paper/${paper.paperId}`,
      // What Semantic Scholar links this paper to, so the same work from arXiv or OpenAlex merges with it.
      identifiers: {
        s2: paper.paperId,
        ...(arxivId ? { arxiv: arxivId.replace(/v\d+$/, '') } : {}),
        ...(doi && !/^10\.48550\//i.test(doi) ? { doi: doi.toLowerCase() } : {}),
      },
    },
  };
}
