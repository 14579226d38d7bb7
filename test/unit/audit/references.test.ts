import { describe, expect, it } from 'vitest';
import { extractReferences, findCitations, findSourceCell } from '../../../src/claims/document/references.ts';

const document = `# Report

Claims cite arXiv:2403.01234v3 inline and https://arxiv.org/pdf/2404.05678.pdf too.

## References

[1] Doe, J., Lee, K. (2024). CodeBridge: Intermediate-Task Training for Multilingual Code Generation. https://arxiv.org/abs/2401.00001v2
[2] Roe, A. (2024). Translating Benchmarks for Low-Resource Programming Languages. arXiv:2402.00002
[3] Smith, B. (2023). Coffee and metabolic health. https://doi.org/10.1234/coffee.2023.001.
[4] Wu, C. "Old Physics Results Revisited". arXiv hep-th/9901001v1
[5] Kim, D. (2022). Tables in the wild. doi:10.5555/TABLES-22
[6] Park, E. (2021). Learned layout analysis. https://arxiv.org/html/2105.00123v1
[7] Sato, F. (2020). Benchmarks. 10.48550/arXiv.2006.11111
[8] Someone wrote this somewhere
`;

describe('extractReferences', () => {
  const refs = extractReferences(document);
  const byKey = (key: string) => refs.find((r) => r.key === key)!;

  it('reads numbered entries with arXiv ids, URLs and versions', () => {
    expect(byKey('1').arxiv).toEqual({ id: '2401.00001', version: 2 });
    expect(byKey('1').title).toBe('CodeBridge: Intermediate-Task Training for Multilingual Code Generation');
    expect(byKey('1')).toMatchObject({ surnames: ['Doe', 'Lee'], year: '2024' });
    expect(byKey('2').arxiv).toEqual({ id: '2402.00002', version: null });
    expect(byKey('4').arxiv).toEqual({ id: 'hep-th/9901001', version: 1 });
    expect(byKey('4').title).toBe('Old Physics Results Revisited');
    expect(byKey('6').arxiv).toEqual({ id: '2105.00123', version: 1 });
    expect(byKey('7').arxiv).toEqual({ id: '2006.11111', version: null });
  });

  it('reads DOIs from doi.org links, doi: prefixes and bare', () => {
    expect(byKey('3')).toMatchObject({
      doi: '10.1234/coffee.2023.001',
      arxiv: null,
      title: 'Coffee and metabolic health',
    });
    expect(byKey('5').doi).toBe('10.5555/TABLES-22');
  });

  it('adds identifiers mentioned outside the reference list', () => {
    expect(byKey('arxiv:2403.01234v3').arxiv).toEqual({ id: '2403.01234', version: 3 });
    expect(byKey('arxiv:2404.05678').arxiv).toEqual({ id: '2404.05678', version: null });
    expect(refs).toHaveLength(10);
  });

  it('keeps an entry without identifiers by its text', () => {
    expect(byKey('8')).toMatchObject({ arxiv: null, doi: null, url: null, title: 'Someone wrote this somewhere' });
  });
});

describe('findCitations', () => {
  const refs = extractReferences(document);

  it('reads numeric markers, ranges and lists', () => {
    expect(findCitations('X improves Y [1].', refs).keys).toEqual(['1']);
    expect(findCitations('X improves Y [2–4].', refs).keys).toEqual(['2', '3', '4']);
    expect(findCitations('X improves Y [1, 3].', refs).keys).toEqual(['1', '3']);
  });

  it('reads author–year citations and inline identifiers', () => {
    expect(findCitations('X improves Y (Doe et al., 2024).', refs).keys).toEqual(['1']);
    expect(findCitations('Roe (2024) shows that X.', refs).keys).toEqual(['2']);
    expect(findCitations('X improves Y (arXiv:2401.00001).', refs).keys).toEqual(['1']);
    expect(findCitations('See https://doi.org/10.1234/coffee.2023.001 for details', refs).keys).toEqual(['3']);
  });

  it('reports citations no entry answers and removes markers from the claim', () => {
    const found = findCitations('X improves Y by 3 points [1][12] (Nobody et al., 2019).', refs);
    expect(found.keys).toEqual(['1']);
    expect(found.dangling).toEqual(['[12]', '(Nobody et al., 2019)']);
    expect(found.cleaned).toBe('X improves Y by 3 points.');
  });

  it('reads Source cells: numbers, identifiers and titles', () => {
    expect(findSourceCell('2', refs).keys).toEqual(['2']);
    expect(findSourceCell('arXiv:2402.00002', refs).keys).toEqual(['2']);
    expect(findSourceCell('Coffee and metabolic health', refs).keys).toEqual(['3']);
    expect(findSourceCell('9', refs).dangling).toEqual(['[9]']);
  });
});
