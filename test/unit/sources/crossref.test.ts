import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.ts';
import { integrityStatus } from '../../../src/core/integrity.ts';
import { createHttpClient } from '../../../src/http/polite-fetch.ts';
import { createCrossrefSource, crossrefPaper } from '../../../src/sources/crossref/crossref-source.ts';
import {
  createCrossrefClient,
  isCrossrefCandidate,
  normaliseDoi,
} from '../../../src/sources/crossref/crossref-client.ts';
import type { CrossrefWork } from '../../../src/sources/crossref/crossref-types.ts';
import { metadataOf, noticesOf, publicationType, referencesOf } from '../../../src/sources/crossref/crossref-work.ts';
import { type CrossrefStandIn, crossrefFixture, startCrossrefStandIn } from '../../support/crossref-stand-in.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';

const work = (name: string) => (JSON.parse(crossrefFixture(name).body) as { message: CrossrefWork }).message;

let standIn: CrossrefStandIn;
let store: SqliteTestStore;

beforeAll(async () => {
  standIn = await startCrossrefStandIn([
    'work-retracted.json',
    'work-retraction-notice.json',
    'work-corrected-proceedings.json',
  ]);
});
afterAll(() => standIn.close());
beforeEach(async () => {
  await store?.close();
  store = openSqliteStore(':memory:');
  standIn.requests.length = 0;
});

function client(delayMs = 0) {
  const config = loadConfig({
    env: {},
    flags: { contact: 'reviewer@example.org', crossref: { api: standIn.url, delayMs } },
  });
  const http = createHttpClient({ store, userAgent: 'litmus/test (+mailto:reviewer@example.org)', backoffBaseMs: 10 });
  return { crossref: createCrossrefClient({ http, config }), http };
}

describe('Crossref work records', () => {
  it('reads a retraction given by both the publisher and Retraction Watch as one notice', () => {
    const notices = noticesOf(work('work-retracted.json'));
    expect(notices).toEqual([
      {
        kind: 'retraction',
        label: 'Retraction',
        doi: '10.5555/litmus.paperplain.2022.retraction',
        date: '2024-04-30',
        source: 'publisher,retraction-watch',
      },
    ]);
    expect(integrityStatus(notices)).toBe('retracted');
  });

  it('flags a record that is itself a retraction notice, and a correction as corrected only', () => {
    const notice = noticesOf(work('work-retraction-notice.json'));
    expect(notice[0]).toMatchObject({ kind: 'retraction', doi: '10.5555/litmus.paperplain.2022.retraction' });
    expect(notice[0]!.label).toContain('doi:10.5555/litmus.paperplain.2022');
    const corrected = noticesOf(work('work-corrected-proceedings.json'));
    expect(corrected.map((n) => n.kind)).toEqual(['correction']);
    expect(integrityStatus(corrected)).toBe('corrected');
  });

  it('maps Crossref work types to CSL types and reads the venue', () => {
    expect(publicationType('journal-article')).toBe('article-journal');
    expect(publicationType('proceedings-article')).toBe('paper-conference');
    expect(publicationType('posted-content')).toBe('article');
    expect(publicationType('peer-review')).toBe('document');
    const meta = metadataOf(work('work-corrected-proceedings.json'));
    expect(meta).toMatchObject({
      doi: '10.5555/litmus.citesee.2023',
      year: 2023,
      language: 'en',
      authors: ['Joseph Chee Chang', 'Amy X. Zhang', 'Jonathan Bragg'],
      publication: {
        type: 'paper-conference',
        container_title: 'Proceedings of the 2023 CHI Conference on Human Factors in Computing Systems',
        page: '1-15',
        source: 'crossref',
      },
    });
    expect(metadataOf(work('work-retracted.json')).publication).toMatchObject({ volume: '29', issue: '4' });
  });

  it('reads the deposited references with their DOIs', () => {
    expect(referencesOf(work('work-retracted.json'))).toEqual([
      {
        key: 'ref1',
        doi: '10.5555/litmus.scholarphi.2021',
        text: expect.stringContaining('just-in-time, position-sensitive definitions'),
      },
      { key: 'ref2', doi: null, text: 'Kincaid JP, et al. Derivation of new readability formulas. 1975.' },
    ]);
  });

  it('normalises DOIs and leaves arXiv DataCite DOIs alone', () => {
    expect(normaliseDoi('https://doi.org/10.5555/ABC.1')).toBe('10.5555/abc.1');
    expect(normaliseDoi('doi:10.5555/x')).toBe('10.5555/x');
    expect(normaliseDoi('arXiv:2005.13013')).toBeNull();
    expect(isCrossrefCandidate('10.48550/arXiv.2005.13013')).toBe(false);
    expect(isCrossrefCandidate('10.5555/x')).toBe(true);
  });
});

