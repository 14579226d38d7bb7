import { describe, expect, it } from 'vitest';
import { claimWorthiness, classifyClaimType, sectionRole } from '../../../src/claims/claim-worthiness.ts';

const body = { section: '4 Results', inCaption: false };

describe('claimWorthiness', () => {
  it('ranks quantitative comparisons above plain statements above background', () => {
    const comparison = claimWorthiness('TableFormer outperforms the previous state-of-the-art by 5.3% TEDS on PubTabNet.', body);
    const finding = claimWorthiness('We find that larger kernels make training slower on every dataset.', body);
    const background = claimWorthiness('Tables organize valuable content in a concise and compact representation.', body);
    expect(comparison).toBeGreaterThan(finding);
    expect(finding).toBeGreaterThan(background);
    expect(comparison).toBeGreaterThanOrEqual(0.7);
    expect(background).toBeLessThan(0.45);
  });

  it('scores significance and causal statements up', () => {
    const plain = claimWorthiness('The learning rate was changed during the second stage of training.', body);
    expect(claimWorthiness('The learning rate change significantly improves accuracy (p < 0.01).', body)).toBeGreaterThan(plain);
    expect(claimWorthiness('The larger vocabulary leads to longer sequences for every table.', body)).toBeGreaterThan(plain);
  });

  it('penalises descriptions of other papers', () => {
    const ours = claimWorthiness('Our model reduces the error by 12% on the UCF dataset.', body);
    expect(claimWorthiness('Lempitsky et al. [15] showed that the error drops by 12% on the UCF dataset.', body)).toBeLessThan(ours - 0.2);
    expect(claimWorthiness('The work of [25] proposes dilated convolutions that reduce the error by 12%.', body)).toBeLessThan(ours - 0.2);
  });

  it('penalises related-work sections, captions and roadmap sentences', () => {
    const text = 'The aggregator improves the error by 12% on the UCF dataset.';
    const base = claimWorthiness(text, body);
    expect(claimWorthiness(text, { section: '2. Related Work', inCaption: false })).toBeLessThan(base);
    expect(claimWorthiness(text, { section: '4 Results', inCaption: true })).toBeLessThan(base);
    expect(claimWorthiness('In Section 5, we will present baseline accuracy numbers for three detectors.', body)).toBeLessThan(0.45);
  });

  it('never scores questions, fragments, headings, references or broken sentences', () => {
    expect(claimWorthiness('Does the aggregator improve the error by 12% on UCF?', body)).toBe(0);
    expect(claimWorthiness('However, in many counting problems, such as those', body)).toBe(0);
    expect(claimWorthiness('of regression for production of density maps improves by 12%.', body)).toBe(0);
    expect(claimWorthiness('## 4.1. Model architecture improves by 12%.', body)).toBe(0);
    expect(claimWorthiness('The model (trained on UCF improves the error by 12%.', body)).toBe(0);
    expect(claimWorthiness('It improves results.', body)).toBe(0);
    expect(claimWorthiness('Our model reduces the error by 12% on the UCF dataset.', { section: 'References', inCaption: false })).toBe(0);
    expect(claimWorthiness('A. Smith. 2019. Counting in crowds. In Proceedings of CVPR, pp. 1–9.', body)).toBe(0);
    expect(claimWorthiness(`The model ${'works well and '.repeat(40)}ends.`, body)).toBe(0);
  });
});

describe('classifyClaimType', () => {
  it.each([
    ['The tree-edit-distance score is defined as the normalised edit distance between trees.', 'definition'],
    ['TableFormer outperforms all SOTA methods across different datasets by a large margin.', 'comparison'],
    ['OTSL is about 2 times faster compared to the conventional HTML approach.', 'comparison'],
    ['TableFormer achieves a TEDS score of 98.5% on simple tables.', 'result'],
    ['The AMDCN authors find that accuracy saturates at five columns.', 'result'],
    ['DocLayNet contains 80863 manually annotated pages from six document categories.', 'dataset'],
    ['The encoder consists of a ResNet-18 backbone followed by two transformer layers.', 'method'],
    ['Tables are ubiquitous in documents.', 'other'],
  ])('%s → %s', (text, type) => {
    expect(classifyClaimType(text)).toBe(type);
  });
});

describe('sectionRole', () => {
  it('recognises the sections that matter for claims', () => {
    expect(sectionRole('REFERENCES')).toBe('references');
    expect(sectionRole('Acknowledgment')).toBe('references');
    expect(sectionRole('2 RELATED WORK')).toBe('related');
    expect(sectionRole('Abstract')).toBe('abstract');
    expect(sectionRole('6 Conclusion')).toBe('conclusion');
    expect(sectionRole('5.4. Quantitative Analysis')).toBe('results');
    expect(sectionRole('3 Method')).toBe('body');
    expect(sectionRole(null)).toBe('body');
  });
});
