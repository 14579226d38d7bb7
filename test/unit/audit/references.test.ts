import { describe, expect, it } from 'vitest';
import { extractReferences, findCitations, findSourceCell } from '../../../src/pipeline/audit/references.ts';
import { workMentions } from '../../../src/pipeline/audit/work-ids.ts';

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

describe('documents cite by arXiv id, DOI or URL', () => {
  const report = `# Report

| # | Claim | Source |
|---|---|---|
| 1 | S2ORC contains 81.1M papers | https://aclanthology.org/2020.acl-main.447 |
| 2 | Semantic parsing via paraphrasing reaches 39.9% on WebQuestions | aclanthology.org/P14-1133.pdf |
| 3 | CiteSee helps readers keep track of citations | https://openreview.net/forum?id=AbC-12x |
| 4 | Paper Plain makes papers approachable | https://doi.org/10.1145/3589955 |
| 5 | The press release says the model is large | https://www.example.org/news/big-model/?utm_source=x |
| 6 | The corpus is the largest of its kind | 2020.acl-main.447 |
| 7 | Intermediate training helps | https://arxiv.org/abs/2005.13013v2 |

## References

[1] Lo, K., Wang, L. L. (2020). S2ORC: The Semantic Scholar Open Research Corpus. In ACL 2020. doi:10.18653/v1/2020.acl-main.447
[2] Chang, J. (2023). CiteSee: Augmenting Citations in Scientific Papers. OpenReview. https://openreview.net/pdf?id=AbC-12x
[3] August, T. (2023). Paper Plain. ACM TOCHI. https://dl.acm.org/doi/10.1145/3589955
[4] Pruksachatkun, Y. (2020). Intermediate-Task Transfer Learning with Pretrained Models. arXiv:2005.13013
`;
  const refs = extractReferences(report, {
    sourceCells: [...report.matchAll(/^\| \d \| [^|]+ \| ([^|]+) \|$/gm)].map((m) => m[1]!.trim()),
  });
  const source = (cell: string) => findSourceCell(cell, refs);

  it('links an ACL Anthology URL to the entry holding the same paper as an ACL DOI', () => {
    expect(refs.find((r) => r.key === '1')!.ids).toEqual([
      'doi:10.18653/v1/2020.acl-main.447',
      'acl:2020.acl-main.447',
    ]);
    expect(source('https://aclanthology.org/2020.acl-main.447').keys).toEqual(['1']);
    expect(source('https://aclanthology.org/2020.acl-main.447.pdf').keys).toEqual(['1']);
    expect(source('2020.acl-main.447').keys).toEqual(['1']);
    expect(source('https://doi.org/10.18653/v1/2020.acl-main.447').keys).toEqual(['1']);
  });

  it('links OpenReview, DOI and arXiv URLs whatever their form', () => {
    expect(source('https://openreview.net/forum?id=AbC-12x').keys).toEqual(['2']);
    expect(source('https://doi.org/10.1145/3589955').keys).toEqual(['3']);
    expect(source('https://arxiv.org/abs/2005.13013v2').keys).toEqual(['4']);
    expect(source('arXiv:2005.13013').keys).toEqual(['4']);
  });

  it('makes a reference of a Source-cell URL the list does not hold, so it is not left dangling', () => {
    const acl = refs.find((r) => r.ids.includes('acl:p14-1133'))!;
    expect(acl.key).toBe('acl:p14-1133');
    expect(source('aclanthology.org/P14-1133.pdf').keys).toEqual([acl.key]);
    const page = refs.find((r) => r.key.startsWith('url:'))!;
    expect(page).toMatchObject({
      key: 'url:example.org/news/big-model',
      url: 'https://www.example.org/news/big-model/?utm_source=x',
    });
    expect(source('http://example.org/news/big-model').keys).toEqual([page.key]);
    expect(refs).toHaveLength(6);
  });

  it('takes identifiers out of the claim text', () => {
    expect(findCitations('S2ORC is large (https://aclanthology.org/2020.acl-main.447).', refs)).toEqual({
      keys: ['1'],
      dangling: [],
      cleaned: 'S2ORC is large.',
    });
    expect(findCitations('See [the paper](https://openreview.net/forum?id=AbC-12x) for details.', refs).cleaned).toBe(
      'See the paper for details.',
    );
  });
});

describe('web pages in claims', () => {
  it('cite no paper outside a Source cell', () => {
    const refs = extractReferences(
      '# R\n\n## References\n\n[1] Lo, K. (2020). S2ORC. https://aclanthology.org/2020.acl-main.447\n',
    );
    expect(findCitations('S2ORC code is at https://github.com/allenai/s2orc [1].', refs)).toEqual({
      keys: ['1'],
      dangling: [],
      cleaned: 'S2ORC code is at.',
    });
    expect(findSourceCell('https://github.com/allenai/s2orc', refs).dangling).toEqual([
      'https://github.com/allenai/s2orc',
    ]);
  });
});

describe('workMentions', () => {
  it('reads ACL Anthology ids however written, and nothing from version numbers', () => {
    const ids = (text: string) => workMentions(text, true).flatMap((m) => m.ids);
    expect(ids('acl:2020.acl-main.447')).toEqual(['acl:2020.acl-main.447', 'doi:10.18653/v1/2020.acl-main.447']);
    expect(ids('https://www.aclweb.org/anthology/P14-1133.pdf')).toEqual(['acl:p14-1133', 'doi:10.18653/v1/p14-1133']);
    expect(ids('2022.findings-acl.12')).toEqual(['acl:2022.findings-acl.12', 'doi:10.18653/v1/2022.findings-acl.12']);
    expect(ids('Released as version 2019.1.2 in 2019')).toEqual([]);
  });
});
