import { describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/types.ts';
import { openStore } from '../../../src/store/db.ts';
import { getPaper, upsertPaper } from '../../../src/store/papers.ts';
import { findPaperIdByIdentifier, getPaperIdentifiers } from '../../../src/store/papers-identifiers.ts';

const citeSee: Paper = {
  id: 'arxiv:2302.07302v1',
  workId: 'arxiv:2302.07302',
  source: 'arxiv',
  externalId: '2302.07302',
  version: 1,
  title: 'CiteSee',
  authors: [{ name: 'Joseph Chee Chang' }],
  published: '2023-02-14',
  updated: null,
  categories: ['cs.HC'],
  licence: null,
  abstract: null,
  doi: '10.1145/3544548.3580847',
  identifiers: { openalex: 'W4366196520' },
};

describe('paper identifiers (migration 6)', () => {
  it('stores every identifier of a paper, its own included, and finds the paper by any of them', () => {
    const store = openStore(':memory:');
    upsertPaper(store, citeSee);
    expect(getPaperIdentifiers(store, citeSee.id)).toEqual({
      arxiv: '2302.07302',
      doi: '10.1145/3544548.3580847',
      openalex: 'W4366196520',
    });
    expect(getPaper(store, citeSee.id)?.identifiers?.openalex).toBe('W4366196520');
    expect(findPaperIdByIdentifier(store, 'openalex', 'w4366196520')).toBe(citeSee.id);
    expect(findPaperIdByIdentifier(store, 'doi', '10.1145/3544548.3580847')).toBe(citeSee.id);
    expect(findPaperIdByIdentifier(store, 'openalex', 'W1')).toBeUndefined();
  });

  it('keeps identifiers learnt earlier when the paper is written again with fewer', () => {
    const store = openStore(':memory:');
    upsertPaper(store, citeSee);
    upsertPaper(store, { ...citeSee, identifiers: undefined, doi: null });
    expect(getPaperIdentifiers(store, citeSee.id)).toMatchObject({
      openalex: 'W4366196520',
      doi: '10.1145/3544548.3580847',
    });
  });
});

describe('resolving a paper by any of its identifiers', () => {
  it('finds a merged paper by its OpenAlex id, by the DOI and arXiv id other sources gave', async () => {
    const { resolvePaper } = await import('../../../src/store/papers.ts');
    const store = openStore(':memory:');
    upsertPaper(store, citeSee);
    const s2orc: Paper = {
      ...citeSee,
      id: 'openalex:W3035186386',
      workId: 'openalex:W3035186386',
      source: 'openalex',
      externalId: 'W3035186386',
      version: null,
      doi: null,
      identifiers: { doi: '10.18653/v1/2020.acl-main.447', arxiv: '1911.02782' },
    };
    upsertPaper(store, s2orc);
    expect(resolvePaper(store, 'W4366196520')?.id).toBe('arxiv:2302.07302v1');
    expect(resolvePaper(store, 'openalex:w4366196520')?.id).toBe('arxiv:2302.07302v1');
    expect(resolvePaper(store, 'https://doi.org/10.18653/v1/2020.acl-main.447')?.id).toBe('openalex:W3035186386');
    expect(resolvePaper(store, 'arXiv:1911.02782')?.id).toBe('openalex:W3035186386');
    expect(resolvePaper(store, 'W1')).toBeUndefined();
  });
});
