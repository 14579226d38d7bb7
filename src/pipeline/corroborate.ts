import type { Store } from '../store/store.ts';
import type { Verifier } from '../verify/verifier.ts';
import type { EvidenceIndex } from './evidence-index.ts';
import { retrieveEvidence, tablesOf } from './retrieve-evidence.ts';

const CORROBORATION_PAPERS = 3;

/**
 * Which other papers corroborate or contradict a claim: the closest passages of each other paper
 * (BM25, at most three papers) are judged on their own, so one paper's text never props up or
 * knocks down a verdict about another's. The claim's main verdict rests on its own paper alone.
 */
export async function corroborate(
  store: Store,
  verifier: Verifier,
  claim: { text: string; paperId: string },
  otherPaperIds?: string[],
  index?: EvidenceIndex,
): Promise<{ corroborating: string[]; contradicting: string[] }> {
  const corroborating: string[] = [];
  const contradicting: string[] = [];
  const others = otherPaperIds?.filter((id) => id !== claim.paperId);
  if (others && others.length === 0) return { corroborating, contradicting };
  const candidates = (
    await retrieveEvidence(store, claim.text, {
      paperId: null,
      // The run's whole paper set, so every claim's search shares one index (its own paper left out).
      corpusPaperIds: otherPaperIds,
      excludePaperIds: [claim.paperId],
      corpusLimit: 12,
      ...(index ? { index } : {}),
    })
  ).filter((c) => c.paperId !== claim.paperId);
  const byPaper = new Map<string, typeof candidates>();
  for (const candidate of candidates)
    byPaper.set(candidate.paperId, [...(byPaper.get(candidate.paperId) ?? []), candidate]);
  for (const [paperId, passages] of [...byPaper].slice(0, CORROBORATION_PAPERS)) {
    const result = await verifier.verify({ claim, passages: passages.slice(0, 3), tables: await tablesOf(store, [paperId]) });
    if (result.verdict === 'SUPPORTED' || result.verdict === 'PARTIAL') corroborating.push(paperId);
    else if (result.verdict === 'REFUTED') contradicting.push(paperId);
  }
  return { corroborating, contradicting };
}
