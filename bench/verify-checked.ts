/**
 * The deterministic checks (src/verify/checks/) applied to scored pairs, as users get the embedded
 * engine (withChecks): the evidence document becomes one passage of its sentences, the model's
 * quotes its sentences, and the checks may override verdict and confidence.
 */
import { applyChecks } from '../src/verify/checks/apply-checks.ts';
import type { LabelledSet } from '../src/verify/embedded/datasets.ts';
import type { ScoredPair } from '../src/verify/embedded/train.ts';
import type { VerificationResult } from '../src/verify/verifier.ts';

export function checkScored(scored: ScoredPair[], set: LabelledSet): ScoredPair[] {
  return scored.map((s) => {
    const doc = set.documents.get(s.pair.docId);
    if (!doc) return s;
    const starts: number[] = [];
    let offset = 0;
    for (const sentence of doc.sentences) {
      starts.push(offset);
      offset += sentence.length + 1;
    }
    const passage = {
      id: 0,
      paperId: doc.docId,
      text: doc.sentences.join(' '),
      page: null,
      sectionPath: [],
      charStart: 0,
    };
    const base: VerificationResult = {
      verdict: s.verdict,
      confidence: s.confidence,
      evidence: s.evidence.map((i) => ({
        passageId: 0,
        paperId: doc.docId,
        quote: doc.sentences[i]!,
        location: 'abstract',
        charStart: starts[i]!,
        charEnd: starts[i]! + doc.sentences[i]!.length,
      })),
      rationale: '',
      engine: 'embedded',
      warnings: [],
    };
    const checked = applyChecks({ claim: { text: s.pair.claim }, passages: [passage] }, base);
    return { ...s, verdict: checked.verdict, confidence: checked.confidence };
  });
}
