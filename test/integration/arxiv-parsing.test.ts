import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collapseWhitespace } from '../../src/core/text.ts';
import { parseAtomFeed } from '../../src/sources/arxiv/atom-parser.ts';
import { oaiRecordToPaper, parseOaiResponse } from '../../src/sources/arxiv/oai-pmh.ts';
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

describe('real OAI-PMH responses', () => {
  it('GetRecord 1606.04259 matches the hepcrawl parsed-record oracle on the fields they share', () => {
    const [record] = parseOaiResponse(read('oaipmh_GetRecord_1606.04259.xml')).records;
    const oracle = (JSON.parse(read('oaipmh_GetRecord_1606.04259.inspire_parsed.json')) as { results_data: Oracle[] }[])[0]!
      .results_data[0]!;
    expect(record!.title).toBe(oracle.titles[0]!.title);
    expect(record!.abstract).toBe(collapseWhitespace(oracle.abstracts[0]!.value));
    expect(record!.arxivId).toBe(oracle.arxiv_eprints[0]!.value);
    expect(record!.categories).toEqual(oracle.arxiv_eprints[0]!.categories);
    expect(record!.licence).toBe(oracle.license[0]!.url);
    expect(record!.created).toBe(oracle.preprint_date);
    expect(record!.comment).toBe(collapseWhitespace(oracle.public_notes[0]!.value));
    // INSPIRE writes "Keyname, Forenames"; litmus writes "Forenames Keyname".
    expect(record!.authors.map((a) => a.name)).toEqual(
      oracle.authors.map((a) => a.full_name.split(', ').reverse().join(' ')),
    );
    expect(record).toMatchObject({ identifier: 'oai:arXiv.org:1606.04259', datestamp: '2016-06-15', sets: ['physics:hep-th'] });
  });

  it('GetRecord 1603.05976: a 70-author collaboration list with a suffix', () => {
    const page = parseOaiResponse(read('oaipmh_GetRecord_1603.05976.xml'));
    expect(page.responseDate).toBe('2016-06-30T12:56:53Z');
    const record = page.records[0]!;
    expect(record.authors.length).toBeGreaterThan(60);
    expect(record.authors[0]!.name).toBe('Keck Array');
    expect(record.authors.find((a) => a.name.endsWith('IV'))?.name).toBe('R. W. IV');
    expect(record.title).toBe('BICEP2 / Keck Array VII: Matrix based E/B Separation applied to BICEP2 and the Keck Array');
    expect(record.abstract).toContain('$r<1\\times10^{-4}$');
    expect(record.categories).toEqual(['astro-ph.IM', 'astro-ph.CO']);
  });

  it('ListRecords hep-th and hep-ex: three records each, journal refs, DOIs, no resumption token', () => {
    const hepTh = parseOaiResponse(read('oaipmh_ListRecords_hep-th_2017-12-14.xml'));
    expect(hepTh.records.map((r) => r.arxivId)).toEqual(['1412.8323', '1507.07790', '1607.01710']);
    expect(hepTh.resumptionToken).toBeNull();
    expect(hepTh.records[0]).toMatchObject({ updated: '2017-12-13', licence: 'http://creativecommons.org/licenses/by/4.0/' });
    expect(hepTh.records[1]).toMatchObject({
      journalRef: 'J. Phys. A: Math. Theor. 51 (2018) 035201',
      doi: '10.1088/1751-8121/aa9c53',
      authors: [{ name: 'Luis B. Castro' }, { name: 'Edilberto O. Silva' }],
    });
    const hepEx = parseOaiResponse(read('oaipmh_ListRecords_hep-ex_2017-12-14.xml'));
    expect(hepEx.records).toHaveLength(3);
    for (const record of [...hepTh.records, ...hepEx.records]) {
      expect(record.title).toBeTruthy();
      expect(record.abstract).toBeTruthy();
      expect(record.categories.length).toBeGreaterThan(0);
      expect(record.sets.length).toBeGreaterThan(0);
      const paper = oaiRecordToPaper(record);
      expect(paper).toMatchObject({ id: `arxiv:${record.arxivId}`, version: null, source: 'arxiv' });
    }
  });

  it('the hand-edited 12-record envelope (one <arXiv> without its xmlns) parses tolerantly, with affiliations', () => {
    const page = parseOaiResponse(read('oaipmh_GetRecord_edited_12records.xml'));
    expect(page.records).toHaveLength(12);
    expect(page.records[0]).toMatchObject({
      arxivId: '1601.03238',
      licence: 'https://creativecommons.org/licenses/by/3.0/',
      doi: '10.1103/PhysRevD.93.016005',
      sets: ['physics:gr-qc', 'physics:hep-th', 'physics:quant-ph'],
    });
    expect(page.records[0]!.authors[0]).toEqual({ name: 'Planck Collaboration' });
    const withAffiliations = page.records.find((r) => r.arxivId === '1606.07066')!;
    expect(withAffiliations.authors.some((a) => a.affiliations?.includes('Technion'))).toBe(true);
    expect(page.records.at(-1)!.arxivId).toBe('1808.04927');
  });
});

interface Oracle {
  titles: { title: string }[];
  abstracts: { value: string }[];
  arxiv_eprints: { value: string; categories: string[] }[];
  license: { url: string }[];
  preprint_date: string;
  public_notes: { value: string }[];
  authors: { full_name: string }[];
}
