import { compareQuantities, extractNumbers } from '../core/numbers.ts';
import type { Passage } from '../core/types.ts';
import type { ResultTable } from '../core/tables.ts';
import type { Store } from '../store/store.ts';
import type { CandidatePassage } from '../verify/verifier.ts';

export interface EvidenceRetrievalOptions {
  /** The claim's own paper: searched first. */
  paperId?: string | null;
  /** Other papers to corroborate against (default: the whole corpus). */
  corpusPaperIds?: string[];
  ownLimit?: number;
  corpusLimit?: number;
  /** Passages that must not be used as evidence (e.g. the claim's own source sentence's passage). */
  excludePassageIds?: number[];
}

/**
 * Candidate evidence for a claim: BM25 over the claim's own paper, passages of that paper that state
 * one of the claim's numbers (FTS splits "7.5" into two tokens, so numbers are matched by value,
 * at the precision the claim states), then BM25 over the other papers for corroboration.
 */
export async function retrieveEvidence(
  store: Store,
  claimText: string,
  options: EvidenceRetrievalOptions = {},
): Promise<CandidatePassage[]> {
  const exclude = new Set(options.excludePassageIds ?? []);
  const seen = new Set<number>();
  const out: CandidatePassage[] = [];
  const titles = new Map<string, string | undefined>();
  const titleOf = async (paperId: string) => {
    if (!titles.has(paperId)) titles.set(paperId, (await store.papers.get(paperId))?.title);
    return titles.get(paperId);
  };
  const push = async (passage: Passage, score: number | undefined) => {
    if (seen.has(passage.id) || exclude.has(passage.id)) return;
    seen.add(passage.id);
    const paperTitle = await titleOf(passage.paperId);
    out.push({
      ...(paperTitle ? { paperTitle } : {}),
      id: passage.id,
      paperId: passage.paperId,
      text: passage.text,
      page: passage.page,
      sectionPath: passage.sectionPath,
      charStart: passage.charStart,
      score,
    });
  };
  if (options.paperId) {
    const own = await store.passages.search(claimText, {
      paperId: options.paperId,
      limit: options.ownLimit ?? 6,
      match: 'any',
      kind: 'prose',
    });
    for (const hit of own) await push(hit.passage, hit.score);
    for (const passage of (await passagesStatingNumbers(store, options.paperId, claimText)).slice(0, 4))
      await push(passage, undefined);
  }
  const corpus = options.corpusPaperIds?.filter((id) => id !== options.paperId);
  if (!corpus || corpus.length > 0) {
    const hits = await store.passages.search(claimText, {
      limit: options.corpusLimit ?? 6,
      excludePaperId: options.paperId ?? undefined,
      paperIds: corpus,
      match: 'any',
      kind: 'prose',
    });
    for (const hit of hits) await push(hit.passage, hit.score);
  }
  return out;
}

/**
 * The results tables of these papers, for the checks that compare a claim's figures with cells.
 * Tables are never prose evidence: their rows are kept out of the passages above.
 */
export async function tablesOf(store: Store, paperIds: string[]): Promise<ResultTable[]> {
  const tables: ResultTable[] = [];
  for (const id of new Set(paperIds)) tables.push(...(await store.tables.list(id)));
  return tables;
}

async function passagesStatingNumbers(store: Store, paperId: string, claimText: string): Promise<Passage[]> {
  const claimed = extractNumbers(claimText);
  if (claimed.length === 0) return [];
  return (await store.passages.list(paperId, { kind: 'prose' })).filter((passage) => {
    const found = extractNumbers(passage.text);
    return claimed.some((c) =>
      found.some((f) => {
        const comparison = compareQuantities(c, f);
        return comparison === 'equal' || comparison === 'within_rounding';
      }),
    );
  });
}
