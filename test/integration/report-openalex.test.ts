import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentifyArtifact, RetrieveArtifact } from '../../src/pipeline/report/report-types.ts';
import type { ReportModel } from '../../src/report/report-model.ts';
import { atomFeed, atomReply } from '../support/arxiv-stand-in.ts';
import { type CrossrefStandIn, startCrossrefStandIn } from '../support/crossref-stand-in.ts';
import { type LoopbackServer, startLoopbackServer } from '../support/loopback-server.ts';
import { type OpenAlexStandIn, openAlexFixture, startOpenAlexStandIn } from '../support/openalex-stand-in.ts';
import { type ReportStandIn, standInEnv, startReportStandIn } from '../support/report-stand-in.ts';
import { sharedData } from '../support/shared-data.ts';
import { openSqliteStore } from '../support/sqlite-test-store.ts';
import { type UnpaywallStandIn, startUnpaywallStandIn, unpaywallFixture } from '../support/unpaywall-stand-in.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

/**
 * `litmus report` against loopback stand-ins of arXiv, OpenAlex and Unpaywall. CiteSee is on arXiv
 * and on OpenAlex (with its CHI DOI): one paper with both ids. S2ORC is an ACL paper OpenAlex knows
 * with no PDF link (and not on arXiv here): Unpaywall finds its open-access PDF by DOI — the real
 * ACL Anthology PDF from ../shared/data — and it is ingested like any PDF, its origin recorded.
 */
