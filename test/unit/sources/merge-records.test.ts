import { describe, expect, it } from 'vitest';
import type { Paper, SourceName } from '../../../src/core/types.ts';
import { mergeRecords } from '../../../src/sources/merge-records.ts';

function record(source: SourceName, externalId: string, fields: Partial<Paper> = {}): Paper {
  const prefix = source === 'semantic-scholar' ? 's2' : source;
  const id = source === 'arxiv' ? `arxiv:${externalId}v1` : `${prefix}:${externalId}`;
  return {
    id,
    workId: source === 'arxiv' ? `arxiv:${externalId}` : id,
    source,
    externalId,
    version: source === 'arxiv' ? 1 : null,
    title: 'S2ORC: The Semantic Scholar Open Research Corpus',
    authors: [{ name: 'Kyle Lo' }, { name: 'Lucy Lu Wang' }],
    published: '2020-07-01',
    updated: null,
    categories: [],
    licence: null,
    abstract: null,
    ...fields,
  };
}

describe('one record per work across sources', () => {
  it('merges by DOI and keeps every identifier on the arXiv record', () => {
    const arxiv = record('arxiv', '1911.02782', { doi: '10.18653/V1/2020.acl-main.447', published: '2019-11-07' });
    const openalex = record('openalex', 'W3035186386', { doi: '10.18653/v1/2020.acl-main.447' });
    const s2 = record('semantic-scholar', 'abc123', { doi: 'https://doi.org/10.18653/v1/2020.acl-main.447' });
    const { unique, duplicates } = mergeRecords([openalex, s2, arxiv]);
    expect(unique).toHaveLength(1);
    expect(unique[0]!.id).toBe('arxiv:1911.02782v1');
    expect(unique[0]!.identifiers).toEqual({
      arxiv: '1911.02782',
      doi: '10.18653/v1/2020.acl-main.447',
      openalex: 'W3035186386',
      s2: 'abc123',
    });
    expect(duplicates.map((d) => [d.id, d.duplicateOf])).toEqual([
      ['s2:abc123', 'arxiv:1911.02782v1'],
      ['openalex:W3035186386', 'arxiv:1911.02782v1'],
    ]);
    expect(duplicates[1]!.reason).toMatch(/^same DOI/);
  });

  it("merges by arXiv id: arXiv's own DOI, or an id another source knows", () => {
    const arxiv = record('arxiv', '2302.07302', { title: 'CiteSee' });
    const datacite = record('openalex', 'W1', { title: 'CiteSee (preprint)', doi: '10.48550/arXiv.2302.07302' });
    const linked = record('semantic-scholar', 's2x', { title: 'CiteSee!', identifiers: { arxiv: '2302.07302' } });
    const { unique } = mergeRecords([arxiv, datacite, linked]);
    expect(unique).toHaveLength(1);
    expect(unique[0]!.identifiers).toMatchObject({ arxiv: '2302.07302', openalex: 'W1', s2: 's2x' });
    expect(unique[0]!.identifiers?.doi).toBeUndefined();
  });

  it('merges by normalised title, first author and year (a preprint a year early too), not by title alone', () => {
    const venue = record('openalex', 'W2', { title: 'S2ORC: the semantic scholar open-research corpus!' });
    const preprint = record('semantic-scholar', 'p', { published: '2019-11-07' });
    const otherAuthor = record('semantic-scholar', 'q', { authors: [{ name: 'Someone Else' }] });
    const years = record('semantic-scholar', 'r', { published: '2017-01-01' });
    const { unique, duplicates } = mergeRecords([venue, preprint, otherAuthor, years]);
    expect(unique.map((r) => r.id)).toEqual(['openalex:W2', 's2:q', 's2:r']);
    expect(duplicates).toEqual([
      {
        id: 's2:p',
        title: preprint.title,
        duplicateOf: 'openalex:W2',
        reason: 'same title, first author and year as openalex:W2',
      },
    ]);
  });

  it('keeps a preferred record (given by the user, or in the library) over a better-ranked source', () => {
    const openalex = record('openalex', 'W3', { doi: '10.1234/x' });
    const arxiv = record('arxiv', '2001.00001', { doi: '10.1234/x' });
    const { unique } = mergeRecords([arxiv, openalex], new Set(['openalex:W3']));
    expect(unique.map((r) => r.id)).toEqual(['openalex:W3']);
    expect(unique[0]!.identifiers).toMatchObject({ arxiv: '2001.00001', openalex: 'W3', doi: '10.1234/x' });
  });
});

describe('a record that links two records of one work', () => {
  it('merges all three when it shares the arXiv id with one and the DOI with the other', () => {
    const arxiv = record('arxiv', '1911.02782', { title: 'S2ORC preprint', published: '2019-11-07' });
    const openalex = record('openalex', 'W3035186386', { title: 'S2ORC', doi: '10.18653/v1/2020.acl-main.447' });
    const s2 = record('semantic-scholar', 's2orc', {
      title: 'S2ORC (S2)',
      identifiers: { arxiv: '1911.02782', doi: '10.18653/v1/2020.acl-main.447' },
    });
    const { unique, duplicates } = mergeRecords([openalex, arxiv, s2]);
    expect(unique.map((r) => r.id)).toEqual(['arxiv:1911.02782v1']);
    expect(unique[0]!.identifiers).toEqual({
      arxiv: '1911.02782',
      doi: '10.18653/v1/2020.acl-main.447',
      openalex: 'W3035186386',
      s2: 's2orc',
    });
    expect(duplicates.map((d) => d.duplicateOf)).toEqual(['arxiv:1911.02782v1', 'arxiv:1911.02782v1']);
    expect(duplicates.map((d) => d.id).sort()).toEqual(['openalex:W3035186386', 's2:s2orc']);
  });
});
