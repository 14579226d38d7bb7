import { describe, expect, it } from 'vitest';
import { planQueries } from '../../../src/selection/plan-queries.ts';
import { facetCoverage, phraseHead, questionFacets } from '../../../src/core/question-facets.ts';

const question = 'What is the impact of English intermediate-task training on non-English code generation, as measured by HumanEval-X?';

describe('questionFacets', () => {
  it('separates named things from content phrases', () => {
    expect(questionFacets(question)).toEqual({
      entities: ['HumanEval-X'],
      phrases: ['English intermediate-task training', 'non-English code generation'],
    });
  });

  it('splits at verbs and names, and bounds phrase length', () => {
    const facets = questionFacets('Does BERT fine-tuning improve citation recommendation for very long scientific review papers?');
    expect(facets.entities).toEqual(['BERT']);
    expect(facets.phrases).toContain('citation recommendation');
    for (const phrase of facets.phrases) expect(phrase.split(' ').length).toBeLessThanOrEqual(3);
    expect(questionFacets('How well does GPT-4 solve C++ tasks?').entities).toEqual(['GPT-4', 'C++']);
  });

  it('measures which facets a text covers', () => {
    const facets = questionFacets(question);
    const covered = facetCoverage('English intermediate-task training raises pass@1 of code generation in Java on HumanEval-X.', facets);
    expect(covered.missing).toEqual([]);
    const partial = facetCoverage('Code generation improves with more data.', facets);
    expect(partial.covered).toEqual(['non-English code generation']);
    expect(partial.missing).toEqual(['HumanEval-X', 'English intermediate-task training']);
    expect(phraseHead('English intermediate-task training')).toBe('intermediate-task training');
  });
});

describe('planQueries', () => {
  it('puts the most specific query first and expands synonyms', () => {
    const { queries } = planQueries(question);
    expect(queries[0]).toContain('all:"HumanEval-X"');
    expect(queries[0]).toContain('all:"code generation"');
    expect(queries[0]).toContain('all:"program synthesis"');
    expect(queries[0]).toContain('all:"intermediate-task training"');
    expect(queries.length).toBeGreaterThan(1);
    expect(new Set(queries).size).toBe(queries.length);
    for (const query of queries) expect(query).not.toMatch(/all:"[^"]*\s[^"]*\s[^"]*\s[^"]*"/); // no 4-word phrases
  });

  it('never emits an empty or unbalanced query', () => {
    for (const q of ['?', 'What about "quotes" (and parentheses)?', 'BERT']) {
      for (const query of planQueries(q).queries) {
        expect(query.trim()).not.toBe('');
        expect((query.match(/\(/g) ?? []).length).toBe((query.match(/\)/g) ?? []).length);
        expect((query.match(/"/g) ?? []).length % 2).toBe(0);
      }
    }
  });
});
