import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditJson } from '../../src/report/audit/audit-json.ts';
import { validateAudit } from '../../src/report/audit/validate-audit.ts';
import { type ArxivStandIn, atomEntry, startArxivStandIn } from '../support/arxiv-stand-in.ts';
import { sharedData } from '../support/shared-data.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';
import { expositoryWritingReport } from '../fixtures/audit/expository-writing-report.ts';

// `audit` is registered in src/cli/commands/index.ts by the lead; until then (and harmlessly after),
// the test adds it to the real command set so it runs through the real CLI.
const report = expositoryWritingReport;

describe('litmus audit fetching the cited papers (loopback arXiv and Semantic Scholar)', () => {
  let arxiv: ArxivStandIn;
  let dir: string;
  let cleanup: () => void;
  let audit: AuditJson;
  let code: number;

  beforeAll(async () => {
    arxiv = await startArxivStandIn();
    ({ dir, cleanup } = makeTempDir());
    arxiv.entries.set(
      '2304.02623v1',
      atomEntry({
        id: '2304.02623v1',
        title: 'Beyond Summarization: Designing AI Support for Real-World Expository Writing Tasks',
      }),
    );
    arxiv.pdf.set('2304.02623v1', {
      headers: { 'content-type': 'application/pdf' },
      body: readFileSync(sharedData('pdfs', '2304.02623v1.pdf')),
    });
    const config = join(dir, 'litmus.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        arxiv: { ...arxiv.endpoints, delayMs: 10, maxRetries: 0 },
        semanticScholar: { api: `${arxiv.url}/s2/graph/v1`, delayMs: 10 },
      }),
    );
    const document = join(dir, 'writing-report.md');
    writeFileSync(document, report);
    const out = join(dir, 'out');
    const result = await runLitmus([
      '--db',
      join(dir, 'litmus.db'),
      '--config',
      config,
      'audit',
      document,
      '--out',
      out,
    ]);
    code = result.code;
    if (code !== 0) throw new Error(`audit failed (${code}): ${result.stderr}`);
    audit = JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8')) as AuditJson;
  });
  afterAll(async () => {
    await arxiv.close();
    cleanup();
  });

  it('fetches the arXiv reference and verifies its claim against the paper text', () => {
    expect(code).toBe(0);
    expect(validateAudit(audit).valid).toBe(true);
    expect(audit.references[0]).toMatchObject({ key: '1', paper_id: 'arxiv:2304.02623v1', resolved_by: 'arxiv' });
    expect(arxiv.requestsTo('api')[0]!.query.get('id_list')).toBe('2304.02623v1');
    expect(arxiv.requestsTo('pdf').map((r) => r.path)).toEqual(['/pdf/2304.02623v1']);
    const claim = audit.claims[0]!;
    expect(claim.cited).toEqual([{ reference: '1', paper_id: 'arxiv:2304.02623v1' }]);
    expect(claim.evidence.length).toBeGreaterThan(0);
    expect(claim.evidence[0]!.paper_id).toBe('arxiv:2304.02623v1');
    expect(claim.evidence.some((e) => /evidence-(?:based|driven) and knowledge-generating/.test(e.quote))).toBe(true);
    expect(claim.verdict).toBe('SUPPORTED');
  });

  it('asks Semantic Scholar for the DOI and records the miss as a finding, not a failure', () => {
    const s2 = arxiv.requests.filter((r) => r.path.startsWith('/s2/'));
    expect(s2.map((r) => r.path)).toEqual(['/s2/graph/v1/paper/DOI:10.9999%2Fnot-a-real-doi']);
    expect(audit.references[1]).toMatchObject({ key: '2', paper_id: null, resolved_by: null });
    const finding = audit.findings.find((f) => f.kind === 'unresolved_reference' && f.reference === '2');
    expect(finding?.detail).toMatch(/Semantic Scholar has no paper/);
    expect(audit.claims[1]).toMatchObject({ verdict: 'NOT_ENOUGH_INFO', status: 'unverifiable' });
  });
});
