import { describe, expect, it } from 'vitest';
import { analyzeText, negatedFor, overstated, scopedNegationConflicts } from '../../../src/verify/embedded/features.ts';
import { negationCount, negationScopes } from '../../../src/verify/embedded/lexicon.ts';

describe('negation with scope', () => {
  it('reads "neither A nor B led to improved X" as one negation over A, B and X', () => {
    const text = 'Neither intermediate-task training nor multi-task training led to improved transfer on XNLI.';
    expect(negationCount(text)).toBe(1);
    expect(analyzeText(text).negated).toBe(true);
    const claim = analyzeText('Intermediate-task training improves transfer on XNLI by 2 points.');
    expect(scopedNegationConflicts(claim, analyzeText(text))).toBeGreaterThan(0);
  });

  it('stops a negation at the end of its clause', () => {
    expect(negationScopes('The model is fast, but it does not improve BLEU.')).toEqual([' improve bleu.']);
    const evidence = analyzeText(
      'They seemed to work best on our data sets – larger sizes did not improve results, while smaller sizes degraded results.',
    );
    expect(negatedFor(analyzeText('They seemed to work best on our data sets.'), evidence)).toBe(false);
    expect(negatedFor(analyzeText('Larger sizes improve results.'), evidence)).toBe(true);
  });

  it('does not count "not only" as a negation, and reads "no significant", "fails to"', () => {
    expect(negationCount('The gain comes not only from the parser but also from paraphrasing.')).toBe(0);
    expect(analyzeText('Pre-training yields no significant gain on SQuAD.').negated).toBe(true);
    expect(analyzeText('The baseline fails to converge on WMT14.').negated).toBe(true);
  });
});

describe('strength', () => {
  it('flags a claim stronger than its evidence ("comparable to" → "better than", "some" → "all")', () => {
    const evidence = analyzeText('Our parser achieves accuracy comparable to the state of the art on some datasets.');
    expect(
      overstated(
        analyzeText('Our parser achieves accuracy better than the state of the art on all datasets.'),
        evidence,
      ),
    ).toBe(true);
    expect(
      overstated(
        analyzeText('Our parser achieves accuracy comparable to the state of the art on some datasets.'),
        evidence,
      ),
    ).toBe(false);
  });
});