describe('Crossref client against the stand-in', () => {
  it('asks in the polite pool (mailto) for the encoded DOI and caches the answer', async () => {
    const { crossref, http } = client();
    const record = await crossref.work('https://doi.org/10.5555/LITMUS.paperplain.2022');
    expect(record?.DOI).toBe('10.5555/litmus.paperplain.2022');
    await crossref.work('10.5555/litmus.paperplain.2022');
    const sent = standIn.workRequests();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.doi).toBe('10.5555/litmus.paperplain.2022');
    expect(sent[0]!.request.path).toBe('/works/10.5555%2Flitmus.paperplain.2022');
    expect(sent[0]!.request.query.get('mailto')).toBe('reviewer@example.org');
    expect(sent[0]!.request.headers['user-agent']).toContain('mailto:reviewer@example.org');
    expect(http.requestCount).toBe(1);
  });

  it('answers null for a DOI Crossref does not know, and refuses what is not a DOI', async () => {
    const { crossref } = client();
    expect(await crossref.work('10.5555/unknown')).toBeNull();
    await expect(crossref.work('not a doi')).rejects.toThrow(/is not a DOI/);
  });

  it('spaces its requests by crossref.delayMs', async () => {
    const { crossref } = client(150);
    await crossref.work('10.5555/litmus.paperplain.2022');
    await crossref.work('10.5555/litmus.citesee.2023');
    await crossref.work('10.5555/litmus.paperplain.2022.retraction');
    const times = standIn.workRequests().map((r) => r.request.time);
    expect(times).toHaveLength(3);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(140);
  });
});

describe('Crossref as a paper source', () => {
  it('maps a work record to a Paper keyed by its DOI', () => {
    expect(crossrefPaper(work('work-retracted.json'))).toMatchObject({
      id: 'doi:10.5555/litmus.paperplain.2022',
      workId: 'doi:10.5555/litmus.paperplain.2022',
      source: 'crossref',
      version: null,
      published: '2022-08-01',
      journalRef: 'Journal of Reading Tools',
      doi: '10.5555/litmus.paperplain.2022',
      authors: expect.arrayContaining([{ name: 'Lucy Lu Wang' }]),
    });
  });

  it('searches with plain words, the row count, a date filter and mailto', async () => {
    const config = loadConfig({
      env: {},
      flags: { contact: 'reviewer@example.org', crossref: { api: standIn.url, delayMs: 0 } },
    });
    const http = createHttpClient({ store, userAgent: 'litmus/test', backoffBaseMs: 10 });
    const papers = await createCrossrefSource({ http, config }).search(
      'all:"paper plain" AND ti:medical AND submittedDate:[20200101 TO 20231231]',
      { max: 3 },
    );
    expect(papers.length).toBeLessThanOrEqual(3);
    expect(papers.map((p) => p.id)).toContain('doi:10.5555/litmus.paperplain.2022');
    for (const paper of papers) expect(paper.source).toBe('crossref');
    const sent = standIn.requests.find((r) => r.path === '/works')!;
    expect(sent.query.get('query')).toBe('paper plain medical');
    expect(sent.query.get('rows')).toBe('3');
    expect(sent.query.get('filter')).toBe('from-pub-date:2020-01-01,until-pub-date:2023-12-31');
    expect(sent.query.get('mailto')).toBe('reviewer@example.org');
  });
});
