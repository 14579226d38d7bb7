import type { CslName } from '@citation-js/core';
import { describe, expect, it } from 'vitest';
import type { ReportPaper } from '../../../src/report/report-model.ts';
import { cslItem, cslName } from '../../../src/report/references/csl-items.ts';
import {
  CITATION_STYLES,
  formatReferenceList,
  parseReferences,
  renderReferenceFiles,
} from '../../../src/report/references/render-references.ts';
import { sampleModel } from '../../fixtures/report/sample-model.ts';

/** The sample report's papers plus a journal article and a conference paper with Crossref venue metadata. */
function papers(): ReportPaper[] {
  return [
    ...sampleModel().papers,
    {
      id: 'arxiv:2203.00130v1',
      version: 1,
      title: 'Paper Plain: Making Medical Research Papers Approachable to Healthcare Consumers',
      authors: ['Tal August', 'Lucy Lu Wang', 'Ludwig van Beethoven'],
      year: 2022,
      url: 'https://arxiv.org/abs/2203.00130v1',
      arxiv_id: '2203.00130v1',
      doi: '10.5555/litmus.paperplain.2022',
      cite_key: 'august2022paper',
      language: 'en',
      publication: {
        type: 'article-journal',
        container_title: 'Journal of Reading Tools',
        volume: '29',
        issue: '4',
        page: '101-129',
        publisher: 'Example Press',
        source: 'crossref',
      },
    },
    {
      id: 'arxiv:2302.07302v1',
      version: 1,
      title: 'CiteSee: Augmenting Citations in Scientific Papers',
      authors: ['Joseph Chee Chang', 'Amy X. Zhang'],
      year: 2023,
      url: 'https://doi.org/10.5555/litmus.citesee.2023',
      arxiv_id: '2302.07302v1',
      doi: '10.5555/litmus.citesee.2023',
      cite_key: 'chang2023citesee',
      publication: {
        type: 'paper-conference',
        container_title: 'Proceedings of the 2023 CHI Conference on Human Factors in Computing Systems',
        volume: null,
        issue: null,
        page: '1-15',
        publisher: 'Association for Computing Machinery',
        source: 'crossref',
      },
    },
  ];
}

const year = (item: Record<string, unknown>) =>
  (item.issued as { 'date-parts': number[][] } | undefined)?.['date-parts'][0]?.[0];

describe('reference exports through citation-js', () => {
  it('gives each paper the BibTeX entry type its venue calls for', async () => {
    const bib = (await renderReferenceFiles(papers()))['references.bib'];
    const types = Object.fromEntries([...bib.matchAll(/^@(\w+)\{([^,]+),/gm)].map((m) => [m[2], m[1]]));
    expect(types).toMatchObject({
      lovelace2023codegen: 'misc', // an arXiv preprint
      august2022paper: 'article',
      chang2023citesee: 'inproceedings',
    });
    expect(bib).toMatch(/note = \{arXiv:2305\.01234v2\}/);
    expect(bib).toMatch(/journal = \{Journal of Reading Tools\}/);
    expect(bib).not.toContain('javascript:');
    expect(bib).toMatch(/booktitle = \{Proceedings of the 2023 \{CHI\}/);
  });

  it('writes references.csl.json that parses back to the same items', async () => {
    const files = await renderReferenceFiles(papers());
    const parsed = await parseReferences(files['references.csl.json']);
    expect(parsed).toEqual(papers().map(cslItem));
  });

  it('writes references.ris that imports back with the same type, names, title, year, venue, DOI and URL', async () => {
    const items = papers().map(cslItem);
    const parsed = await parseReferences((await renderReferenceFiles(papers()))['references.ris']);
    expect(parsed).toHaveLength(items.length);
    for (const item of items) {
      const back = parsed.find((p) => p.id === item.id)!;
      expect(back, item.id).toBeDefined();
      // RIS has no preprint type: a preprint is written TY JOUR and read back as a journal article.
      expect(back.type).toBe(
        item.type === 'article' ? 'article-journal' : item.type === 'document' ? 'document' : item.type,
      );
      expect(back.title).toBe(item.title);
      expect(back.author ?? []).toEqual(item.author);
      expect(year(back)).toBe(year(item));
      for (const field of ['DOI', 'URL', 'container-title', 'volume', 'issue', 'page', 'language']) {
        expect(back[field], `${item.id} ${field}`).toEqual(item[field]);
      }
    }
  });

  it('writes references.bib that parses back with the same titles, names, years, DOIs and venues', async () => {
    const items = papers().map(cslItem);
    const parsed = await parseReferences((await renderReferenceFiles(papers()))['references.bib']);
    for (const item of items) {
      const back = parsed.find((p) => p.id === item.id)!;
      expect(back.title).toBe(item.title);
      // BibTeX reads "van Beethoven, Ludwig" as the particle "van" and the family name "Beethoven".
      const names = (authors: CslName[] | undefined) =>
        (authors ?? []).map((a) =>
          [a.given, a['non-dropping-particle'], a.family ?? a.literal].filter(Boolean).join(' '),
        );
      expect(names(back.author)).toEqual(names(item.author));
      expect(year(back)).toBe(year(item));
      for (const field of ['DOI', 'container-title', 'volume', 'issue', 'page']) {
        expect(back[field], `${item.id} ${field}`).toEqual(item[field]);
      }
    }
  });

  it('splits names into given and family, keeping particles with the family name', () => {
    expect(cslName('Joseph Chee Chang')).toEqual({ given: 'Joseph Chee', family: 'Chang' });
    expect(cslName('Ludwig van Beethoven')).toEqual({ given: 'Ludwig', family: 'van Beethoven' });
    expect(cslName('Turing, Alan M.')).toEqual({ family: 'Turing', given: 'Alan M.' });
    expect(cslName('Plato')).toEqual({ literal: 'Plato' });
  });

  it('formats the list in each style', async () => {
    const list = papers();
    const apa = await formatReferenceList(list, 'apa');
    expect(apa).toHaveLength(list.length);
    expect(apa).toContain(
      'August, T., Wang, L. L., & van Beethoven, L. (2022). Paper Plain: Making Medical Research Papers Approachable to Healthcare Consumers. Journal of Reading Tools, 29(4), 101–129. https://doi.org/10.5555/litmus.paperplain.2022',
    );
    const vancouver = await formatReferenceList(list, 'vancouver');
    expect(vancouver[0]).toMatch(/^1\. Lovelace A, Turing AM\. CodeGen-7B/);
    const ieee = await formatReferenceList(list, 'ieee');
    expect(ieee.at(-1)).toMatch(
      /^\[6\] J\. C\. Chang and A\. X\. Zhang, “CiteSee: Augmenting Citations in Scientific Papers,” Proceedings of the 2023 CHI/,
    );
    expect(ieee[0]).toContain('arXiv:2305.01234v2');
    const harvard = await formatReferenceList(list, 'harvard');
    expect(harvard.some((e) => e.startsWith('Chang, J.C. and Zhang, A.X. (2023)'))).toBe(true);
    expect(CITATION_STYLES).toEqual(['apa', 'vancouver', 'ieee', 'harvard']);
  });
});
