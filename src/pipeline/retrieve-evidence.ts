import { compareQuantities, extractNumbers } from '../core/numbers.ts';
import type { Passage } from '../core/types.ts';
import type { ResultTable } from '../core/tables.ts';
import type { Store } from '../store/store.ts';
import type { CandidatePassage } from '../verify/verifier.ts';
import { EvidenceIndex } from './evidence-index.ts';

export interface EvidenceRetrievalOptions {
  /** The claim's own paper: searched first. */
  paperId?: string | null;
  /**
   * Other papers to corroborate against (default: the whole corpus, through the store's search).
   * Passing the run's whole paper set lets every claim share one index; the claim's own paper and
   * `excludePaperIds` are left out of the results.
   */
  corpusPaperIds?: string[];
  /** Papers never used for corroboration (e.g. the claim's own, when `paperId` is null). */
  excludePaperIds?: string[];
  ownLimit?: number;
  corpusLimit?: number;
  /** Passages that must not be used as evidence (e.g. the claim's own source sentence's passage). */
  excludePassageIds?: number[];
  /** The run's index (evidence-index.ts); without one, a fresh one serves this call alone. */
  index?: EvidenceIndex;
}

/**
 * Candidate evidence for a claim: BM25 over the claim's own paper (word statistics from the run's
 * papers, `corpusPaperIds`, when given), passages of that paper that state
 * one of the claim's numbers (word tokens split "7.5" from "7.50", so numbers are matched by value,
 * at the precision the claim states), then BM25 over the other papers for corroboration. The ranking
 * is computed here over every prose passage of those papers (evidence-index.ts), so the evidence, and
 * the verdict resting on it, is the same on every store backend. Only whole-corpus corroboration
 * (no paper set given) uses the store's full-text search, bounded by `corpusLimit`.
 */
export async function retrieveEvidence(
  store: Store,
  claimText: string,
  options: EvidenceRetrievalOptions = {},
): Promise<CandidatePassage[]> {
  const index = options.index ?? new EvidenceIndex(store);
  const exclude = new Set(options.excludePassageIds ?? []);
  const seen = new Set<number>();
  const out: CandidatePassage[] = [];
  const push = async (passage: Passage, score: number | undefined) => {
    if (seen.has(passage.id) || exclude.has(passage.id)) return;
    seen.add(passage.id);
    const paperTitle = await index.title(passage.paperId);
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
    // Word rarity from the run's papers, not the claim's paper alone: with one paper's statistics, a
    // name rare in it (an entity swapped into the claim from elsewhere in the paper) outweighs the
    // claim's other words and pulls in the passage that mentions it (measured on 629 ML claims:
    // entity-swap verdicts 0.425 correct with one paper's IDF, 0.452 with all 11 papers'; FTS5's, 0.534).
    const statistics = [...(options.corpusPaperIds ?? []), options.paperId];
    const own = await index.search(claimText, statistics, {
      limit: options.ownLimit ?? 6,
      onlyPaperId: options.paperId,
    });
    for (const hit of own) await push(hit.passage, hit.score);
    const stating = statingNumbers(await index.prose(options.paperId), claimText);
    for (const passage of stating.slice(0, 4)) await push(passage, undefined);
  }
  const excluded = [...(options.excludePaperIds ?? []), ...(options.paperId ? [options.paperId] : [])];
  const corpusLimit = options.corpusLimit ?? 6;
  if (options.corpusPaperIds) {
    if (options.corpusPaperIds.some((id) => !excluded.includes(id))) {
      const hits = await index.search(claimText, options.corpusPaperIds, { limit: corpusLimit, excludePaperIds: excluded });
      for (const hit of hits) await push(hit.passage, hit.score);
    }
  } else {
    // Whole-corpus corroboration: the store's search, bounded (one excluded paper is filtered in SQL,
    // any further ones here, from a few extra hits).
    const hits = await store.passages.search(claimText, {
      limit: corpusLimit * Math.max(1, excluded.length),
      ...(excluded[0] ? { excludePaperId: excluded[0] } : {}),
      match: 'any',
      kind: 'prose',
    });
    const others = hits.filter((hit) => !excluded.includes(hit.passage.paperId)).slice(0, corpusLimit);
    for (const hit of others) await push(hit.passage, hit.score);
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

/** Passages (in document order) stating one of the claim's numbers, at the precision the claim states. */
function statingNumbers(passages: Passage[], claimText: string): Passage[] {
  const claimed = extractNumbers(claimText);
  if (claimed.length === 0) return [];
  return passages.filter((passage) => {
    const found = extractNumbers(passage.text);
    return claimed.some((c) =>
      found.some((f) => {
        const comparison = compareQuantities(c, f);
        return comparison === 'equal' || comparison === 'within_rounding';
      }),
    );
  });
}
