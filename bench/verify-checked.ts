/**
 * The deterministic checks (src/verify/checks/) applied to scored pairs, as users get the embedded
 * engine (withChecks): the evidence document becomes one passage of its sentences, the model's
 * quotes its sentences, and the checks may override verdict and confidence.
 */
import { checkSentenceVerdict } from '../src/verify/batch.ts';
import type { LabelledSet } from '../src/verify/embedded/datasets.ts';
import type { ScoredPair } from '../src/verify/embedded/train.ts';

export function checkScored(scored: ScoredPair[], set: LabelledSet): ScoredPair[] {
  return scored.map((s) => {
    const doc = set.documents.get(s.pair.docId);
    if (!doc) return s;
    const { checked } = checkSentenceVerdict(s.pair.claim, doc, s);
    return { ...s, verdict: checked.verdict, confidence: checked.confidence };
  });
}
