import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../../src/http/polite-fetch.ts';
import { identifyRecords } from '../../../src/pipeline/report/identify.ts';
import type { PlanArtifact, ReportOptions } from '../../../src/pipeline/report/report-types.ts';
import { createArxivSource } from '../../../src/sources/arxiv/arxiv-source.ts';
import { openSqliteStore } from '../../support/sqlite-test-store.ts';
import {
  type ArxivStandIn,
  atomEntry,
  atomFeed,
  atomReply,
  standInConfig,
  startArxivStandIn,
} from '../../support/arxiv-stand-in.ts';
import { startLoopbackServer } from '../../support/loopback-server.ts';
import { type OpenAlexStandIn, openAlexFixture, startOpenAlexStandIn } from '../../support/openalex-stand-in.ts';

const plan: PlanArtifact = {
  question: 'How do reading tools help researchers?',
  planner: 'test',
  queries: ['all:CiteSee', 'all:corpus'],
  facets: { entities: [], phrases: [] },
};
const options: ReportOptions = {
  question: plan.question,
  maxPapers: 10,
  threshold: 0,
  claimThreshold: 0,
  perQuery: 10,
  claimsPerPaper: 5,
  expand: false,
  refresh: false,
  outDir: 'unused',
  source: 'arxiv',
};

let arxiv: ArxivStandIn;
let openalex: OpenAlexStandIn;
let closedUrl: string;

beforeAll(async () => {
  arxiv = await startArxivStandIn();
  const citeSee = atomEntry({
    id: '2302.07302v1',
    title: 'CiteSee: Augmenting Citations in Scientific Papers with Persistent and Personalized Historical Context',
    authors: ['Joseph Chee Chang'],
    published: '2023-02-14T00:00:00Z',
  });
  arxiv.atom.set('search:all:CiteSee', atomReply(atomFeed([citeSee])));
  openalex = await startOpenAlexStandIn([
    openAlexFixture('work-W4366196520.json'),
    openAlexFixture('work-W3035186386.json'),
  ]);
  const closed = await startLoopbackServer(() => {});
  closedUrl = closed.url;
  await closed.close();
});
afterAll(async () => {
  await arxiv.close();
  await openalex.close();
});

function deps(openalexApi: string) {
  const store = openSqliteStore(':memory:');
  const config = standInConfig({
    arxiv: { ...arxiv.endpoints, delayMs: 0, maxRetries: 0 },
    openalex: { enabled: true, api: openalexApi, mailto: 't@example.org', delayMs: 0 },
  });
  const http = createHttpClient({ store, userAgent: 'litmus/test', maxRetries: 0 });
  const warnings: string[] = [];
  return {
    store,
    config,
    http,
    arxiv: createArxivSource({ http, config }),
    warn: (line: string) => warnings.push(line),
    warnings,
  };
}

describe('identify searches every configured source', () => {
  it('runs each query on arXiv and OpenAlex and keeps one record per work', async () => {
    const result = await identifyRecords(plan, { ...options, source: 'all' }, deps(openalex.url));
    expect(result.per_query.filter((q) => q.source !== 'library')).toEqual([
      { query: 'all:CiteSee', source: 'arxiv', records: 1 },
      { query: 'all:CiteSee', source: 'openalex', records: 1 },
      { query: 'all:corpus', source: 'arxiv', records: 0 },
      { query: 'all:corpus', source: 'openalex', records: 1 },
    ]);
    expect(result.records.map((r) => r.id)).toEqual(['arxiv:2302.07302v1', 'openalex:W3035186386']);
    expect(result.records[0]!.identifiers).toMatchObject({ openalex: 'W4366196520', doi: '10.1145/3544548.3580847' });
    expect(result.duplicates).toEqual([
      expect.objectContaining({
        id: 'openalex:W4366196520',
        duplicateOf: 'arxiv:2302.07302v1',
        reason: expect.stringMatching(/^same arXiv id/),
      }),
    ]);
  });

  it('--source arxiv asks arXiv alone', async () => {
    const result = await identifyRecords(plan, options, deps(openalex.url));
    expect(new Set(result.per_query.map((q) => q.source))).toEqual(new Set(['arxiv']));
  });

  it('takes a DOI given with --paper from OpenAlex', async () => {
    const result = await identifyRecords(
      { ...plan, queries: [] },
      { ...options, papers: ['https://doi.org/10.18653/v1/2020.acl-main.447'] },
      deps(openalex.url),
    );
    expect(result.pinned).toEqual(['openalex:W3035186386']);
    expect(result.unresolved).toEqual([]);
  });

  it('records an unreachable OpenAlex once per query without asking again, arXiv results standing', async () => {
    const d = deps(closedUrl);
    const result = await identifyRecords(plan, { ...options, source: 'all' }, d);
    const failed = result.per_query.filter((q) => q.source === 'openalex');
    expect(failed).toHaveLength(2);
    for (const entry of failed) expect(entry.error).toMatch(/^no network|cannot reach/);
    expect(result.records.map((r) => r.id)).toEqual(['arxiv:2302.07302v1']);
    expect(d.warnings).toEqual([]);
  });
});
