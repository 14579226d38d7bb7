import { describe, expect, it } from 'vitest';
import {
  DOC_FEATURES,
  SENTENCE_FEATURES,
  analyzeText,
  compareClaimNumbers,
  documentFeatures,
  sentenceFeatures,
} from '../../../src/verify/embedded/features.ts';
import { antonymConflicts, direction, effectRatioDirection } from '../../../src/verify/embedded/lexicon.ts';
import { contentStems, splitSentences, stem } from '../../../src/verify/tokenize.ts';

const idf = (s: string) => (s.length > 6 ? 6 : 2);

describe('tokenising', () => {
  it('stems inflections together and drops stop words', () => {
    expect(new Set(['reduces', 'reduced', 'reducing', 'reduce'].map(stem)).size).toBe(1);
    expect(contentStems('The levels of the protein were reduced')).toEqual(['level', 'protein', 'reduc']);
  });

  it('splits sentences without breaking at abbreviations, as ranges into the text', () => {
    const text = 'We used e.g. mice. Results (n = 5) were clear! Smith et al. agreed.';
    const parts = splitSentences(text).map((r) => text.slice(r.start, r.end));
    expect(parts).toEqual(['We used e.g. mice.', 'Results (n = 5) were clear!', 'Smith et al. agreed.']);
  });
});

describe('lexical cues', () => {
  it('reads direction of effect and antonym swaps', () => {
    expect(direction(contentStems('Statins lowered cholesterol'))).toBe(-1);
    expect(direction(contentStems('Statins increased cholesterol'))).toBe(1);
    expect(antonymConflicts(contentStems('X increases Y'), new Set(contentStems('X decreased Y')))).toBe(1);
    expect(antonymConflicts(contentStems('X increases Y'), new Set(contentStems('X increased Y')))).toBe(0);
  });

  it('reads the direction of effect ratios', () => {
    expect(effectRatioDirection('The hazard ratio for death was 0.57 (95% CI 0.44-0.74).')).toBe(-1);
    expect(effectRatioDirection('The odds ratio was 2.77 (95% CI 1.04 to 7.97).')).toBe(1);
    expect(effectRatioDirection('The adjusted HR was 1.01.')).toBe(0);
    expect(effectRatioDirection('Mortality fell by 12%.')).toBe(0);
  });

  it('detects negation', () => {
    expect(analyzeText('Aspirin does not reduce mortality.').negated).toBe(true);
    expect(analyzeText('Aspirin reduces mortality.').negated).toBe(false);
  });
});

describe('sentence and document features', () => {
  const claim = analyzeText('Aspirin reduces mortality in elderly patients by 12%.');
  const doc = [
    'We enrolled 400 elderly patients in 2010.',
    'Aspirin reduced mortality in elderly patients by 12%.',
    'The weather was warm.',
  ].map(analyzeText);

  it('scores the paraphrase highest on overlap and gives one row per sentence', () => {
    const rows = sentenceFeatures(claim, doc, idf);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toHaveLength(SENTENCE_FEATURES.length);
    const recall = SENTENCE_FEATURES.indexOf('idf_recall');
    expect(rows[1]![recall]).toBeGreaterThan(rows[0]![recall]!);
    expect(rows[2]![recall]).toBe(0);
    expect(rows[1]![SENTENCE_FEATURES.indexOf('numbers_agree')]).toBe(1);
  });

  it('builds document features from selector probabilities', () => {
    const rows = sentenceFeatures(claim, doc, idf);
    const analysis = documentFeatures(claim, doc, null, rows, [0.2, 0.9, 0.01], idf);
    expect(analysis.features).toHaveLength(DOC_FEATURES.length);
    expect(analysis.ranked[0]).toBe(1);
    expect(analysis.features[DOC_FEATURES.indexOf('max_p')]).toBe(0.9);
    expect(analysis.features[DOC_FEATURES.indexOf('numbers_equal')]).toBe(1);
  });

  it('finds a conflicting value only for the same quantity', () => {
    const c = analyzeText('Top-1 accuracy on ImageNet was 71.3%.');
    const same = compareClaimNumbers(c, analyzeText('The top-1 accuracy on ImageNet was 71.8%.'));
    expect(same).toEqual([expect.objectContaining({ comparison: 'different' })]);
    expect(same[0]!.claimed.text).toBe('71.3%');
    expect(same[0]!.found.text).toBe('71.8%');
    const other = compareClaimNumbers(c, analyzeText('Dropout was set to 30% during training.'));
    expect(other).toEqual([]);
  });
});
