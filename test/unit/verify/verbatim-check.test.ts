import { describe, expect, it } from 'vitest';
import { applyChecks } from '../../../src/verify/checks/apply-checks.ts';
import { selfNamesOf, statesVerbatim } from '../../../src/verify/checks/verbatim.ts';
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
    expect(
      statesVerbatim(core, 'Participants who used Paper Plain rated their reading difficulty significantly higher.'),
    ).toBe(false);
    expect(
      statesVerbatim(
        'The model improves BLEU by 2.1 points on WMT14.',
        'The model improves BLEU by 2.4 points on WMT14.',
      ),
    ).toBe(false);
    // Too short to tell a restatement from a shared phrase.
    expect(statesVerbatim('It improves results.', 'It improves results.')).toBe(false);
  });

  it('turns an engine REFUTED into SUPPORTED on the verbatim sentence, recorded as a check', () => {
    const passages = [
      {
        id: 1,
        paperId: 'p',
        text: `How does Paper Plain affect reading? ${claim}`,
        page: 26,
        sectionPath: ['8 Discussion'],
        charStart: 0,
      },
      { id: 2, paperId: 'p', text: neighbour, page: 25, sectionPath: ['7 Results'], charStart: 0 },
    ];
    const result = applyChecks({ claim: { text: claim }, passages }, refuted(neighbour));
    expect(result.verdict).toBe('SUPPORTED');
    expect(result.evidence.map((e) => e.quote)).toEqual([claim]);
    expect(result.checks?.[0]).toMatchObject({ rule: 'verbatim', from: 'REFUTED' });
  });

  it('leaves a REFUTED alone when no sentence states the claim', () => {
    const result = applyChecks(
      {
        claim: { text: claim },
        passages: [{ id: 2, paperId: 'p', text: neighbour, page: 25, sectionPath: [], charStart: 0 }],
      },
      refuted(neighbour),
    );
    expect(result.checks?.some((c) => c.rule === 'verbatim')).not.toBe(true);
  });
});

