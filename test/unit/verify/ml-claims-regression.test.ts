import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../src/ingest/parse-html.ts';
import { withChecks } from '../../../src/verify/checked-verifier.ts';
import { EmbeddedVerifier } from '../../../src/verify/embedded/embedded-verifier.ts';
import { type MlPaper, paperParagraphs } from '../../../src/verify/embedded/ml-claims.ts';
import { insertNegation, perturbNumber, removeNegation } from '../../../src/verify/embedded/perturb.ts';
import type { VerificationResult } from '../../../src/verify/verifier.ts';
import { sharedData } from '../../support/shared-data.ts';

/**
 * The committed model on real sentences of a shared ML paper (ACL P14-1129, NNJM), each checked
 * against the paragraph it comes from: verbatim → SUPPORTED, and more confidently than a claim the
 * paragraph does not support; a negation inserted or removed → not SUPPORTED; a result number
 * changed → REFUTED.
 */
const file = 'acl-P14-1129.latexml-0.8.0.html';
const doc = parseHtml(readFileSync(sharedData('html', file), 'utf8'), { name: file });
const paper: MlPaper = {
  paperId: file,
  title: doc.title,
  fullText: doc.fullText,
  sections: doc.sections,
  tables: doc.tables,
};
const paragraphs = paperParagraphs(paper);
const verifier = new EmbeddedVerifier();

function sourceSentence(fragment: string): { sentence: string; paragraph: string } {
  for (const p of paragraphs) {
    const sentence = p.sentences.find((s) => s.includes(fragment));
    if (sentence) return { sentence, paragraph: p.sentences.join(' ') };
  }
  throw new Error(`no sentence with "${fragment}" in ${file}`);
}

const verify = (claim: string, paragraph: string): Promise<VerificationResult> =>
  verifier.verify({
    claim: { text: claim },
    passages: [{ id: 1, paperId: 'acl:P14-1129', text: paragraph, page: null, sectionPath: [], charStart: 0 }],
  });

describe('embedded verifier on real ML-paper sentences', () => {
  const gain = sourceSentence('produce a gain of +3.0 BLEU');
  const sizes = sourceSentence('larger sizes did not improve results');

  it('supports the verbatim sentence, more confidently than an unsupported claim', async () => {
    const verbatim = await verify(gain.sentence, gain.paragraph);
    expect(verbatim.verdict).toBe('SUPPORTED');
    expect(verbatim.evidence[0]!.quote).toBe(gain.sentence);
    const unsupported = await verify(
      'The NNJM features improve translation speed by a factor of ten on the BOLT Chinese-English test set.',
      gain.paragraph,
    );
    expect(unsupported.verdict).not.toBe('SUPPORTED');
    const supportConfidence = (r: VerificationResult) => (r.verdict === 'SUPPORTED' ? r.confidence : 1 - r.confidence);
    expect(supportConfidence(verbatim)).toBeGreaterThan(supportConfidence(unsupported));
  });

  it('does not support the sentence with a negation inserted', async () => {
    const negated = insertNegation(gain.sentence)!;
    expect((await verify(negated.text, gain.paragraph)).verdict).not.toBe('SUPPORTED');
  });

  it('does not support the sentence with its negation removed', async () => {
    const affirmed = removeNegation(sizes.sentence)!;
    expect(affirmed.text).toContain('larger sizes improved results');
    expect((await verify(affirmed.text, sizes.paragraph)).verdict).not.toBe('SUPPORTED');
  });

  it('refutes the sentence with its result number changed', async () => {
    const changed = perturbNumber(gain.sentence, () => 0.7)!;
    expect(changed.from).toBe('3.0');
    expect((await verify(changed.text, gain.paragraph)).verdict).toBe('REFUTED');
  });
});

describe('the checks on real ML-paper sentences with one name or figure swapped', () => {
  const checked = withChecks(new EmbeddedVerifier());
  const verifyChecked = (claim: string, paragraph: string) =>
    checked.verify({
      claim: { text: claim },
      passages: [{ id: 1, paperId: 'acl:P14-1129', text: paragraph, page: null, sectionPath: [], charStart: 0 }],
    });
  const equivalent = sourceSentence('the NNJM features are equivalent to the combined improvements');
  const speed = sourceSentence('only reduces the BLEU improvement from +6.4 to +6.1');

  it('refutes a claim that credits another model with the paper’s finding, quoting the paper’s sentence', async () => {
    const swapped = equivalent.sentence.replace('the NNJM features', 'the NCE features');
    const result = await verifyChecked(swapped, equivalent.paragraph);
    expect(result.verdict).toBe('REFUTED');
    expect(result.checks?.some((c) => c.rule === 'entity' && c.detail.includes('"NNJM"'))).toBe(true);
    expect(result.evidence[0]!.quote).toBe(equivalent.sentence);
    expect((await verifyChecked(equivalent.sentence, equivalent.paragraph)).verdict).toBe('SUPPORTED');
  });

  it('refutes a claim that changes one of two figures the sentence states', async () => {
    const changed = speed.sentence.replace('from +6.4 to +6.1', 'from +6.4 to +5.1');
    expect(changed).not.toBe(speed.sentence);
    expect((await verifyChecked(changed, speed.paragraph)).verdict).toBe('REFUTED');
  });
});
