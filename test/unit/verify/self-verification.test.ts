import { describe, expect, it } from 'vitest';
import { EmbeddedVerifier } from '../../../src/verify/embedded/embedded-verifier.ts';
import type { CandidatePassage } from '../../../src/verify/verifier.ts';

/**
 * Self-verification on computer-science paper text: a claim decontextualised from a paper ("We" →
 * "The X authors", light paraphrase) must be SUPPORTED by the sentence it came from; a negated or
 * number-changed variant must be REFUTED; an unrelated claim must be NOT_ENOUGH_INFO. The
 * SciFact-trained classifier once read near-verbatim restatements as REFUTED.
 */
const verifier = new EmbeddedVerifier();

const FILLER = 'Related work is discussed in Section 2. The appendix lists all hyperparameters.';

function passages(sentence: string): CandidatePassage[] {
  const text = `${FILLER} ${sentence}`;
  return [{ id: 1, paperId: 'local:paper', text, page: 1, sectionPath: ['1 Introduction'], charStart: 0 }];
}

interface Case {
  source: string;
  claim: string;
  negated: string;
  unrelated: string;
  numberChanged?: string;
}

const CASES: Case[] = [
  {
    source:
      'In this paper, we introduce CiteSee, a novel scientific paper reading tool that provides a personalized literature review experience.',
    claim:
      'The CiteSee authors introduce CiteSee, a novel scientific paper reading tool that provides a personalized literature review experience.',
    negated: 'CiteSee does not provide a personalized literature review experience.',
    unrelated: 'Quantum annealers solve the travelling salesman problem faster than classical solvers.',
  },
  {
    source: 'We propose FlashSort, a cache-aware sorting algorithm that reduces memory traffic on GPUs.',
    claim: 'The FlashSort authors propose a cache-aware sorting algorithm that reduces memory traffic on GPUs.',
    negated: 'FlashSort does not reduce memory traffic on GPUs.',
    unrelated: 'Wheat yields in northern Europe declined during the drought of 2018.',
  },
  {
    source:
      'Our user study with 24 participants shows that PaperLens helps researchers find relevant citations faster.',
    claim: 'A user study with 24 participants shows that PaperLens helps researchers find relevant citations faster.',
    negated: 'PaperLens does not help researchers find relevant citations faster.',
    numberChanged:
      'A user study with 31 participants shows that PaperLens helps researchers find relevant citations faster.',
    unrelated: 'Coral reefs recover within a decade after bleaching events.',
  },
  {
    source: 'We show that TinyRetriever achieves a recall@10 of 83.4% on the MS MARCO passage ranking benchmark.',
    claim: 'TinyRetriever achieves a recall@10 of 83.4% on the MS MARCO passage ranking benchmark.',
    negated: 'TinyRetriever does not achieve competitive recall on the MS MARCO passage ranking benchmark.',
    numberChanged: 'TinyRetriever achieves a recall@10 of 78.9% on the MS MARCO passage ranking benchmark.',
    unrelated: 'Migratory birds navigate using magnetic cues from the Earth.',
  },
  {
    source:
      'We present GraphMender, a static analysis tool that automatically repairs null pointer dereferences in Java programs.',
    claim:
      'The GraphMender authors present a static analysis tool that automatically repairs null pointer dereferences in Java programs.',
    negated: 'GraphMender cannot repair null pointer dereferences in Java programs.',
    unrelated: 'Vitamin D supplementation lowers the incidence of winter influenza.',
  },
  {
    source:
      'In this work, we introduce a contrastive pretraining objective that improves zero-shot image classification.',
    claim: 'The authors introduce a contrastive pretraining objective that improves zero-shot image classification.',
    negated: 'The contrastive pretraining objective does not improve zero-shot image classification.',
    unrelated: 'The Roman aqueducts carried water over distances of more than 90 km.',
  },
  {
    source: 'We find that increasing the batch size to 4096 reduces training time by 40% without hurting accuracy.',
    claim:
      'The authors find that increasing the batch size to 4096 cuts training time by 40% without hurting accuracy.',
    negated: 'Increasing the batch size to 4096 does not reduce training time.',
    numberChanged:
      'The authors find that increasing the batch size to 4096 cuts training time by 65% without hurting accuracy.',
    unrelated: 'Sea otters use rocks as tools to open shellfish.',
  },
  {
    source:
      'Our experiments demonstrate that LoRA-Lite matches full fine-tuning on the GLUE benchmark while training 0.5% of the parameters.',
    claim:
      'The LoRA-Lite experiments demonstrate that it matches full fine-tuning on the GLUE benchmark while training 0.5% of the parameters.',
    negated: 'LoRA-Lite does not match full fine-tuning on the GLUE benchmark.',
    numberChanged: 'LoRA-Lite matches full fine-tuning on the GLUE benchmark while training 3% of the parameters.',
    unrelated: 'Volcanic eruptions in Iceland disrupted European air travel in 2010.',
  },
  {
    source: 'We introduce Murmur, a peer-to-peer protocol that lowers message latency in large distributed systems.',
    claim:
      'The Murmur authors introduce a peer-to-peer protocol that lowers message latency in large distributed systems.',
    negated: 'Murmur does not lower message latency in large distributed systems.',
    unrelated: 'Honey bees communicate the location of flowers through a waggle dance.',
  },
  {
    source:
      'In this paper we describe Scribe, an interactive system that helps novice programmers understand compiler error messages.',
    claim:
      'The Scribe authors describe an interactive system that helps novice programmers understand compiler error messages.',
    negated: 'Scribe does not help novice programmers understand compiler error messages.',
    unrelated: 'Glaciers in the Alps have lost half their volume since 1900.',
  },
];

const verdictOf = async (claim: string, source: string) =>
  (await verifier.verify({ claim: { text: claim }, passages: passages(source) })).verdict;

describe('embedded verifier on claims checked against their own source (CS papers)', () => {
  it.each(CASES.map((c) => [c.claim, c.source]))('supports the restated claim "%s"', async (claim, source) => {
    expect(await verdictOf(claim, source)).toBe('SUPPORTED');
  });

  it.each(CASES.map((c) => [c.negated, c.source]))('refutes the negated claim "%s"', async (claim, source) => {
    expect(await verdictOf(claim, source)).toBe('REFUTED');
  });

  const changed = CASES.filter((c) => c.numberChanged).map((c) => [c.numberChanged!, c.source]);
  it.each(changed)('refutes the claim with a changed number "%s"', async (claim, source) => {
    expect(await verdictOf(claim, source)).toBe('REFUTED');
  });

  it.each(CASES.map((c) => [c.unrelated, c.source]))(
    'finds no evidence for the unrelated claim "%s"',
    async (claim, source) => {
      expect(await verdictOf(claim, source)).toBe('NOT_ENOUGH_INFO');
    },
  );
});
