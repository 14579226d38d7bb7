import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportModel } from '../../src/report/report-model.ts';
import { validateReport } from '../../src/report/validate-report.ts';
import { type ReportStandIn, standInEnv, startReportStandIn } from '../support/report-stand-in.ts';
import { makeTempDir, runLitmus } from '../support/workspace.ts';

const question = 'How can AI reading and writing support tools help researchers read scientific papers?';
const offTopic =
  'What is the impact of English intermediate-task training on non-English code generation, as measured by HumanEval-X?';

describe('litmus report, end to end against a loopback arXiv', () => {
  let standIn: ReportStandIn;
  let dir: string;
  let cleanup: () => void;
  let env: Record<string, string>;
  beforeAll(async () => {
    standIn = await startReportStandIn(question, ['all:summarization']);
    ({ dir, cleanup } = makeTempDir());
    env = standInEnv(standIn.arxiv, dir);
  });
  afterAll(async () => {
    await standIn.close();
    cleanup();
  });

  const out = () => join(dir, 'report');

  it('writes every output, valid against the schema, with counts that add up', async () => {
    const result = await runLitmus(['--json', '--quiet', 'report', question, '--max-papers', '4', '--out', out()], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const file of [
      'report.md',
      'report.html',
      'report.json',
      'references.bib',
      'run.json',
      'charts/verdicts.svg',
    ]) {
      expect(existsSync(join(out(), file)), file).toBe(true);
    }
    const model = JSON.parse(readFileSync(join(out(), 'report.json'), 'utf8')) as ReportModel;
    const validation = validateReport(model);
    expect(validation.errors).toEqual([]);
    const { counts } = model;
    expect(counts.identified).toBe(counts.duplicates + counts.screened);
    expect(counts.screened).toBe(counts.excluded + counts.full_text_unavailable + counts.included);
    expect(counts.included).toBe(model.papers.length);
    expect(model.papers.length).toBeLessThanOrEqual(4);
    expect(model.papers.length).toBeGreaterThanOrEqual(3);
    // The sepsis paper is off topic and screened out with a reason.
    expect(model.papers.map((p) => p.id)).not.toContain('arxiv:1708.05894v1');
    expect(model.method.exclusions.some((e) => e.id === 'arxiv:1708.05894v1' && e.reason.length > 0)).toBe(true);
    // References: exactly the included papers, in Markdown and BibTeX.
    const bib = readFileSync(join(out(), 'references.bib'), 'utf8');
    expect((bib.match(/^@/gm) ?? []).length).toBe(model.papers.length);
    const markdown = readFileSync(join(out(), 'report.md'), 'utf8');
    for (const paper of model.papers) expect(markdown).toContain(paper.title);
    const references = markdown.slice(markdown.lastIndexOf('## References'));
    expect(references).not.toContain('Early Sepsis Detection');
    // Claims are complete sentences with verbatim evidence; the run is recorded with its provenance.
    expect(model.claims.length).toBeGreaterThan(0);
    for (const claim of model.claims) {
      expect(claim.text, claim.text).toMatch(/[.!?]["')\]]?$/);
      expect(claim.confidence).toBeGreaterThanOrEqual(0);
      expect(claim.confidence).toBeLessThanOrEqual(1);
      expect(markdown).toContain(claim.text.replaceAll('|', '\\|'));
    }
    const run = JSON.parse(readFileSync(join(out(), 'run.json'), 'utf8'));
    expect(run.engine).toBe('embedded');
    expect(run.corpus_snapshot).toBe(model.provenance.corpus_snapshot);
    expect(run.http_requests).toBeGreaterThan(0);
    // The PDF was used where arXiv's HTML conversion had failed.
    expect(standIn.arxiv.requestsTo('pdf').length).toBeGreaterThan(0);
  });

  it('makes zero HTTP requests on a rerun and gives the same papers, claims and verdicts', async () => {
    const first = JSON.parse(readFileSync(join(out(), 'report.json'), 'utf8')) as ReportModel;
    const before = standIn.arxiv.requests.length;
    const result = await runLitmus(['--json', '--quiet', 'report', question, '--max-papers', '4', '--out', out()], env);
    expect(result.code).toBe(0);
    expect(standIn.arxiv.requests.length).toBe(before);
    const second = JSON.parse(readFileSync(join(out(), 'report.json'), 'utf8')) as ReportModel;
    // The papers are in the local library now: it finds them (counted as duplicates of the arXiv
    // records), and the report keeps the same papers, claims, verdicts and answer.
    expect(second.method.sources[0]).toMatch(/^local library \([1-9]\d* matching paper\(s\)\)$/);
    const strip = (model: ReportModel) => ({
      papers: model.papers,
      claims: model.claims,
      answer: model.answer,
      included: model.counts.included,
    });
    expect(strip(second)).toEqual(strip(first));
  });

  it('resumes from a stage using the saved earlier stages', async () => {
    const result = await runLitmus(
      ['--json', '--quiet', 'report', question, '--max-papers', '4', '--out', out(), '--from', 'synthesize'],
      env,
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).timings_ms).not.toHaveProperty('identify');
  });

  it('says plainly when no included paper answers the question', async () => {
    const offDir = join(dir, 'off-topic');
    const result = await runLitmus(
      [
        '--json',
        '--quiet',
        'report',
        offTopic,
        '--max-papers',
        '3',
        '--out',
        offDir,
        '--query',
        'all:summarization',
        '--threshold',
        '0',
        '--claim-threshold',
        '0',
      ],
      env,
    );
    // Papers are included (threshold 0) but none is about code generation or HumanEval-X.
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const model = JSON.parse(readFileSync(join(offDir, 'report.json'), 'utf8')) as ReportModel;
    expect(model.papers.length).toBe(3);
    expect(['none', 'indirect']).toContain(model.answer.evidence_grade);
    expect(model.answer.summary).toMatch(/^No included paper/);
    expect(model.counts.included).toBe(model.papers.length);
  });
});