describe('litmus report with OpenAlex and Unpaywall', () => {
  let arxiv: ReportStandIn;
  let openalex: OpenAlexStandIn;
  let unpaywall: UnpaywallStandIn;
  let s2: LoopbackServer;
  let crossref: CrossrefStandIn;
  let dir: string;
  let cleanup: () => void;
  let env: Record<string, string>;
  const question = 'How do reading tools help researchers read scientific papers?';
  const queries = ['all:CiteSee', 'all:"research corpus"'];
  const delayMs = 150;
  const aclPdf = 'https://aclanthology.org/2020.acl-main.447.pdf';

  beforeAll(async () => {
    arxiv = await startReportStandIn(question);
    const citeSee = arxiv.arxiv.entries.get('2302.07302v1')!;
    arxiv.arxiv.atom.set('search:all:CiteSee', atomReply(atomFeed([citeSee])));
    openalex = await startOpenAlexStandIn([
      openAlexFixture('work-W4366196520.json'),
      openAlexFixture('work-W3035186386.json'),
    ]);
    unpaywall = await startUnpaywallStandIn([unpaywallFixture('10.18653-v1-2020.acl-main.447.json')]);
    unpaywall.files.set(aclPdf, readFileSync(sharedData('pdfs', '2020.acl-main.447.pdf')));
    // Semantic Scholar knows no links here: the snowball's papers come from OpenAlex.
    s2 = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ offset: 0, data: [] }));
    });
    // Crossref (asked for retractions of every included DOI) knows neither paper here.
    crossref = await startCrossrefStandIn();
    ({ dir, cleanup } = makeTempDir());
    const config = join(dir, 'sources.json');
    writeFileSync(
      config,
      JSON.stringify({
        contact: 'litmus-tests@example.org',
        openalex: { enabled: true, api: openalex.url, mailto: 'reports@example.org', delayMs },
        unpaywall: { enabled: true, api: unpaywall.api, email: 'reports@example.org', delayMs },
      }),
    );
    env = {
      ...standInEnv(arxiv.arxiv, dir),
      LITMUS_CONFIG: config,
      LITMUS_S2_API: `${s2.url}/graph/v1`,
      LITMUS_S2_DELAY_MS: '20',
      LITMUS_CROSSREF_API: crossref.url,
      LITMUS_CROSSREF_DELAY_MS: '20',
    };
  });
  afterAll(async () => {
    await arxiv.close();
    await openalex.close();
    await unpaywall.close();
    await s2.close();
    await crossref.close();
    cleanup();
  });

  it('includes the OpenAlex-only paper with its Unpaywall PDF and merges the paper found on both', async () => {
    const out = join(dir, 'report');
    const args = ['--json', '--quiet', 'report', question, '--threshold', '0', '--max-papers', '5', '--out', out];
    const result = await runLitmus([...args, ...queries.flatMap((q) => ['--query', q])], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);

    const model = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportModel;
    expect(model.papers.map((p) => p.id).sort()).toEqual(['arxiv:2302.07302v1', 'openalex:W3035186386']);
    const s2orc = model.papers.find((p) => p.id === 'openalex:W3035186386')!;
    expect(s2orc.title).toBe('S2ORC: The Semantic Scholar Open Research Corpus');
    expect(s2orc.doi).toBe('10.18653/v1/2020.acl-main.447');
    expect(model.claims.some((c) => c.paper_id === 'openalex:W3035186386')).toBe(true);

    // One record per work: OpenAlex's CiteSee is a duplicate of arXiv's, whose record keeps both ids.
    const identify = JSON.parse(readFileSync(join(out, 'stages', '02-identify.json'), 'utf8')) as IdentifyArtifact;
    expect(identify.per_query.map((q) => q.source)).toEqual(['library', 'arxiv', 'openalex', 'arxiv', 'openalex']);
    expect(identify.duplicates).toContainEqual(
      expect.objectContaining({ id: 'openalex:W4366196520', duplicateOf: 'arxiv:2302.07302v1' }),
    );
    const citeSee = identify.records.find((r) => r.id === 'arxiv:2302.07302v1')!;
    expect(citeSee.identifiers).toEqual({
      arxiv: '2302.07302',
      openalex: 'W4366196520',
      doi: '10.1145/3544548.3580847',
    });

    const retrieve = JSON.parse(readFileSync(join(out, 'stages', '04-retrieve.json'), 'utf8')) as RetrieveArtifact;
    expect(retrieve.full_texts).toContainEqual({
      id: 'openalex:W3035186386',
      via: 'unpaywall',
      kind: 'pdf',
      url: `${unpaywall.url}/files/${encodeURIComponent(aclPdf)}`,
    });

    const store = openSqliteStore(join(dir, 'litmus.db'));
    try {
      expect((await store.papers.get('arxiv:2302.07302v1'))?.identifiers).toMatchObject({
        openalex: 'W4366196520',
        doi: '10.1145/3544548.3580847',
      });
      const document = store.db
        .prepare("SELECT origin, kind, pages FROM documents WHERE paper_id = 'openalex:W3035186386'")
        .get() as { origin: string; kind: string; pages: number };
      expect(document).toEqual({
        origin: `${unpaywall.url}/files/${encodeURIComponent(aclPdf)}`,
        kind: 'pdf',
        pages: 15,
      });
    } finally {
      await store.close();
    }

    // Polite use: every OpenAlex request says who asks and is spaced; Unpaywall gets the email.
    const works = openalex.requests.filter((r) => r.path.startsWith('/works'));
    expect(works.length).toBeGreaterThanOrEqual(3);
    for (const request of works) expect(request.query.get('mailto')).toBe('reports@example.org');
    const searches = works.filter((r) => r.path === '/works');
    expect(searches.map((r) => r.query.get('search'))).toEqual(['CiteSee', '"research corpus"']);
    for (let i = 1; i < works.length; i += 1) {
      expect(works[i]!.time - works[i - 1]!.time).toBeGreaterThanOrEqual(delayMs - 10);
    }
    const lookups = unpaywall.requests.filter((r) => r.path.startsWith('/v2/'));
    expect(lookups.map((r) => r.path)).toEqual(['/v2/10.18653/v1/2020.acl-main.447']);
    expect(lookups[0]!.query.get('email')).toBe('reports@example.org');
  });

  it('--expand follows OpenAlex references of the search results', async () => {
    const out = join(dir, 'expanded');
    const args = ['--json', '--quiet', 'report', question, '--threshold', '0', '--expand', '--out', out];
    const result = await runLitmus([...args, '--query', 'all:CiteSee'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const identify = JSON.parse(readFileSync(join(out, 'stages', '02-identify.json'), 'utf8')) as IdentifyArtifact;
    expect(identify.per_query).toContainEqual({
      query: 'snowball: arxiv:2302.07302v1',
      source: 'openalex',
      records: 1,
    });
    const model = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportModel;
    expect(model.papers.map((p) => p.id).sort()).toEqual(['arxiv:2302.07302v1', 'openalex:W3035186386']);
  });
});
