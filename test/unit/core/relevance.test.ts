import { describe, expect, it } from 'vitest';
import { buildIdf, contentStems, createRelevanceScorer, stem, synonymsOf } from '../../../src/core/relevance.ts';

const passages = [
  'Tables are everywhere in documents and tables matter for table extraction.',
  'We train a table model on many tables.',
  'Program synthesis systems generate code from natural language descriptions.',
  'The multilingual model handles non-English tables in Japanese documents.',
  'Intermediate-task training before the target task improves results.',
];

describe('stem and contentStems', () => {
  it('meets inflections at one stem and drops stop words', () => {
    expect(stem('counting')).toBe(stem('counts'));
    expect(stem('counted')).toBe(stem('count'));
    expect(stem('accuracies')).toBe(stem('accuracy'));
    expect(contentStems('The tables of the paper')).toEqual([stem('tables')]);
  });
});

describe('buildIdf', () => {
  it('weighs rare words above words the whole paper uses', () => {
    const idf = buildIdf(passages);
    expect(idf(stem('japanese'))).toBeGreaterThan(idf(stem('tables')));
  });
});

describe('createRelevanceScorer', () => {
  it('maps overlap to 0–1 and ranks matching claims first', () => {
    const scorer = createRelevanceScorer('How accurate is table structure recognition on Japanese tables?', passages);
    const high = scorer.score('Table structure recognition accuracy on Japanese tables reaches 95%.');
    const low = scorer.score('The learning rate is 0.001 for 12 epochs.');
    expect(high).toBeGreaterThan(0.6);
    expect(high).toBeLessThanOrEqual(1);
    expect(low).toBe(0);
  });

  it('expands code generation ↔ program synthesis', () => {
    const scorer = createRelevanceScorer('Does code generation work?', passages);
    expect(scorer.score('Program synthesis systems reach 40% pass@1.')).toBeGreaterThan(0.2);
  });

  it('expands multilingual ↔ cross-lingual ↔ non-English', () => {
    const scorer = createRelevanceScorer('multilingual table extraction', passages);
    const related = scorer.score('The model handles non-English tables.');
    const unrelated = scorer.score('The model handles rotated tables.');
    expect(related).toBeGreaterThan(unrelated);
  });

  it('expands fine-tuning ↔ intermediate-task training', () => {
    const scorer = createRelevanceScorer('Does fine-tuning help?', passages);
    expect(scorer.score('Intermediate-task training improves results by 2 points.')).toBeGreaterThan(0.2);
    expect(scorer.score('The dataset has 500 pages.')).toBe(0);
  });

  it('rewards the question’s key phrase found verbatim', () => {
    const scorer = createRelevanceScorer('table structure recognition', passages);
    const phrase = scorer.score('Table structure recognition is hard.');
    const scattered = scorer.score('The structure of each table needs recognition.');
    expect(phrase).toBeGreaterThan(scattered);
  });
});

describe('synonymsOf', () => {
  it('rewrites the matched part of a phrase with each synonym', () => {
    const variants = synonymsOf('non-English code generation');
    expect(variants).toContain('non-english program synthesis');
    expect(synonymsOf('zebra husbandry')).toEqual([]);
  });
});
