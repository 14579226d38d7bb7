import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LitmusError } from '../../src/core/errors.ts';
import { createHttpClient } from '../../src/http/polite-fetch.ts';
import { createArxivSource } from '../../src/sources/arxiv/arxiv-source.ts';
import { createCrossrefSource } from '../../src/sources/crossref/crossref-source.ts';
import { createOpenAlexSource } from '../../src/sources/openalex/openalex-source.ts';
import { createSemanticScholarSource } from '../../src/sources/semantic-scholar/s2-source.ts';
import type { PaperSource } from '../../src/sources/source.ts';
import { openSqliteStore, type SqliteTestStore } from '../support/sqlite-test-store.ts';
import { atomEntry, atomFeed, standInConfig } from '../support/arxiv-stand-in.ts';
import { type CrossrefStandIn, startCrossrefStandIn } from '../support/crossref-stand-in.ts';
import { type LoopbackServer, startLoopbackServer } from '../support/loopback-server.ts';
import { type OpenAlexStandIn, openAlexFixture, startOpenAlexStandIn } from '../support/openalex-stand-in.ts';
import { repoRoot } from '../support/shared-data.ts';

/**
 * One suite every PaperSource passes: search gives well-formed Papers of that source, get finds a
 * known paper, and an unknown identifier is E_NOT_FOUND. Each source runs against a loopback server
 * answering with fixtures we wrote in its wire format.
 */
interface Case {
  name: string;
  make(): PaperSource;
  query: string;
  knownId: string;
  knownTitle: string;
  unknownId: string;
}

const s2Fixture = (name: string) => readFileSync(join(repoRoot, 'test/fixtures/http/semantic-scholar', name), 'utf8');
let server: LoopbackServer;
let openalex: OpenAlexStandIn;
let crossref: CrossrefStandIn;
let store: SqliteTestStore;

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  crossref = await startCrossrefStandIn(['work-corrected-proceedings.json', 'work-retracted.json']);
  openalex = await startOpenAlexStandIn([
    openAlexFixture('work-W4366196520.json'),
    openAlexFixture('work-W3035186386.json'),
  ]);
  server = await startLoopbackServer((request, response) => {
    const send = (status: number, type: string, body: string) => {
      response.writeHead(status, { 'content-type': type });
      response.end(body);
    };
    if (request.path === '/api/query') {
      const ids = request.query.get('id_list');
      const entries = [atomEntry({ id: '2301.00001v2', title: 'A Known Paper', authors: ['Jane Doe'] })];
      if (ids) return send(200, 'application/atom+xml', atomFeed(ids.startsWith('2301.00001') ? entries : []));
      return send(200, 'application/atom+xml', atomFeed(entries, { total: 1 }));
    }
    if (request.path === '/graph/v1/paper/search') return send(200, 'application/json', s2Fixture('search-attention.json'));
    if (request.path === '/graph/v1/paper/ARXIV:1706.03762') return send(200, 'application/json', s2Fixture('paper-arxiv-1706.03762.json'));
    return send(404, 'application/json', s2Fixture('error-404.json'));
  });
});
afterAll(async () => {
  await server.close();
  await openalex.close();
  await crossref.close();
  await store.close();
});

function deps() {
  const config = standInConfig({
    arxiv: { api: `${server.url}/api/query`, base: server.url, oai: `${server.url}/oai`, delayMs: 0 },
    semanticScholar: { api: `${server.url}/graph/v1`, delayMs: 0 },
    openalex: { enabled: true, api: openalex.url, mailto: 't@example.org', delayMs: 0 },
    crossref: { api: crossref.url, delayMs: 0 },
  });
  return { config, http: createHttpClient({ store, userAgent: 'litmus/contract (+mailto:t@example.org)' }) };
}

const cases: Case[] = [
  {
    name: 'arxiv',
    make: () => createArxivSource(deps()),
    query: 'known',
    knownId: 'arxiv:2301.00001v2',
    knownTitle: 'A Known Paper',
    unknownId: 'arxiv:2301.99999',
  },
  {
    name: 'semantic-scholar',
    make: () => createSemanticScholarSource(deps()),
    query: 'attention',
    knownId: 'ARXIV:1706.03762',
    knownTitle: 'Attention is All you Need',
    unknownId: 'ARXIV:9999.99999',
  },
  {
    name: 'openalex',
    make: () => createOpenAlexSource(deps()),
    query: 'all:"open research corpus"',
    knownId: 'doi:10.18653/v1/2020.acl-main.447',
    knownTitle: 'S2ORC: The Semantic Scholar Open Research Corpus',
    unknownId: 'W0000000000',
  },
  {
    name: 'crossref',
    make: () => createCrossrefSource(deps()),
    query: 'all:"scientific papers" AND ti:citations',
    knownId: 'doi:10.5555/litmus.citesee.2023',
    knownTitle:
      'CiteSee: Augmenting Citations in Scientific Papers with Persistent and Personalized Historical Context',
    unknownId: 'doi:10.5555/unknown',
  },
];

describe.each(cases)('PaperSource contract: $name', (c) => {
  it('search returns well-formed papers of this source', async () => {
    const source = c.make();
    const papers = await source.search(c.query, { max: 5 });
    expect(papers.length).toBeGreaterThan(0);
    for (const paper of papers) {
      expect(paper.source).toBe(source.name);
      expect(paper.id).toMatch(/^[a-z0-9]+:\S+$/);
      expect(paper.id.startsWith(paper.workId)).toBe(true);
      expect(paper.title.trim()).toBe(paper.title);
      expect(paper.title.length).toBeGreaterThan(0);
      expect(Array.isArray(paper.authors)).toBe(true);
      expect(Array.isArray(paper.categories)).toBe(true);
    }
  });

  it('get finds a known paper', async () => {
    const paper = await c.make().get(c.knownId);
    expect(paper.title).toBe(c.knownTitle);
  });

  it('get of an unknown id is E_NOT_FOUND', async () => {
    const error = (await c
      .make()
      .get(c.unknownId)
      .catch((e: unknown) => e)) as LitmusError;
    expect(error.code).toBe('E_NOT_FOUND');
    expect(error.message).toContain(c.unknownId.replace(/^arxiv:/, ''));
  });
});