describe('a claim decontextualised from its own paper', () => {
  const supported = (quote: string, passageId: number): VerificationResult => ({
    verdict: 'SUPPORTED',
    confidence: 0.8,
    evidence: [{ passageId, paperId: 'p', quote, location: 'p. 3', charStart: 0, charEnd: quote.length }],
    rationale: 'engine',
    engine: 'test',
    warnings: [],
  });

  it('reads the paper’s "we", "us" and "our" wherever the claim put its name, and numbered citations as dropped', () => {
    expect(
      statesVerbatim(
        'At inference time, after decoding the lattice, the GridNet authors rescale the scores by a constant factor.',
        'At inference time, after decoding the lattice, we rescale the scores by a constant factor.',
      ),
    ).toBe(true);
    expect(
      statesVerbatim(
        'The held-out split used in [7] gives the GridNet authors noticeably worse results on this benchmark.',
        'The held-out split used in [7] gives us noticeably worse results on this benchmark.',
      ),
    ).toBe(true);
    expect(
      statesVerbatim(
        'The GridNet authors reach the best published results on the benchmark across all test splits.',
        'Table 4 shows that we reach the best published results [12, 14] on the benchmark across all test splits.',
      ),
    ).toBe(true);
    // "On the other hand" contrasts with what went before; it does not suspend the sentence.
    expect(
      statesVerbatim(
        'The GridNet authors find the approximate decoder about ten times faster than the exact one.',
        'On the other hand, we find the approximate decoder about ten times faster than the exact one.',
      ),
    ).toBe(true);
  });

  it('takes each "the <name>" as the paper’s "our", its "the", or the name itself, occurrence by occurrence', () => {
    const names = ['GridNet'];
    expect(
      statesVerbatim(
        'The GridNet features add +2.1 BLEU on top of the GridNet strongest baseline, which already includes a language model.',
        'The GridNet features add +2.1 BLEU on top of our strongest baseline, which already includes a language model.',
        names,
      ),
    ).toBe(true);
    expect(
      statesVerbatim(
        'The GridNet input pixel values are floating point numbers between zero and one.',
        'The input pixel values are floating point numbers between zero and one.',
        names,
      ),
    ).toBe(true);
    // A short citation names the paper too, when the paper gives it.
    expect(
      statesVerbatim(
        'Qian and Liu propose two polynomial time inference algorithms for joint sentence compression.',
        'We propose two polynomial time inference algorithms for joint sentence compression.',
        ['Qian and Liu'],
      ),
    ).toBe(false); // a bare name is a subject the sentence does not have; only "the <name>" and "the <name> authors" stand for it
    expect(
      statesVerbatim(
        'The Qian and Liu approximate approach is about ten times faster than the exact approach.',
        'Our approximate approach is about ten times faster than the exact approach.',
        ['Qian and Liu'],
      ),
    ).toBe(true);
    // A name the paper does not go by is not its "our".
    expect(
      statesVerbatim(
        'The BERT approximate approach is about ten times faster than the exact approach.',
        'Our approximate approach is about ten times faster than the exact approach.',
        ['Qian and Liu'],
      ),
    ).toBe(false);
  });

  it('reads the names a paper goes by from its title: the part before a colon, and acronyms of its words', () => {
    expect(selfNamesOf('GridNet beats the baselines.', 'GridNet: Dense Grids for Lattice Decoding')).toEqual([
      'GridNet',
    ]);
    expect(
      selfNamesOf(
        'AMDCN outperforms HydraCNN on UCF.',
        'An Aggregated Multicolumn Dilated Convolution Network for Perspective-Free Counting',
      ),
    ).toEqual(['AMDCN']);
    expect(
      selfNamesOf('BERT outperforms HydraCNN on UCF.', 'An Aggregated Multicolumn Dilated Convolution Network'),
    ).toEqual([]);
    expect(selfNamesOf('AMDCN outperforms HydraCNN.', undefined)).toEqual([]);
  });

  it('keeps a SUPPORTED whose quote restates the claim with "we" for the name the paper goes by', () => {
    const sentence =
      'We propose two polynomial time inference algorithms to compress sentences under bigram objectives.';
    const passages = [{ id: 1, paperId: 'p', text: sentence, page: 3, sectionPath: ['1 Introduction'], charStart: 0 }];
    const claimed =
      'Qian and Liu propose two polynomial time inference algorithms to compress sentences under bigram objectives.';
    const withNames = applyChecks(
      { claim: { text: claimed, paperId: 'p', selfNames: ['Qian and Liu'] }, passages },
      supported(sentence, 1),
    );
    expect(withNames.verdict).toBe('SUPPORTED');
    // Without knowing the paper's names, the quote lacks the claim's subject.
    const without = applyChecks({ claim: { text: claimed, paperId: 'p' }, passages }, supported(sentence, 1));
    expect(without.verdict).toBe('NOT_ENOUGH_INFO');
    // Another paper's "we" is someone else.
    const other = [{ ...passages[0]!, paperId: 'q' }];
    const fromOther = applyChecks(
      { claim: { text: claimed, paperId: 'p', selfNames: ['Qian and Liu'] }, passages: other },
      supported(sentence, 1),
    );
    expect(fromOther.verdict).toBe('NOT_ENOUGH_INFO');
    // A loose paraphrase that says "we" is no evidence that the paper's system does what the claim says.
    const loose = 'We study sentence compression with several inference algorithms.';
    const paraphrase = applyChecks(
      {
        claim: { text: claimed, paperId: 'p', selfNames: ['Qian and Liu'] },
        passages: [{ ...passages[0]!, text: loose }],
      },
      supported(loose, 1),
    );
    expect(paraphrase.verdict).toBe('NOT_ENOUGH_INFO');
  });
});
