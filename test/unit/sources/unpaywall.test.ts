import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LitmusError } from '../../../src/core/errors.ts';
import type { Paper } from '../../../src/core/types.ts';
import { createHttpClient } from '../../../src/http/polite-fetch.ts';
import { createUnpaywallFinder, pdfUrls } from '../../../src/sources/unpaywall/unpaywall-finder.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';
import { standInConfig } from '../../support/arxiv-stand-in.ts';
import { startUnpaywallStandIn, type UnpaywallStandIn, unpaywallFixture } from '../../support/unpaywall-stand-in.ts';

const acl = unpaywallFixture('10.18653-v1-2020.acl-main.447.json');
const aclPdf = 'https://aclanthology.org/2020.acl-main.447.pdf';
const paper: Paper = {
  id: 'openalex:W3035186386',
  workId: 'openalex:W3035186386',
  source: 'openalex',
  externalId: 'W3035186386',
  version: null,
  title: 'S2ORC: The Semantic Scholar Open Research Corpus',
  authors: [{ name: 'Kyle Lo' }],
  published: '2020-07-01',
  updated: null,
  categories: [],
  licence: null,
  abstract: null,
  doi: '10.18653/v1/2020.acl-main.447',
};

let standIn: UnpaywallStandIn;
let store: SqliteTestStore;
beforeAll(async () => {
  standIn = await startUnpaywallStandIn([acl]);
  standIn.files.set(aclPdf, new TextEncoder().encode('%PDF-1.5 s2orc'));
});
afterAll(() => standIn.close());
beforeEach(async () => {
  await store?.close();
  store = openSqliteStore(':memory:');
  standIn.requests.length = 0;
});

function finder(unpaywall: Record<string, unknown> = {}, contact?: string) {
  const config = standInConfig({
    ...(contact ? { contact } : {}),
    unpaywall: { enabled: true, api: standIn.api, email: 'me@example.org', delayMs: 0, ...unpaywall },
  });
  return createUnpaywallFinder({ http: createHttpClient({ store, userAgent: 'litmus/test' }), config });
}

describe('Unpaywall finder', () => {
  it('asks by DOI with the email parameter and fetches the best PDF', async () => {
    const text = await finder().find(paper);
    expect(text).toMatchObject({ kind: 'pdf', url: `${standIn.url}/files/${encodeURIComponent(aclPdf)}` });
    expect(new TextDecoder().decode(text!.bytes)).toBe('%PDF-1.5 s2orc');
    const [lookup] = standIn.requests;
    expect(lookup!.path).toBe('/v2/10.18653/v1/2020.acl-main.447');
    expect(lookup!.query.get('email')).toBe('me@example.org');
  });

  it('uses the contact address when no email is set, and refuses the placeholder before any request', async () => {
    await finder({ email: undefined }, 'team@example.org').lookup(paper.doi!);
    expect(standIn.requests[0]!.query.get('email')).toBe('team@example.org');
    const error = (await finder({ email: undefined })
      .lookup(paper.doi!)
      .catch((e: unknown) => e)) as LitmusError;
    expect(error.code).toBe('E_CONFIG');
    expect(error.hint).toMatch(/unpaywall\.email/);
    expect(standIn.requests).toHaveLength(1);
  });

  it('says so when Unpaywall refuses the address (422)', async () => {
    const error = (await finder({ email: 'someone@example.com' })
      .lookup(paper.doi!)
      .catch((e: unknown) => e)) as LitmusError;
    expect(error.code).toBe('E_CONFIG');
    expect(error.message).toContain('10.18653/v1/2020.acl-main.447');
  });

  it('gives null for a DOI it does not know, and for a paper without a DOI (no request)', async () => {
    expect(await finder().find({ ...paper, doi: '10.9999/unknown' })).toBeNull();
    expect(standIn.requests).toHaveLength(1);
    expect(await finder().find({ ...paper, doi: null })).toBeNull();
    expect(standIn.requests).toHaveLength(1);
  });

  it('orders PDF links: the best location, then repositories, then the rest', () => {
    const urls = pdfUrls({
      doi: '10.1/x',
      is_oa: true,
      best_oa_location: { url_for_pdf: 'https://publisher/best.pdf', host_type: 'publisher' },
      oa_locations: [
        { url_for_pdf: 'https://publisher/other.pdf', host_type: 'publisher' },
        { url_for_pdf: 'https://repo/copy.pdf', host_type: 'repository' },
        { url_for_pdf: null, url_for_landing_page: 'https://repo/landing', host_type: 'repository' },
      ],
    });
    expect(urls).toEqual(['https://publisher/best.pdf', 'https://repo/copy.pdf', 'https://publisher/other.pdf']);
  });
});
