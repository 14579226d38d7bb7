import { describe, expect, it } from 'vitest';
import type { ExtractedClaim } from '../../../src/claims/claim-extractor.ts';
import {
  CENTRAL_AT,
  isCentral,
  type RankCandidate,
  rankClaims,
  selectClaims,
} from '../../../src/claims/rank-claims.ts';

let offset = 0;
function candidate(text: string, over: Partial<RankCandidate> = {}): RankCandidate {
  const claim: ExtractedClaim = {
    paperId: 'local:p',
    text,
    type: 'result',
    numbers: [],
    passageId: 1,
    charStart: offset,
    charEnd: offset + text.length,
    relevance: 0,
    engine: 'embedded@1',
  };
  offset += text.length + 1;
  return { claim, source: text, role: 'body', inAbstract: false, kind: 'finding', worthiness: 0.6, ...over };
}

const headline = 'Intermediate training on MNLI improves XNLI accuracy by 2.1 points over the baseline.';
const negative = 'Neither SQuAD nor QQP offers significant improvements on XNLI.';
const restated = 'XNLI accuracy rises by 2.1 points when MNLI is used for intermediate training.';
const lr = 'The authors fine-tune with a learning rate of 1e-5 for 3 epochs.';
const alpha = 'The authors sample 2 million sentences and set α = 0.3.';

describe('rankClaims', () => {
  const candidates = () => [
    candidate(lr, { kind: 'method-detail', worthiness: 0.9, role: 'body' }),
    candidate(alpha, { kind: 'method-detail', worthiness: 0.9, role: 'body' }),
    candidate(headline, { role: 'abstract', inAbstract: true }),
    candidate(negative, { role: 'abstract', inAbstract: true }),
    candidate(restated, { role: 'results' }),
    candidate(headline, { role: 'conclusion' }),
  ];

  it('ranks the abstract’s positive and negative findings first and hyperparameters last', () => {
    const ranked = rankClaims(candidates());
    expect(
      ranked
        .slice(0, 2)
        .map((c) => c.text)
        .sort(),
    ).toEqual([headline, negative].sort());
    expect(ranked.slice(0, 2).every(isCentral)).toBe(true);
    expect(
      ranked
        .slice(-2)
        .map((c) => c.text)
        .sort(),
    ).toEqual([alpha, lr].sort());
    // Stated in the abstract and again in the results ranks above a finding stated once.
    const [first] = ranked;
    expect(first!.text).toBe(headline);
  });

  it('merges the conclusion’s copy of a finding into the abstract’s, keeping both locations', () => {
    const input = candidates();
    const ranked = rankClaims(input);
    const merged = ranked.filter((c) => c.text === headline);
    expect(merged).toHaveLength(1);
    const conclusionCopy = input[5]!.claim;
    expect(merged[0]!.charStart).toBe(input[2]!.claim.charStart);
    expect(merged[0]!.locations).toEqual([
      { passageId: conclusionCopy.passageId, charStart: conclusionCopy.charStart, charEnd: conclusionCopy.charEnd },
    ]);
    // A paraphrase with the same figures is a restatement, not a duplicate: it stays a claim of its own.
    expect(ranked.some((c) => c.text === restated)).toBe(true);
  });

  it('never cuts a headline finding: the cap bounds the others', () => {
    const ranked = rankClaims(candidates(), { maxClaims: 1 });
    expect(
      ranked
        .filter(isCentral)
        .map((c) => c.text)
        .sort(),
    ).toEqual([headline, negative].sort());
    expect(ranked.filter((c) => !isCentral(c))).toHaveLength(1);
    expect(rankClaims(candidates(), { maxClaims: 0 }).every(isCentral)).toBe(true);
  });

  it('weights the question score by centrality, unless the question asks about the method', () => {
    const score = (text: string) => (text === lr ? 0.9 : text === headline ? 0.6 : 0.1);
    const byQuestion = rankClaims(candidates(), { questionScore: score });
    expect(byQuestion[0]!.text).toBe(headline);
    const lrClaim = byQuestion.find((c) => c.text === lr)!;
    expect(lrClaim.relevance).toBeLessThan(byQuestion[0]!.relevance);
    const aboutMethod = rankClaims(candidates(), { questionScore: score, methodAsked: true });
    expect(aboutMethod[0]!.text).toBe(lr);
    // A claim the question does not touch stays near 0, however central to its paper.
    expect(rankClaims(candidates(), { questionScore: () => 0 }).every((c) => c.relevance === 0)).toBe(true);
  });

  it('selectClaims keeps every claim at or above CENTRAL_AT and bounds the rest', () => {
    const claims = [0.9, 0.2, CENTRAL_AT, 0.5, 0.4].map((centrality) => ({ centrality }));
    expect(selectClaims(claims, 1)).toEqual([{ centrality: 0.9 }, { centrality: 0.2 }, { centrality: CENTRAL_AT }]);
    expect(selectClaims(claims, undefined)).toHaveLength(5);
  });
});
