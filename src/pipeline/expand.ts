import type { Config } from '../config/schema.ts';
import { LitmusError, toLitmusError } from '../core/errors.ts';
import type { Paper } from '../core/types.ts';
import type { HttpClient } from '../http/polite-fetch.ts';
import { isArxivHost } from '../http/rate-limiter.ts';
import { arxivHostGroup } from '../sources/arxiv/arxiv-source.ts';
import {
  createSemanticScholarSource,
  type S2Link,
  type S2Work,
  type SemanticScholarSource,
} from '../sources/semantic-scholar/s2-source.ts';
import type { Store } from '../store/store.ts';
import { type AddArxivDeps, type ArxivAddResult, addArxivPapers } from './add-arxiv.ts';
import { type AddResult, ingestInput } from './ingest-input.ts';

export type S2AddResult = AddResult & { source: 'semantic-scholar'; s2_id: string; fulltext: 'pdf' | null };

export interface ExpandLink {
  from: string; // paper id in the store (or S2 id for a paper reached at depth > 1)
  direction: 'reference' | 'citation';
  s2_id: string;
  title: string;
  arxiv_id: string | null;
  doi: string | null;
  contexts: string[];
  intents: string[];
  is_influential: boolean;
}

export interface ExpandResult {
  seed: string;
  added: (ArxivAddResult | S2AddResult)[];
  links: ExpandLink[];
  skipped: { s2_id: string; title: string; reason: string }[];
  warnings: string[];
}

export interface ExpandOptions {
  depth?: number;
  /** Most new papers to add in total. */
  max?: number;
  direction?: 'references' | 'citations' | 'both';
}

export interface ExpandDeps extends AddArxivDeps {
  s2?: SemanticScholarSource;
}

/**
 * Snowballing: references and citations of a stored paper, found through Semantic Scholar, are added
 * (arXiv ones through the arXiv source, others from their open-access PDF). Semantic Scholar failing
 * is a warning, never an error: whatever was added stands.
 */
export async function expandPaper(
  store: Store,
  config: Config,
  paperId: string,
  options: ExpandOptions = {},
  deps: ExpandDeps,
): Promise<ExpandResult> {
  const seed = await findSeed(store, paperId);
  const depth = options.depth ?? 1;
  const max = options.max ?? 20;
  const direction = options.direction ?? 'both';
  const { http } = deps;
  const s2 = deps.s2 ?? createSemanticScholarSource({ http, config });
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    deps.warn?.(message);
  };
  const result: ExpandResult = { seed: seed.id, added: [], links: [], skipped: [], warnings };
  const seen = new Set<string>();
  let frontier: { storeId: string; s2Key: string }[] = [{ storeId: seed.id, s2Key: s2KeyOf(seed) }];

  for (let level = 1; level <= depth && frontier.length > 0; level += 1) {
    const next: { storeId: string; s2Key: string }[] = [];
    for (const node of frontier) {
      if (result.added.length >= max) break;
      const links = await neighbours(s2, node.s2Key, direction, max, warn);
      for (const link of links) {
        result.links.push(toExpandLink(node.storeId, link));
        if (result.added.length >= max) continue;
        const work = link.work;
        if (seen.has(work.s2Id)) continue;
        seen.add(work.s2Id);
        const added = await addWork(store, config, work, { ...deps, http, warn }, http);
        if (!added) {
          result.skipped.push({
            s2_id: work.s2Id,
            title: work.paper.title,
            reason: 'no arXiv id and no open-access PDF',
          });
          continue;
        }
        result.added.push(added);
        if (added.status !== 'failed' && added.paper_id)
          next.push({ storeId: added.paper_id, s2Key: `s2:${work.s2Id}` });
      }
    }
    frontier = next;
  }
  return result;
}

async function findSeed(store: Store, paperId: string): Promise<Paper> {
  const paper = (await store.papers.get(paperId)) ?? (await store.papers.versions(paperId)).at(-1);
  if (!paper) {
    throw new LitmusError('E_NOT_FOUND', `no paper ${paperId} in the database`, {
      hint: 'list papers with `litmus papers`, or add it first',
      exitCode: 2,
    });
  }
  return paper;
}

