import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/types.ts';
import { openStore, type Store } from '../../../src/store/db.ts';
import { parsePaperReference, resolvePaper, upsertPaper } from '../../../src/store/papers.ts';

function arxivPaper(version: number, doi: string | null = null): Paper {
  return {
    id: `arxiv:2005.13013v${version}`,
    workId: 'arxiv:2005.13013',
    source: 'arxiv',
    externalId: '2005.13013',
    version,
    title: 'A paper',
    authors: [],
    published: null,
    updated: null,
    categories: [],
    licence: null,
    abstract: null,
    doi,
  };
}

describe('parsePaperReference', () => {
  it('reads the forms people type', () => {
    expect(parsePaperReference('2005.13013')).toEqual({ kind: 'arxiv', id: '2005.13013', version: null });
    expect(parsePaperReference(' arXiv:2005.13013v3 ')).toEqual({ kind: 'arxiv', id: '2005.13013', version: 3 });
    expect(parsePaperReference('arxiv.org/abs/2005.13013v2')).toEqual({ kind: 'arxiv', id: '2005.13013', version: 2 });
    expect(parsePaperReference('https://arxiv.org/pdf/2005.13013v2.pdf')).toEqual({
      kind: 'arxiv',
      id: '2005.13013',
      version: 2,
    });
    expect(parsePaperReference('https://export.arxiv.org/abs/hep-th/9901001v1')).toEqual({
      kind: 'arxiv',
      id: 'hep-th/9901001',
      version: 1,
    });
    expect(parsePaperReference('https://doi.org/10.48550/arXiv.2005.13013')).toEqual({
      kind: 'arxiv',
      id: '2005.13013',
      version: null,
    });
    expect(parsePaperReference('doi:10.1145/3442188.3445922')).toEqual({ kind: 'doi', doi: '10.1145/3442188.3445922' });
    expect(parsePaperReference('local:my-notes')).toEqual({ kind: 'id', id: 'local:my-notes' });
  });
});

describe('resolvePaper', () => {
  let store: Store;
  beforeEach(() => {
    store = openStore(':memory:');
    upsertPaper(store, arxivPaper(1));
    upsertPaper(store, arxivPaper(3, '10.1145/3442188.3445922'));
    upsertPaper(store, arxivPaper(2));
  });
  afterEach(() => store.close());

  it('gives the newest stored version when none is named, and the named one otherwise', () => {
    expect(resolvePaper(store, '2005.13013')?.id).toBe('arxiv:2005.13013v3');
    expect(resolvePaper(store, 'arxiv:2005.13013')?.id).toBe('arxiv:2005.13013v3');
    expect(resolvePaper(store, 'arxiv:2005.13013v2')?.id).toBe('arxiv:2005.13013v2');
    expect(resolvePaper(store, 'https://arxiv.org/abs/2005.13013v1')?.id).toBe('arxiv:2005.13013v1');
    expect(resolvePaper(store, '10.1145/3442188.3445922')?.id).toBe('arxiv:2005.13013v3');
    expect(resolvePaper(store, 'DOI:10.1145/3442188.3445922')?.id).toBe('arxiv:2005.13013v3');
  });

  it('finds nothing for unknown papers and versions', () => {
    expect(resolvePaper(store, '2005.13014')).toBeUndefined();
    expect(resolvePaper(store, '2005.13013v9')).toBeUndefined();
    expect(resolvePaper(store, '10.1000/none')).toBeUndefined();
    expect(resolvePaper(store, 'not an id')).toBeUndefined();
  });
});
