import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReportStandIn, standInEnv, startReportStandIn } from '../support/report-stand-in.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

describe('litmus add arxiv:<id> through the CLI', () => {
  let standIn: ReportStandIn;
  let dir: string;
  let cleanup: () => void;
  let env: Record<string, string>;
  beforeAll(async () => {
    standIn = await startReportStandIn('unused question');
    ({ dir, cleanup } = makeTempDir());
    env = standInEnv(standIn.arxiv, dir);
  });
  afterAll(async () => {
    await standIn.close();
    cleanup();
  });

  it('adds a pinned version with its full-text source, then re-adds it with zero requests', async () => {
    const first = await runLitmus(['--json', '--quiet', 'add', 'arxiv:2304.02623v1', 'arxiv:2206.10883v3'], env);
    expect(first.code).toBe(0);
    const rows = JSON.parse(first.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      source: 'arxiv',
      arxiv_id: '2304.02623',
      version: 1,
      status: 'added',
      fulltext: 'pdf',
      pages: 4,
    });
    // arXiv's HTML for this one is a failed LaTeXML conversion: the PDF is used instead.
    expect(rows[1]).toMatchObject({ arxiv_id: '2206.10883', version: 3, status: 'added', fulltext: 'pdf', pages: 37 });
    const userAgent = standIn.arxiv.requests[0]!.headers['user-agent'];
    expect(userAgent).toMatch(/^litmus\/\d+\.\d+\.\d+ \(\+mailto:/);

    const before = standIn.arxiv.requests.length;
    const again = await runLitmus(['--json', '--quiet', 'add', 'arxiv:2304.02623v1'], env);
    expect(again.code).toBe(0);
    expect((JSON.parse(again.stdout) as { status: string }[])[0]!.status).toBe('unchanged');
    expect(standIn.arxiv.requests.length).toBe(before);
  });

  it('reports an unknown paper as a failed row (exit 1) and a malformed id as bad usage (exit 2)', async () => {
    const unknown = await runLitmus(['--json', '--quiet', 'add', 'arxiv:2401.99999v1'], env);
    expect(unknown.code).toBe(1);
    expect((JSON.parse(unknown.stdout) as { status: string; code: string }[])[0]).toMatchObject({
      status: 'failed',
      code: 'E_NOT_FOUND',
    });
    const malformed = await runLitmus(['add', 'arxiv:not-an-id'], env);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('answers from the cache offline and says what is unavailable', async () => {
    const cached = await runLitmus(['--json', '--quiet', '--offline', 'add', 'arxiv:2304.02623v1'], env);
    expect(cached.code).toBe(0);
    const missing = await runLitmus(['--json', '--quiet', '--offline', 'add', 'arxiv:2302.07302v1'], env);
    expect(missing.code).toBe(1);
    expect((JSON.parse(missing.stdout) as { error: string }[])[0]!.error).toMatch(/offline/i);
  });
});