function s2KeyOf(paper: Paper): string {
  if (paper.source === 'arxiv') return `ARXIV:${paper.externalId}`;
  if (paper.source === 'semantic-scholar') return `s2:${paper.externalId}`;
  if (paper.doi) return `DOI:${paper.doi}`;
  return `title:${paper.title}`;
}

async function neighbours(
  s2: SemanticScholarSource,
  key: string,
  direction: NonNullable<ExpandOptions['direction']>,
  max: number,
  warn: (message: string) => void,
): Promise<S2Link[]> {
  let id = key;
  if (key.startsWith('title:')) {
    try {
      const match = await s2.matchTitle(key.slice('title:'.length));
      if (!match) {
        warn(`Semantic Scholar found no paper titled "${key.slice(6)}"; nothing to expand`);
        return [];
      }
      id = `s2:${match.s2Id}`;
    } catch (error) {
      warn(`Semantic Scholar title look-up failed: ${toLitmusError(error).message}`);
      return [];
    }
  }
  const links: S2Link[] = [];
  const wanted: ('reference' | 'citation')[] =
    direction === 'both' ? ['reference', 'citation'] : direction === 'references' ? ['reference'] : ['citation'];
  for (const which of wanted) {
    try {
      links.push(...(which === 'reference' ? await s2.references(id, max) : await s2.citations(id, max)));
    } catch (error) {
      warn(`Semantic Scholar ${which}s of ${id} unavailable: ${toLitmusError(error).message}`);
    }
  }
  return links;
}

async function addWork(
  store: Store,
  config: Config,
  work: S2Work,
  deps: AddArxivDeps & { warn: (message: string) => void },
  http: HttpClient,
): Promise<ArxivAddResult | S2AddResult | null> {
  if (work.arxivId) {
    try {
      const [added] = await addArxivPapers(store, config, [`arxiv:${work.arxivId}`], deps);
      return added ?? null;
    } catch (error) {
      deps.warn(`arxiv:${work.arxivId}: ${toLitmusError(error).message}`);
      return null;
    }
  }
  if (!work.openAccessPdfUrl) return null;
  const name = work.paper.id;
  const base = { source: 'semantic-scholar' as const, s2_id: work.s2Id };
  try {
    const response = await http.get(work.openAccessPdfUrl, {
      group: isArxivHost(work.openAccessPdfUrl)
        ? arxivHostGroup(config)
        : { name: new URL(work.openAccessPdfUrl).hostname, delayMs: 1000 },
      cache: 'immutable',
    });
    if (new TextDecoder().decode(response.body.subarray(0, 5)) !== '%PDF-') {
      throw new LitmusError('E_NOT_PDF', `${work.openAccessPdfUrl} did not return a PDF`);
    }
    const ingest = deps.ingest ?? ingestInput;
    const result = await ingest(
      store,
      { name, bytes: response.body, kind: 'pdf', origin: work.openAccessPdfUrl, paper: work.paper },
      { maxBytes: deps.maxBytes ?? config.maxBytes, retryFailed: deps.retryFailed },
    );
    return { ...result, ...base, fulltext: result.status === 'failed' ? null : 'pdf' };
  } catch (error) {
    const litmusError = toLitmusError(error);
    return {
      path: name,
      paper_id: null,
      title: work.paper.title,
      pages: null,
      passages: 0,
      status: 'failed',
      error: litmusError.toLine(),
      code: litmusError.code,
      ...base,
      fulltext: null,
    };
  }
}

function toExpandLink(from: string, link: S2Link): ExpandLink {
  return {
    from,
    direction: link.direction,
    s2_id: link.work.s2Id,
    title: link.work.paper.title,
    arxiv_id: link.work.arxivId,
    doi: link.work.doi,
    contexts: link.contexts,
    intents: link.intents,
    is_influential: link.isInfluential,
  };
}
