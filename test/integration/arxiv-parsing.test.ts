import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAtomFeed } from '../../src/sources/arxiv/atom-parser.ts';
import { entryToPaper, entryToRow } from '../../src/sources/arxiv/to-paper.ts';
import { sharedData } from '../support/shared-data.ts';

const read = (name: string) => readFileSync(sharedData('arxiv-api', name), 'utf8');

describe('real arXiv Atom responses', () => {
  it('legacy id_list response (1601.00001): DOI, journal ref, TeX escapes kept, whitespace collapsed', () => {
    const feed = parseAtomFeed(read('atom_idlist_1601.00001_legacy.xml'));
    expect(feed).toMatchObject({ totalResults: 1, startIndex: 0, itemsPerPage: 10 });
    expect(feed.entries).toHaveLength(1);
    const entry = feed.entries[0]!;
    expect(entry).toMatchObject({
      arxivId: '1601.00001',
      version: 1,
      title: 'Inelastic effects in molecular transport junctions: The probe technique at high bias',
      published: '2015-12-26T21:19:45Z',
      updated: '2015-12-26T21:19:45Z',
      primaryCategory: 'cond-mat.mes-hall',
      categories: ['cond-mat.mes-hall'],
      comment: null,
      journalRef: 'J. Chem. Phys. 144, 124107 (2016)',
      doi: '10.1063/1.4944470',
      absUrl: 'http://arxiv.org/abs/1601.00001v1',
      pdfUrl: 'http://arxiv.org/pdf/1601.00001v1',
      withdrawn: false,
    });
    expect(entry.authors).toEqual([
      { name: 'Michael Kilgour', affiliations: [] },
      { name: 'Dvira Segal', affiliations: [] },
    ]);
    expect(entry.abstract.startsWith('We extend the Landauer-B\\"uttiker probe formalism for conductances to the high bias regime')).toBe(true);
    expect(entry.abstract).toContain('distinct $I$-$V$ characteristics');
    expect(entry.abstract).not.toMatch(/\s{2}|\n/);
    expect(entryToPaper(entry)).toMatchObject({
      id: 'arxiv:1601.00001v1',
      workId: 'arxiv:1601.00001',
      source: 'arxiv',
      externalId: '1601.00001',
      version: 1,
      doi: '10.1063/1.4944470',
    });
  });

  it('legacy search response (cat:cs.RO AND neural): paging totals, multi-category, comment with a line break', () => {
    const feed = parseAtomFeed(read('atom_search_cs.RO_neural_legacy.xml'));
    expect(feed).toMatchObject({ totalResults: 5619, startIndex: 0, itemsPerPage: 2 });
    expect(feed.entries.map((e) => `${e.arxivId}v${e.version}`)).toEqual(['2510.14968v1', '2510.14827v1']);
    const [first, second] = feed.entries;
    expect(first!.categories).toEqual(['cs.RO', 'cs.AI', 'cs.CV', 'cs.LG', 'cs.SY', 'eess.SY']);
    expect(first!.primaryCategory).toBe('cs.RO');
    expect(first!.title).toBe('RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon Tasks');
    expect(first!.comment).toBe(
      '39th Conference on Neural Information Processing Systems (NeurIPS 2025); Project Website: rdd-neurips.github.io',
    );
    expect(first!.authors.map((a) => a.name)).toEqual(['Mingxuan Yan', 'Yuping Wang', 'Zechun Liu', 'Jiachen Li']);
    expect(second!.authors).toHaveLength(6);
    expect(second!.doi).toBeNull();
    expect(entryToRow(second!)).toEqual({
      id: '2510.14827',
      version: 1,
      title: 'Neural Implicit Flow Fields for Spatio-Temporal Motion Mapping',
      authors: ['Yufei Zhu', 'Shih-Min Yang', 'Andrey Rudenko', 'Tomasz P. Kucner', 'Achim J. Lilienthal', 'Martin Magnusson'],
      published: '2025-10-16T16:04:01Z',
      updated: '2025-10-16T16:04:01Z',
      primary_category: 'cs.RO',
      categories: ['cs.RO'],
      abstract: expect.stringMatching(/^Safe and efficient robot operation .* human motion patterns\.$/),
      abs_url: 'http://arxiv.org/abs/2510.14827v1',
      pdf_url: 'http://arxiv.org/pdf/2510.14827v1',
    });
  });

  it('2025-format response (1706.03762v7): namespaces on <feed>, new element order, primary_category without scheme', () => {
    const feed = parseAtomFeed(read('atom_idlist_1706.03762_2025format.xml'));
    expect(feed).toMatchObject({ totalResults: 1, startIndex: 0, itemsPerPage: 10 });
    const entry = feed.entries[0]!;
    expect(entry).toMatchObject({
      arxivId: '1706.03762',
      version: 7,
      title: 'Attention Is All You Need',
      published: '2017-06-12T17:57:34Z',
      updated: '2023-08-02T00:41:18Z',
      primaryCategory: 'cs.CL',
      categories: ['cs.CL', 'cs.LG'],
      comment: '15 pages, 5 figures',
      journalRef: null,
      doi: null,
      absUrl: 'https://arxiv.org/abs/1706.03762v7',
      pdfUrl: 'https://arxiv.org/pdf/1706.03762v7',
    });
    expect(entry.authors.map((a) => a.name)).toEqual([
      'Ashish Vaswani',
      'Noam Shazeer',
      'Niki Parmar',
      'Jakob Uszkoreit',
      'Llion Jones',
      'Aidan N. Gomez',
      'Lukasz Kaiser',
      'Illia Polosukhin',
    ]);
    expect(entry.abstract).toMatch(/^The dominant sequence transduction models .* limited training data\.$/);
    expect(entryToPaper(entry).id).toBe('arxiv:1706.03762v7');
  });
});
