import { describe, expect, it } from 'vitest';
import { applyChecks } from '../../../src/verify/checks/apply-checks.ts';
import { readSlotSwap } from '../../../src/verify/checks/slot-swap.ts';
import type { VerificationResult } from '../../../src/verify/verifier.ts';

// Made-up sentences in the shape of a name a reviewer puts in the wrong place.
const sentence =
  'For each question, the tool extracts passages with a reader model trained on BioASQ, a biomedical task.';
const claim = 'The tool extracts passages with a reader model trained on SQuAD.';

describe('a name the paper gives in the claim’s slot', () => {
  it('reads the other name after the same two words', () => {
    expect(readSlotSwap(claim, sentence, ['squad'])).toEqual({ kind: 'name', claimed: 'squad', found: 'bioasq' });
    // No name after "trained on" in the sentence, or the claim's name is there: nothing swapped.
    expect(
      readSlotSwap(claim, 'The tool extracts passages with a reader model trained on questions.', ['squad']),
    ).toBeNull();
    expect(readSlotSwap(claim, sentence, [])).toBeNull();
  });

  it('takes neither part of a name for a slot nor a misspelling for another name', () => {
    const county = 'About 48,000 people were infected in Santa Clara County by early April.';
    expect(
      readSlotSwap('About 48,000 people were infected in Santa Clara Country by April.', county, ['country']),
    ).toBeNull();
    expect(readSlotSwap('Passages come from a reader trained on BioASO.', sentence, ['bioaso'])).toBeNull();
    // The same corpus named more fully is not another corpus.
    const nist = 'The segmenter is comparable to supervised segmenters on the in-domain NIST OpenMT corpus.';
    expect(
      readSlotSwap('The segmenter is comparable to supervised segmenters on the OpenMT06 corpus.', nist, ['openmt06']),
    ).toBeNull();
  });

  it('refutes the claim with the paper’s sentence as evidence', () => {
    const base: VerificationResult = {
      verdict: 'SUPPORTED',
      confidence: 0.7,
      evidence: [{ passageId: 1, paperId: 'p', quote: sentence, location: 'p. 1' }],
      rationale: '',
      engine: 'embedded',
      warnings: [],
    };
    const passage = { id: 1, paperId: 'p', text: sentence, page: 1, sectionPath: [], charStart: 0 };
    const result = applyChecks({ claim: { text: claim }, passages: [passage] }, base);
    expect(result.verdict).toBe('REFUTED');
    expect(result.checks?.[0]).toMatchObject({
      rule: 'entity',
      detail: 'the claim names "squad" where the paper says "bioasq"',
    });
  });
});
