import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LitmusError } from '../../../src/core/errors.ts';
import { createHttpClient } from '../../../src/http/polite-fetch.ts';
import { createOpenAlexSource, filterParam, singletonKey } from '../../../src/sources/openalex/openalex-source.ts';
import type { OpenAlexWork } from '../../../src/sources/openalex/openalex-types.ts';
import { toOpenAlexQuery } from '../../../src/sources/openalex/query.ts';
import { abstractFromInvertedIndex, workToPaper } from '../../../src/sources/openalex/to-paper.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';
import { standInConfig } from '../../support/arxiv-stand-in.ts';
import { type OpenAlexStandIn, openAlexFixture, startOpenAlexStandIn } from '../../support/openalex-stand-in.ts';

const citeSee = openAlexFixture('work-W4366196520.json');
const s2orc = openAlexFixture('work-W3035186386.json');
/** 230 works about "corpus" (W9000000000…), for paging. */
const many: OpenAlexWork[] = Array.from({ length: 230 }, (_, i) => ({
  ...s2orc,
  id: `https://openalex.org/W9${String(i).padStart(9, '0')}`,
  doi: null,
  ids: {},
  title: `A corpus study number ${i}`,
  display_name: `A corpus study number ${i}`,
  publication_year: 2000 + (i % 20),
}));

let standIn: OpenAlexStandIn;
let store: SqliteTestStore;

beforeAll(async () => {
  standIn = await startOpenAlexStandIn([citeSee, s2orc, ...many]);
});
afterAll(() => standIn.close());
beforeEach(async () => {
  await store?.close();
  store = openSqliteStore(':memory:');
  standIn.requests.length = 0;
});

function source(openalex: Record<string, unknown> = {}) {
  const config = standInConfig({
    contact: 'contact@example.org',
    openalex: { enabled: true, api: standIn.url, delayMs: 0, ...openalex },
  });
  const http = createHttpClient({ store, userAgent: 'litmus/test (+mailto:t@example.org)' });
  return createOpenAlexSource({ http, config });
}

describe('OpenAlex wire format', () => {
  it('rebuilds an abstract from its inverted index', () => {
    expect(abstractFromInvertedIndex({ is: [1], corpus: [3], S2ORC: [0], a: [2] })).toBe('S2ORC is a corpus');
    expect(abstractFromInvertedIndex(null)).toBeNull();
  });

  it('maps a work to a Paper with every identifier, the arXiv id from its arXiv location', () => {
    const paper = workToPaper(citeSee);
    expect(paper).toMatchObject({
      id: 'openalex:W4366196520',
      workId: 'openalex:W4366196520',
      source: 'openalex',
      version: null,
      doi: '10.1145/3544548.3580847',
      published: '2023-04-19',
      identifiers: { openalex: 'W4366196520', doi: '10.1145/3544548.3580847', arxiv: '2302.07302' },
    });
    expect(paper.authors[0]).toEqual({
      name: 'Joseph Chee Chang',
      affiliations: ['Allen Institute for Artificial Intelligence'],
    });
    expect(paper.abstract).toMatch(/^CiteSee is a paper reading tool/);
    expect(workToPaper(s2orc).journalRef).toBe(
      'Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics 4969–4983',
    );
  });

  it('turns report queries in arXiv syntax into OpenAlex search text and date filters', () => {
    expect(toOpenAlexQuery('all:"reading tools" AND all:researchers')).toEqual({
      search: '"reading tools" AND researchers',
    });
    expect(toOpenAlexQuery('ti:corpus ANDNOT abs:survey')).toEqual({ search: 'corpus AND NOT survey' });
    expect(toOpenAlexQuery('all:papers AND cat:cs.CL AND submittedDate:[202301010000 TO 202312312359]')).toEqual({
      search: 'papers',
      fromDate: '2023-01-01',
      toDate: '2023-12-31',
    });
    expect(filterParam({ year: '2018-2020', type: 'article', topic: 'T10028', concept: 'C41008148' })).toBe(
      'publication_year:2018-2020,type:article,topics.id:T10028,concepts.id:C41008148',
    );
  });

  it('looks a single work up by OpenAlex id, DOI or arXiv id', () => {
    expect(singletonKey('openalex:W3035186386')).toBe('W3035186386');
    expect(singletonKey('https://openalex.org/W3035186386')).toBe('W3035186386');
    expect(singletonKey('https://doi.org/10.18653/v1/2020.acl-main.447')).toBe('doi:10.18653/v1/2020.acl-main.447');
    expect(singletonKey('arxiv:2302.07302v1')).toBe('doi:10.48550/arxiv.2302.07302');
  });
});

