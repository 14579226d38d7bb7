import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../../src/core/types.ts';
import { createHttpClient } from '../../../src/http/polite-fetch.ts';
import { retrieveFullTexts } from '../../../src/pipeline/report/retrieve.ts';
import { workToPaper } from '../../../src/sources/openalex/to-paper.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';
import { buildPdf } from '../../fixtures/pdf/build-pdf.ts';
import { type ArxivStandIn, standInConfig, startArxivStandIn } from '../../support/arxiv-stand-in.ts';
import { type OpenAlexStandIn, openAlexFixture, startOpenAlexStandIn } from '../../support/openalex-stand-in.ts';
import { startUnpaywallStandIn, type UnpaywallStandIn, unpaywallFixture } from '../../support/unpaywall-stand-in.ts';

const s2orcWork = openAlexFixture('work-W3035186386.json');
const aclPdf = 'https://aclanthology.org/2020.acl-main.447.pdf';
const pdf = (title: string) =>
  buildPdf({ pages: [[title, 'Abstract', `${title} is studied here in some detail, with results.`]] });

let arxiv: ArxivStandIn;
let openalex: OpenAlexStandIn;
let unpaywall: UnpaywallStandIn;
let store: SqliteTestStore;

beforeAll(async () => {
  arxiv = await startArxivStandIn();
  arxiv.pdf.set('2302.07302v1', { headers: { 'content-type': 'application/pdf' }, body: pdf('CiteSee') });
  openalex = await startOpenAlexStandIn([s2orcWork]);
  unpaywall = await startUnpaywallStandIn([unpaywallFixture('10.18653-v1-2020.acl-main.447.json')]);
  unpaywall.files.set(aclPdf, pdf('S2ORC'));
});
afterAll(async () => {
  await arxiv.close();
  await openalex.close();
  await unpaywall.close();
});
beforeEach(async () => {
  await store?.close();
  store = openSqliteStore(':memory:');
});

function deps(unpaywallEnabled = true) {
  const config = standInConfig({
    arxiv: { ...arxiv.endpoints, delayMs: 0 },
    openalex: { enabled: true, api: openalex.url, mailto: 't@example.org', delayMs: 0 },
    unpaywall: { enabled: unpaywallEnabled, api: unpaywall.api, email: 't@example.org', delayMs: 0 },
  });
  const http = createHttpClient({ store, userAgent: 'litmus/test' });
  return { store, config, http, warn: () => {} };
}

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
  identifiers: { arxiv: '2302.07302', openalex: 'W4366196520', doi: '10.1145/3544548.3580847' },
};

describe('retrieve asks each paper its own source, then the finders', () => {
  it('arXiv paper from arXiv (no HTML: its PDF); OpenAlex paper without a PDF link from Unpaywall', async () => {
    const s2orc = workToPaper(s2orcWork);
    const result = await retrieveFullTexts([citeSee, s2orc], deps());
    expect(result.retrieved).toEqual(['arxiv:2302.07302v1', 'openalex:W3035186386']);
    expect(result.unavailable).toEqual([]);
    const viaUnpaywall = `${unpaywall.url}/files/${encodeURIComponent(aclPdf)}`;
    expect(result.full_texts).toEqual([
      { id: 'arxiv:2302.07302v1', via: 'arxiv', kind: 'pdf', url: `${arxiv.url}/pdf/2302.07302v1` },
      { id: 'openalex:W3035186386', via: 'unpaywall', kind: 'pdf', url: viaUnpaywall },
    ]);
    expect((await store.documents.latest('openalex:W3035186386'))?.origin).toBe(viaUnpaywall);
    expect((await store.papers.get('arxiv:2302.07302v1'))?.identifiers).toEqual(citeSee.identifiers);
  });

  it('lists a paper no source can give, with each reason', async () => {
    const s2orc = workToPaper(s2orcWork);
    const result = await retrieveFullTexts([s2orc], deps(false));
    expect(result.retrieved).toEqual([]);
    expect(result.unavailable).toEqual([
      { id: 'openalex:W3035186386', title: s2orc.title, reason: 'OpenAlex has no open full text' },
    ]);
    const withdrawn = await retrieveFullTexts([{ ...citeSee, withdrawn: true }], deps());
    expect(withdrawn.unavailable[0]!.reason).toBe('withdrawn by its authors');
  });
});
