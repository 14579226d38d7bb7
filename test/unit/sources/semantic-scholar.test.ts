import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.ts';
import { createHttpClient } from '../../../src/http/polite-fetch.ts';
import { createSemanticScholarSource, toS2PaperId } from '../../../src/sources/semantic-scholar/s2-source.ts';
import { openSqliteStore, type SqliteTestStore } from '../../support/sqlite-test-store.ts';
import { type LoopbackServer, startLoopbackServer } from '../../support/loopback-server.ts';
import { repoRoot } from '../../support/shared-data.ts';

const fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/http/semantic-scholar', name), 'utf8');

let server: LoopbackServer;
let store: SqliteTestStore;
let failNext = 0;

beforeAll(async () => {
  server = await startLoopbackServer((request, response) => {
    const json = (status: number, body: string) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body);
    };
    if (failNext > 0) {
      failNext -= 1;
      return json(429, fixture('error-429.json'));
    }
    const path = request.path;
    if (path === '/graph/v1/paper/ARXIV:1706.03762') return json(200, fixture('paper-arxiv-1706.03762.json'));
    if (path === '/graph/v1/paper/ARXIV:1706.03762/references') {
      return json(200, fixture(request.query.get('offset') === '3' ? 'references-1706.03762-page2.json' : 'references-1706.03762.json'));
    }
    if (path === '/graph/v1/paper/ARXIV:1706.03762/citations') return json(200, fixture('citations-1706.03762.json'));
    if (path === '/graph/v1/paper/search') return json(200, fixture('search-attention.json'));
    if (path === '/graph/v1/paper/search/match') {
      return request.query.get('query') === 'Attention is all you need'
        ? json(200, fixture('match-title.json'))
        : json(404, fixture('match-not-found.json'));
    }
    return json(404, fixture('error-404.json'));
  });
});
afterAll(() => server.close());
beforeEach(async () => {
  await store?.close();
  store = openSqliteStore(':memory:');
  server.clearRequests();
  failNext = 0;
});

function source(apiKey?: string) {
  const config = loadConfig({
    env: {},
    flags: { semanticScholar: { api: `${server.url}/graph/v1`, delayMs: 10, ...(apiKey ? { apiKey } : {}) } },
  });
  const http = createHttpClient({ store, userAgent: 'litmus/test (+mailto:t@example.org)', backoffBaseMs: 10 });
  return { s2: createSemanticScholarSource({ http, config }), http };
}

describe('Semantic Scholar source', () => {
  it('maps identifiers to Graph API paper ids', () => {
    expect(toS2PaperId('arxiv:2005.13013v2')).toBe('ARXIV:2005.13013');
    expect(toS2PaperId('ARXIV:1706.03762')).toBe('ARXIV:1706.03762');
    expect(toS2PaperId('10.1162/neco.1997.9.8.1735')).toBe('DOI:10.1162/neco.1997.9.8.1735');
    expect(toS2PaperId('doi:10.1/x')).toBe('DOI:10.1/x');
    expect(toS2PaperId('s2:204e3073')).toBe('204e3073');
  });

  it('looks a paper up by arXiv id, sending the key and the fields', async () => {
    const { s2 } = source('secret-key');
    const work = await s2.lookup('arxiv:1706.03762v7');
    expect(work).toMatchObject({ s2Id: '204e3073870fae3d05bcbc2f6a8e263d9b72e776', arxivId: '1706.03762', openAccessPdfUrl: null });
    expect(work.paper).toMatchObject({ source: 'semantic-scholar', title: 'Attention is All you Need', published: '2017-06-12' });
    const request = server.requests[0]!;
    expect(request.path).toBe('/graph/v1/paper/ARXIV:1706.03762');
    expect(request.query.get('fields')).toContain('externalIds');
    expect(request.headers['x-api-key']).toBe('secret-key');
    expect(request.headers['user-agent']).toBe('litmus/test (+mailto:t@example.org)');
  });

  it('sends no x-api-key without one', async () => {
    await source().s2.lookup('ARXIV:1706.03762');
    expect(server.requests[0]!.headers['x-api-key']).toBeUndefined();
  });

  it('pages references, skipping unresolved ones, with citing contexts', async () => {
    const { s2 } = source();
    const links = await s2.references('arxiv:1706.03762', 10);
    expect(links.map((l) => l.work.paper.title)).toEqual([
      'Long Short-Term Memory',
      'Neural Machine Translation by Jointly Learning to Align and Translate',
      'Findings of the 2014 Workshop on Statistical Machine Translation',
    ]);
    expect(links[1]).toMatchObject({ isInfluential: true, intents: ['methodology', 'background'], direction: 'reference' });
    expect(links[1]!.work.arxivId).toBe('1409.0473');
    expect(links[2]!.work.openAccessPdfUrl).toBe('https://aclanthology.org/W14-3302.pdf');
    expect(links[0]!.work.doi).toBe('10.1162/neco.1997.9.8.1735');
    expect(server.requests.map((r) => r.query.get('offset'))).toEqual(['0', '3']);
    expect(server.requests[0]!.query.get('fields')).toContain('contexts');
  });

  it('lists citations', async () => {
    const links = await source().s2.citations('ARXIV:1706.03762', 5);
    expect(links[0]!.contexts[0]).toMatch(/^BERT's model architecture/);
    expect(links[0]!.work.arxivId).toBe('1810.04805');
  });

  it('searches and matches titles; a missing title is null', async () => {
    const { s2 } = source();
    expect((await s2.search('attention', { max: 2 })).map((p) => p.id)).toEqual([
      's2:204e3073870fae3d05bcbc2f6a8e263d9b72e776',
      's2:fa72afa9b2cbc8f0d7b05d52548906610ffbb9c5',
    ]);
    expect((await s2.matchTitle('Attention is all you need'))?.arxivId).toBe('1706.03762');
    expect(await s2.matchTitle('No such paper at all')).toBeNull();
  });

  it('unknown ids are E_NOT_FOUND; 429 is retried', async () => {
    const { s2, http } = source();
    await expect(s2.get('ARXIV:9999.99999')).rejects.toMatchObject({ code: 'E_NOT_FOUND' });
    failNext = 1;
    expect((await s2.lookup('ARXIV:1706.03762')).arxivId).toBe('1706.03762');
    expect(http.requestCount).toBe(3);
  });
});
