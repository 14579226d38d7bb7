import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareQuantities, extractNumbers } from '../../../src/core/numbers.ts';
import { parseHtml } from '../../../src/ingest/parse-html.ts';
import { analyzeText } from '../../../src/verify/embedded/features.ts';
import { buildMlClaims, isResultSentence, type MlPaper } from '../../../src/verify/embedded/ml-claims.ts';
import {
  changedNumber,
  flipDirection,
  insertNegation,
  paperNames,
  perturbNumber,
  removeNegation,
  strengthen,
  swapComparison,
  swapEntity,
} from '../../../src/verify/embedded/perturb.ts';
import { sharedData } from '../../support/shared-data.ts';

/** Perturbations on real sentences of the shared ML papers: each changes what the sentence says. */
const load = (file: string): MlPaper => {
  const doc = parseHtml(readFileSync(sharedData('html', file), 'utf8'), { name: file });
  return { paperId: file, title: doc.title, fullText: doc.fullText, sections: doc.sections, tables: doc.tables };
};
const nnjm = load('acl-P14-1129.latexml-0.8.0.html');
const parsing = load('acl-P14-1133.latexml-0.8.0.html');
const sentenceWith = (paper: MlPaper, fragment: string): string => {
  const at = paper.fullText.indexOf(fragment);
  expect(at, fragment).toBeGreaterThanOrEqual(0);
  const start = paper.fullText.lastIndexOf('. ', at) + 2;
  const end = paper.fullText.indexOf('.', at + fragment.length) + 1;
  return paper.fullText.slice(start, end).trim();
};
const fixed = () => 0.3;

describe('perturbations of real result sentences', () => {
  const gain = sentenceWith(nnjm, 'produce a gain of +3.0 BLEU');

  it('changes a result number beyond its rounding, leaving the rest intact', () => {
    const p = perturbNumber(gain, fixed)!;
    expect(p.kind).toBe('number');
    expect(p.text).not.toBe(gain);
    const [before] = extractNumbers(p.from);
    const [after] = extractNumbers(p.to);
    expect(compareQuantities(before!, after!)).toBe('different');
    expect(p.text.replace(p.to, p.from)).toBe(gain);
  });

  it('never changes years, table labels or citation numbers', () => {
    expect(perturbNumber('Table 3 shows the results reported in 2014 by [22].', fixed)).toBeNull();
    expect(changedNumber('0.802', fixed, false)).toMatch(/^\d\.\d{3}$/);
  });

  it('inserts a negation the text analysis reads as negating the claim', () => {
    const p = insertNegation(gain)!;
    expect(p.text).toContain('the NNJM features do not produce a gain of +3.0 BLEU');
    expect(analyzeText(p.text).negated).toBe(true);
    expect(analyzeText(gain).negated).toBe(false);
  });

  it('removes a negation: "did not improve" becomes "improved"', () => {
    const source = sentenceWith(nnjm, 'larger sizes did not improve results');
    const p = removeNegation(source)!;
    expect(p.text).toContain('larger sizes improved results');
    expect(p.text).not.toMatch(/did not/);
  });

  it('flips a direction word', () => {
    const source = sentenceWith(nnjm, 'self-normalization significantly improves the speed');
    const p = flipDirection(source)!;
    expect(p.text).toContain('significantly hurts the speed');
  });

  it('swaps the two sides of a comparison (A beats B → B beats A)', () => {
    const p = swapComparison('On WebQuestions, ParaSempre outperforms SEMPRE by 5 points.')!;
    expect(p.text).toBe('On WebQuestions, SEMPRE outperforms ParaSempre by 5 points.');
  });

  it('swaps a metric for another metric of the same paper, or a dataset for another name', () => {
    const names = paperNames(nnjm.fullText);
    expect(names).toContain('BLEU');
    const metric = swapEntity(
      'This leads to a total improvement of +3.0 BLEU from the NNJM.',
      ['BLEU', 'accuracy'],
      fixed,
    )!;
    expect(metric.text).toContain('+3.0 accuracy');
    const dataset = swapEntity('We show primary results on the NIST OpenMT12 Arabic-English condition.', names, fixed)!;
    expect(dataset.from).not.toBe(dataset.to);
    expect(names.includes(dataset.to) || /\d$/.test(dataset.to)).toBe(true);
  });

  it('strengthens a hedge or quantifier (PARTIAL)', () => {
    expect(strengthen('Our parser is comparable to the state of the art on Free917.')!.text).toContain('better than');
    expect(strengthen('Paraphrasing helps on some datasets.')!.text).toBe('Paraphrasing helps on all datasets.');
    expect(strengthen('This can be reduced to 5 additions.')!.text).toBe('This is reduced to 5 additions.');
  });
});

describe('the ML-claims set', () => {
  const set = buildMlClaims([nnjm, parsing], { seed: 13, perPaper: 15, folds: 2 });

  it('is deterministic for a seed and splits by paper', () => {
    const again = buildMlClaims([nnjm, parsing], { seed: 13, perPaper: 15, folds: 2 });
    expect(again.pairs).toEqual(set.pairs);
    for (const pair of set.pairs) {
      expect(pair.docId.startsWith(pair.group)).toBe(true);
      expect(pair.fold).toBe(pair.group === nnjm.paperId ? 0 : 1);
    }
  });

  it('has every label, PARTIAL trained as SUPPORTED, and only result sentences as sources', () => {
    const golds = new Set(set.pairs.map((p) => p.gold));
    expect([...golds].sort()).toEqual(['NOT_ENOUGH_INFO', 'PARTIAL', 'REFUTED', 'SUPPORTED']);
    for (const p of set.pairs.filter((x) => x.gold === 'PARTIAL')) expect(p.label).toBe('SUPPORTED');
    for (const p of set.pairs.filter((x) => x.kind === 'verbatim')) {
      expect(isResultSentence(p.claim)).toBe(true);
      expect(set.documents.get(p.docId)!.sentences[p.rationale[0]!]).toBe(p.claim);
    }
  });
});
