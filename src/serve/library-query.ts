import type { Paper, Verdict } from '../core/types.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../store/search.ts';
import type { PaperSummary, Store, StoredClaim, StoredVerdict } from '../store/store.ts';

/**
 * What the web app, its JSON API and the MCP server read from the library: one set of queries over
 * the same store the CLI uses, so every surface shows the same papers, claims and verdicts.
 */

export interface LibraryFilters {
  year?: number;
  source?: string;
  topic?: string;
}

export function paperYear(paper: Pick<Paper, 'published'>): number | null {
  const year = Number(paper.published?.slice(0, 4));
  return Number.isInteger(year) && year > 0 ? year : null;
}

/** Papers matching the filters, newest addition first. */
export async function filterPapers(store: Store, filters: LibraryFilters): Promise<PaperSummary[]> {
  const inTopic = filters.topic ? await topicPaperIds(store, filters.topic) : null;
  return (await store.papers.list())
    .filter((p) => filters.year === undefined || paperYear(p) === filters.year)
    .filter((p) => !filters.source || p.source === filters.source)
    .filter((p) => !inTopic || inTopic.has(p.id))
    .reverse();
}

/** The papers a topic's last refresh included. */
export async function topicPaperIds(store: Store, topic: string): Promise<Set<string>> {
  const found = await store.topics.get(topic);
  return new Set(found?.state.included ?? []);
}

/** Values offered by the library's filters. */
export async function filterChoices(store: Store): Promise<{ years: number[]; sources: string[]; topics: string[] }> {
  const papers = await store.papers.list();
  const years = [...new Set(papers.map(paperYear).filter((y): y is number => y !== null))].sort((a, b) => b - a);
  const sources = [...new Set(papers.map((p) => p.source))].sort();
  return { years, sources, topics: (await store.topics.list()).map((t) => t.name) };
}

export interface SearchResult {
  paperId: string;
  title: string;
  passageId: number;
  page: number | null;
  section: string[];
  charStart: number;
  charEnd: number;
  score: number;
  /** Snippet split into plain and matched parts, so no renderer ever parses markers out of paper text. */
  snippet: { text: string; match: boolean }[];
  /** Ranked among the newest passages holding the query's words only (every word is common). */
  approximate?: true;
}

/** BM25 search (the same as `litmus search`), limited to the papers the filters keep. */
export async function searchLibrary(
  store: Store,
  query: string,
  options: LibraryFilters & { limit?: number; paperId?: string } = {},
): Promise<SearchResult[]> {
  const filtered = options.year !== undefined || options.source || options.topic;
  const paperIds = filtered ? (await filterPapers(store, options)).map((p) => p.id) : undefined;
  return (await store.passages.search(query, { limit: options.limit ?? 20, paperId: options.paperId, paperIds })).map(
    (hit) => ({
      paperId: hit.passage.paperId,
      title: hit.title,
      passageId: hit.passage.id,
      page: hit.passage.page,
      section: hit.passage.sectionPath,
      charStart: hit.passage.charStart,
      charEnd: hit.passage.charEnd,
      score: Math.round(hit.score * 1000) / 1000,
      snippet: splitSnippet(hit.snippet),
      ...(hit.approximate ? { approximate: true as const } : {}),
    }),
  );
}

function splitSnippet(snippet: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  let match = false;
  let current = '';
  for (const ch of snippet) {
    if (ch === HIGHLIGHT_START || ch === HIGHLIGHT_END) {
      if (current) parts.push({ text: current, match });
      current = '';
      match = ch === HIGHLIGHT_START;
    } else current += ch;
  }
  if (current) parts.push({ text: current, match });
  return parts;
}

export interface ClaimWithVerdict {
  claim: StoredClaim;
  verdict: StoredVerdict | null;
}

/** A paper's stored claims with their newest verdicts, optionally only those with one verdict. */
export async function claimsOfPaper(store: Store, paperId: string, verdict?: Verdict): Promise<ClaimWithVerdict[]> {
  const claims: ClaimWithVerdict[] = [];
  for (const claim of await store.claims.list(paperId)) {
    claims.push({ claim, verdict: (await store.verdicts.latest(claim.id)) ?? null });
  }
  return claims.filter((c) => !verdict || c.verdict?.verdict === verdict);
}

export interface OutlineEntry {
  depth: number;
  title: string;
  charStart: number;
  charEnd: number;
}

export interface PaperDetail {
  paper: Paper;
  document: { kind: string; pages: number | null; bytes: number; chars: number } | null;
  outline: OutlineEntry[];
}

export async function paperDetail(store: Store, paperId: string): Promise<PaperDetail | undefined> {
  const paper = await store.papers.get(paperId);
  if (!paper) return undefined;
  const document = await store.documents.latest(paperId);
  return {
    paper,
    document: document
      ? { kind: document.kind, pages: document.pages, bytes: document.bytes, chars: document.fullText.length }
      : null,
    outline: (document?.sections ?? [])
      .filter((s) => s.path.length > 0)
      .map((s) => ({ depth: s.path.length, title: s.path[s.path.length - 1]!, charStart: s.start, charEnd: s.end })),
  };
}
