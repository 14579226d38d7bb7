import { describe, expect, it } from 'vitest';
import { applyChecks } from '../../../src/verify/checks/apply-checks.ts';
import { statesVerbatim } from '../../../src/verify/checks/verbatim.ts';
import type { VerificationResult } from '../../../src/verify/verifier.ts';

const claim =
  'Participants who used Paper Plain rated their reading difficulty significantly lower and rated their confidence they got all relevant information from a paper significantly higher.';
const neighbour =
  'As shown in Table 2, readers that only had the Key Question Index and Answer Gists rated their reading difficulty significantly lower (3.00) than participants with the PDF baseline (4.00).';

const refuted = (quote: string): VerificationResult => ({
  verdict: 'REFUTED',
  confidence: 0.95,
  evidence: [{ passageId: 2, paperId: 'p', quote, location: 'p. 25', charStart: 0, charEnd: quote.length }],
  rationale: 'engine',
  engine: 'test',
  warnings: [],
});

describe('a claim its paper states word for word', () => {
  it('matches the paper’s sentence after the attribution a short name replaced', () => {
    expect(
      statesVerbatim(
        'The Paper Plain authors evaluate Paper Plain, finding that participants have an easier time reading papers.',
        'We evaluate Paper Plain, finding that participants have an easier time reading papers.',
      ),
    ).toBe(true);
    expect(
      statesVerbatim(
        'In this position paper, the Beyond Summarization authors argue that AI support for expository writing has unique research challenges.',
        'In this position paper, we argue that AI support for expository writing has unique research challenges.',
      ),
    ).toBe(true);
  });

  it('reads "the <name>" inside the claim as the paper’s "our" (and "the <name> authors" as "we")', () => {
    const sentence =
      'Through a lab study, we found our strategy of using reading history to augment inline citations to be significantly more effective in helping users discover prior work compared to three baseline strategies.';
    expect(
      statesVerbatim(
        'Through a lab study, the CiteSee authors found the CiteSee strategy of using reading history to augment inline citations to be significantly more effective in helping users discover prior work compared to three baseline strategies.',
        sentence,
      ),
    ).toBe(true);
    expect(
      statesVerbatim(
        'The CiteSee authors show that the CiteSee strategy helps readers and the CiteSee authors release the CiteSee code.',
        'We show that our strategy helps readers and we release our code.',
      ),
    ).toBe(true);
    // Another name than the attribution's is a different strategy, not "our".
    expect(
      statesVerbatim(
        'Through a lab study, the CiteSee authors found the S2 strategy of using reading history to augment inline citations to be significantly more effective.',
        sentence,
      ),
    ).toBe(false);
    // Still no match when the words are negated in front.
    expect(
      statesVerbatim(
        'The CiteSee authors found the CiteSee strategy of using reading history to be significantly more effective.',
        'It is not the case that we found our strategy of using reading history to be significantly more effective.',
      ),
    ).toBe(false);
  });

  it('does not match a sentence that negates, questions or changes the words', () => {
    const core = 'participants who used Paper Plain rated their reading difficulty significantly lower';
    expect(statesVerbatim(core, `It is not true that ${core}.`)).toBe(false);
    expect(statesVerbatim(core, `We test whether ${core}.`)).toBe(false);
    expect(statesVerbatim(core, 'Participants who used Paper Plain rated their reading difficulty significantly higher.')).toBe(false);
    expect(statesVerbatim('The model improves BLEU by 2.1 points on WMT14.', 'The model improves BLEU by 2.4 points on WMT14.')).toBe(false);
    // Too short to tell a restatement from a shared phrase.
    expect(statesVerbatim('It improves results.', 'It improves results.')).toBe(false);
  });

  it('turns an engine REFUTED into SUPPORTED on the verbatim sentence, recorded as a check', () => {
    const passages = [
      { id: 1, paperId: 'p', text: `How does Paper Plain affect reading? ${claim}`, page: 26, sectionPath: ['8 Discussion'], charStart: 0 },
      { id: 2, paperId: 'p', text: neighbour, page: 25, sectionPath: ['7 Results'], charStart: 0 },
    ];
    const result = applyChecks({ claim: { text: claim }, passages }, refuted(neighbour));
    expect(result.verdict).toBe('SUPPORTED');
    expect(result.evidence.map((e) => e.quote)).toEqual([claim]);
    expect(result.checks?.[0]).toMatchObject({ rule: 'verbatim', from: 'REFUTED' });
  });

  it('leaves a REFUTED alone when no sentence states the claim', () => {
    const result = applyChecks({ claim: { text: claim }, passages: [{ id: 2, paperId: 'p', text: neighbour, page: 25, sectionPath: [], charStart: 0 }] }, refuted(neighbour));
    expect(result.checks?.some((c) => c.rule === 'verbatim')).not.toBe(true);
  });
});