describe('OpenAlex source against a loopback stand-in', () => {
  it('sends mailto (the contact by default) and the API key on every request', async () => {
    await source({ apiKey: 'k-123' }).get('W3035186386');
    await source({ mailto: 'me@example.org' }).search('all:corpus', { max: 2 });
    expect(standIn.requests.map((r) => r.query.get('mailto'))).toEqual(['contact@example.org', 'me@example.org']);
    expect(standIn.requests[0]!.query.get('api_key')).toBe('k-123');
    expect(standIn.requests[1]!.query.get('api_key')).toBeNull();
  });

  it('sends no placeholder address as mailto', async () => {
    const config = standInConfig({ openalex: { enabled: true, api: standIn.url, delayMs: 0 } });
    const http = createHttpClient({ store, userAgent: 'litmus/test' });
    await createOpenAlexSource({ http, config }).get('W3035186386');
    expect(standIn.requests[0]!.query.has('mailto')).toBe(false);
  });

  it('searches with filters, one page without a cursor', async () => {
    const found = await source().searchWorks('all:corpus', { max: 5, filters: { year: 2003, type: 'article' } });
    expect(found.length).toBeGreaterThan(0);
    for (const work of found) expect(many.find((m) => m.id.endsWith(work.openAlexId))?.publication_year).toBe(2003);
    const [request] = standIn.requests;
    expect(request!.query.get('search')).toBe('corpus');
    expect(request!.query.get('filter')).toBe('publication_year:2003,type:article');
    expect(request!.query.get('per_page')).toBe('5');
    expect(request!.query.has('cursor')).toBe(false);
  });

  it('pages with cursors past one page, 100 works a page, until it has enough', async () => {
    const found = await source().search('all:corpus', { max: 210 });
    expect(found).toHaveLength(210);
    expect(new Set(found.map((p) => p.id)).size).toBe(210);
    const cursors = standIn.requests.map((r) => r.query.get('cursor'));
    expect(cursors[0]).toBe('*');
    expect(cursors.slice(1).every((c) => c !== null && c !== '*')).toBe(true);
    expect(standIn.requests.map((r) => r.query.get('per_page'))).toEqual(['100', '100', '100']);
  });

  it('stops at the last page when fewer works exist than asked', async () => {
    const found = await source().search('all:corpus', { max: 1000 });
    expect(found).toHaveLength(231);
    expect(standIn.requests).toHaveLength(3);
  });

  it('keeps politeness: requests spaced by delayMs', async () => {
    const oa = source({ delayMs: 120 });
    await oa.get('W3035186386');
    await oa.get('W4366196520');
    await oa.search('all:corpus', { max: 1 });
    const times = standIn.requests.map((r) => r.time);
    for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(110);
  });

  it('answers a second identical search from the cache', async () => {
    const oa = source();
    await oa.search('all:corpus', { max: 3 });
    await oa.search('all:corpus', { max: 3 });
    expect(standIn.requests).toHaveLength(1);
  });

  it('finds a work by DOI, by arXiv id and by title; an unknown one is E_NOT_FOUND', async () => {
    const oa = source();
    expect((await oa.get('10.18653/v1/2020.acl-main.447')).id).toBe('openalex:W3035186386');
    expect(standIn.requests.at(-1)!.path).toBe('/works/doi:10.18653/v1/2020.acl-main.447');
    expect((await oa.matchTitle('S2ORC: the Semantic Scholar open research corpus'))?.openAlexId).toBe('W3035186386');
    expect(standIn.requests.at(-1)!.query.get('filter')).toBe(
      'title.search:S2ORC the Semantic Scholar open research corpus',
    );
    expect(await oa.matchTitle('A title nobody wrote')).toBeNull();
    const error = (await oa.get('arxiv:2301.99999').catch((e: unknown) => e)) as LitmusError;
    expect(error.code).toBe('E_NOT_FOUND');
    expect(standIn.requests.at(-1)!.path).toBe('/works/doi:10.48550/arxiv.2301.99999');
  });

  it('follows references (outgoing) and cited-by (incoming)', async () => {
    const oa = source();
    expect((await oa.references('W4366196520')).map((w) => w.openAlexId)).toEqual(['W3035186386']);
    expect(standIn.requests.at(-1)!.query.get('filter')).toBe('openalex:W3035186386');
    expect((await oa.citedBy('doi:10.18653/v1/2020.acl-main.447')).map((w) => w.openAlexId)).toEqual(['W4366196520']);
    expect(standIn.requests.at(-1)!.query.get('filter')).toBe('cites:W3035186386');
  });

  it('gives the open-access PDF of a work, and null when no location has one', async () => {
    const oa = source();
    standIn.files.set(
      'https://dl.acm.org/doi/pdf/10.1145/3544548.3580847',
      new TextEncoder().encode('%PDF-1.7 citesee'),
    );
    const text = await oa.fullText(workToPaper(citeSee));
    expect(text?.kind).toBe('pdf');
    expect(new TextDecoder().decode(text!.bytes)).toBe('%PDF-1.7 citesee');
    expect(await oa.fullText(workToPaper(s2orc))).toBeNull();
  });
});
