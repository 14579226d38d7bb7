import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/report-model.ts';
import { type LoopbackServer, startLoopbackServer } from '../support/loopback-server.ts';
import { type ReportStandIn, standInEnv, startReportStandIn } from '../support/report-stand-in.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

/**
 * `litmus report --expand`: the one paper the search finds is snowballed through a Semantic Scholar
 * stand-in, whose references point at another arXiv paper; that paper is identified, screened and
 * included like a search result. A Semantic Scholar outage is a warning and the search results stand.
 */
describe('litmus report --expand', () => {
  let standIn: ReportStandIn;
  let s2: LoopbackServer;
  let s2Down = false;
  let dir: string;
  let cleanup: () => void;
  let env: Record<string, string>;
  const question = 'How do reading tools help researchers read scientific papers?';
  const query = 'all:CiteSee';

  beforeAll(async () => {
    standIn = await startReportStandIn(question);
    const citeSee = standIn.arxiv.entries.get('2302.07302v1')!;
    const { atomFeed, atomReply } = await import('../support/arxiv-stand-in.ts');
    standIn.arxiv.atom.set(`search:${query}`, atomReply(atomFeed([citeSee])));
    s2 = await startLoopbackServer((request, response) => {
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (s2Down) return json(503, { message: 'unavailable' });
      if (request.path === '/graph/v1/paper/ARXIV:2302.07302/references') {
        return json(200, {
          offset: 0,
          data: [
            {
              contexts: ['Paper Plain helps healthcare consumers read medical papers.'],
              intents: ['background'],
              isInfluential: true,
              citedPaper: {
                paperId: 'a1b2c3',
                externalIds: { ArXiv: '2203.00130', CorpusId: 1 },
                title:
                  'Paper Plain: Making Medical Research Papers Approachable to Healthcare Consumers with Natural Language Processing',
                year: 2022,
                authors: [{ authorId: '1', name: 'Tal August' }],
                openAccessPdf: null,
                isOpenAccess: false,
              },
            },
          ],
        });
      }
      if (request.path === '/graph/v1/paper/ARXIV:2302.07302/citations') return json(200, { offset: 0, data: [] });
      return json(404, { error: 'Paper not found' });
    });
    ({ dir, cleanup } = makeTempDir());
    env = {
      ...standInEnv(standIn.arxiv, dir),
      LITMUS_S2_API: `${s2.url}/graph/v1`,
      LITMUS_S2_DELAY_MS: '20',
    };
  });
  afterAll(async () => {
    await standIn.close();
    await s2.close();
    cleanup();
  });

  it('adds papers found by snowballing to the flow and the references', async () => {
    const out = join(dir, 'expanded');
    const result = await runLitmus(
      [
        '--json',
        '--quiet',
        'report',
        question,
        '--query',
        query,
        '--expand',
        '--max-papers',
        '5',
        '--threshold',
        '0',
        '--out',
        out,
      ],
      env,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const model = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportModel;
    expect(model.papers.map((p) => p.id).sort()).toEqual(['arxiv:2203.00130v1', 'arxiv:2302.07302v1']);
    expect(model.counts.identified).toBe(2);
    const identify = JSON.parse(readFileSync(join(out, 'stages', '02-identify.json'), 'utf8'));
    expect(identify.per_query).toContainEqual({
      query: 'snowball: arxiv:2302.07302v1',
      source: 'semantic-scholar',
      records: 1,
    });
    expect(s2.requests.some((r) => r.path.endsWith('/references'))).toBe(true);
  });

  it('keeps the search results when Semantic Scholar is down', async () => {
    s2Down = true;
    const out = join(dir, 'down');
    // A fresh database (the first test's Semantic Scholar answers are cached in the other one) and one
    // retry, so the outage is reported quickly.
    writeFileSync(join(dir, 'one-retry.json'), JSON.stringify({ arxiv: { maxRetries: 1 } }));
    const result = await runLitmus(
      ['--json', 'report', question, '--query', query, '--expand', '--threshold', '0', '--out', out],
      {
        ...env,
        LITMUS_DB: join(dir, 'down.db'),
        LITMUS_CONFIG: join(dir, 'one-retry.json'),
      },
    );
    // Written, but partial: one source failed (exit 1, status partial in run.json and the method).
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/warning: snowball: arxiv:2302\.07302v1/);
    expect(JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')).status).toBe('partial');
    const model = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ReportModel;
    expect(model.papers.map((p) => p.id)).toEqual(['arxiv:2302.07302v1']);
    expect(model.limitations.some((l) => l.includes('snowball'))).toBe(true);
  });
});
