import { describe, expect, it } from 'vitest';
import { applyChecks } from '../../../src/verify/checks/apply-checks.ts';
import { readSwappedContrast } from '../../../src/verify/checks/contrast-order.ts';
import type { VerificationResult } from '../../../src/verify/verifier.ts';

// Made-up sentences in the shape of the contrasts reviewers turn around.
const supported = (quote: string): VerificationResult => ({
  verdict: 'SUPPORTED',
  confidence: 0.7,
  evidence: [{ passageId: 1, paperId: 'p', quote, location: 'p. 1' }],
  rationale: '',
  engine: 'embedded',
  warnings: [],
});
const passage = (text: string) => ({ id: 1, paperId: 'p', text, page: 1, sectionPath: [], charStart: 0 });

describe('a contrast put the other way round', () => {
  const paper = 'The study shows the need to annotate, rather than discard, noisy training examples.';

  it('reads "A rather than B" against "B rather than A"', () => {
    expect(
      readSwappedContrast('The authors discard noisy training examples rather than annotate them.', paper),
    ).toContain('the other way round');
    expect(
      readSwappedContrast('The authors annotate noisy training examples rather than discard them.', paper),
    ).toBeNull();
    expect(
      readSwappedContrast('The authors discard noisy training examples instead of annotating them.', paper),
    ).toContain('rather than');
    // No contrast in the claim, or one about other things: nothing to compare.
    expect(readSwappedContrast('The authors discard noisy training examples.', paper)).toBeNull();
    expect(readSwappedContrast('Models are trained on GPUs rather than TPUs.', paper)).toBeNull();
  });

  it('reads the two ends of a range swapped', () => {
    const sentence = 'We label additional times from 2 hours prior to 6 hours after the event.';
    expect(
      readSwappedContrast('Extra time points are labelled from 6 hours before to 2 hours after the event.', sentence),
    ).toContain('from 2 hours prior to 6');
    expect(
      readSwappedContrast('Extra time points are labelled from 2 hours before to 6 hours after the event.', sentence),
    ).toBeNull();
  });

  it('refutes the claim with the paper’s sentence as evidence', () => {
    const claim = 'The authors discard noisy training examples rather than annotate them.';
    const result = applyChecks({ claim: { text: claim }, passages: [passage(paper)] }, supported(paper));
    expect(result.verdict).toBe('REFUTED');
    expect(result.checks?.[0]).toMatchObject({ rule: 'order', from: 'SUPPORTED' });
    expect(result.evidence[0]?.quote).toBe(paper);
  });
});
